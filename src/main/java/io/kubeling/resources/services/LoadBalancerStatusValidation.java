package io.kubeling.resources.services;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/** Kube's ValidateLoadBalancerStatus, with LoadBalancerIPMode on and AllowServiceLBStatusOnNonLB off. */
final class LoadBalancerStatusValidation {

    private static final List<String> IP_MODES = List.of("Proxy", "VIP");

    private LoadBalancerStatusValidation() {
    }

    static List<FieldError> validate(Service service) {
        List<FieldError> errors = new ArrayList<>();
        ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
        List<LoadBalancerIngress> ingresses = service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                ? List.of() : ZeroValues.of(service.getStatus().getLoadBalancer().getIngress());
        String path = "status.loadBalancer.ingress";
        if (!ServiceTypes.is(spec, ServiceTypes.LOAD_BALANCER) && !ingresses.isEmpty()) {
            errors.add(FieldError.forbidden(path, "may only be used when `spec.type` is 'LoadBalancer'"));
            return errors;
        }
        for (int i = 0; i < ingresses.size(); i++) {
            LoadBalancerIngress ingress = ingresses.get(i);
            String at = path + "[" + i + "]";
            String ip = ZeroValues.text(ingress.getIp());
            if (!ip.isEmpty() && !IpAddresses.isValid(ip)) {
                errors.add(FieldError.invalid(at + ".ip", ip, ValidationMessages.INVALID_IP));
            }
            String ipMode = ingress.getIpMode();
            if (ipMode == null) {
                if (!ip.isEmpty()) {
                    errors.add(FieldError.required(at + ".ipMode", "must be specified when `ip` is set"));
                }
            } else if (ip.isEmpty()) {
                errors.add(FieldError.forbidden(at + ".ipMode", "may not be specified when `ip` is not set"));
            } else if (!IP_MODES.contains(ipMode)) {
                errors.add(FieldError.notSupported(at + ".ipMode", ipMode, IP_MODES));
            }
            String hostname = ZeroValues.text(ingress.getHostname());
            if (!hostname.isEmpty()) {
                for (String message : Names.dns1123Subdomain(hostname)) {
                    errors.add(FieldError.invalid(at + ".hostname", hostname, message));
                }
                if (IpAddresses.isValid(hostname)) {
                    errors.add(FieldError.invalid(at + ".hostname", hostname, "must be a DNS name, not an IP address"));
                }
            }
        }
        return errors;
    }
}

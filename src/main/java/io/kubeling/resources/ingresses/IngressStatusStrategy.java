package io.kubeling.resources.ingresses;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerStatus;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;
import io.kubeling.resources.common.NetworkSyntax;

/** ingresses/status: only the status changes; ValidateIngressLoadBalancerStatus checks the addresses. */
class IngressStatusStrategy implements Strategy<Ingress> {

    @Override
    public void prepareForUpdate(Ingress ingress, Ingress old) {
        ingress.setSpec(old.getSpec());
        if (ingress.getStatus() == null) {
            ingress.setStatus(new IngressStatus());
        }
    }

    @Override
    public List<FieldError> validateUpdate(Ingress ingress, Ingress old) {
        List<FieldError> errs = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        IngressLoadBalancerStatus oldStatus = old.getStatus() == null ? null : old.getStatus().getLoadBalancer();
        if (oldStatus != null) {
            for (IngressLoadBalancerIngress entry : IngressValidation.list(oldStatus.getIngress())) {
                if (entry.getIp() != null && !entry.getIp().isEmpty()) {
                    existing.add(entry.getIp());
                }
            }
        }
        IngressLoadBalancerStatus status = ingress.getStatus().getLoadBalancer();
        List<IngressLoadBalancerIngress> entries = status == null ? List.of() : IngressValidation.list(status.getIngress());
        for (int i = 0; i < entries.size(); i++) {
            String path = "status.loadBalancer.ingress[" + i + "]";
            String ip = entries.get(i).getIp();
            if (ip != null && !ip.isEmpty() && NetworkSyntax.ip(ip) == null && !existing.contains(ip)) {
                errs.add(FieldError.invalid(path + ".ip", ip, NetworkSyntax.INVALID_IP));
            }
            String hostname = entries.get(i).getHostname();
            if (hostname != null && !hostname.isEmpty()) {
                Names.dns1123Subdomain(hostname).forEach(m -> errs.add(FieldError.invalid(path + ".hostname", hostname, m)));
                if (NetworkSyntax.ip(hostname) != null) {
                    errs.add(FieldError.invalid(path + ".hostname", hostname, "must be a DNS name, not an IP address"));
                }
            }
        }
        return errs;
    }
}

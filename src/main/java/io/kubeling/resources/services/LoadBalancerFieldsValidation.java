package io.kubeling.resources.services;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/** Kube's checks of the spec fields that only LoadBalancer services may use. */
final class LoadBalancerFieldsValidation {

    static final String SOURCE_RANGES_ANNOTATION = "service.beta.kubernetes.io/load-balancer-source-ranges";

    private LoadBalancerFieldsValidation() {
    }

    static List<FieldError> validate(Service service) {
        ServiceSpec spec = service.getSpec();
        boolean loadBalancer = ServiceTypes.is(spec, ServiceTypes.LOAD_BALANCER);
        List<FieldError> errors = new ArrayList<>(sourceRanges(service, loadBalancer));
        if (spec.getAllocateLoadBalancerNodePorts() != null && !loadBalancer) {
            errors.add(FieldError.forbidden("spec.allocateLoadBalancerNodePorts", ValidationMessages.ONLY_LOAD_BALANCER));
        }
        if (loadBalancer && spec.getAllocateLoadBalancerNodePorts() == null) {
            // Kube reports this one without the "spec." prefix.
            errors.add(FieldError.required("allocateLoadBalancerNodePorts", ""));
        }
        String loadBalancerClass = spec.getLoadBalancerClass();
        if (loadBalancerClass != null) {
            if (loadBalancer) {
                for (String message : Names.qualifiedName(loadBalancerClass)) {
                    errors.add(FieldError.invalid("spec.loadBalancerClass", loadBalancerClass, message));
                }
            } else {
                errors.add(FieldError.forbidden("spec.loadBalancerClass", ValidationMessages.ONLY_LOAD_BALANCER));
            }
        }
        return errors;
    }

    private static List<FieldError> sourceRanges(Service service, boolean loadBalancer) {
        List<FieldError> errors = new ArrayList<>();
        List<String> ranges = ZeroValues.of(service.getSpec().getLoadBalancerSourceRanges());
        String annotation = service.getMetadata() == null ? null
                : ZeroValues.of(service.getMetadata().getAnnotations()).get(SOURCE_RANGES_ANNOTATION);
        if (!ranges.isEmpty()) {
            // Kube spells this path with a capital L.
            String path = "spec.LoadBalancerSourceRanges";
            if (!loadBalancer) {
                errors.add(FieldError.forbidden(path, ValidationMessages.ONLY_LOAD_BALANCER));
            }
            for (int i = 0; i < ranges.size(); i++) {
                // Historically these were allowed to be space-padded.
                String range = ZeroValues.text(ranges.get(i)).strip();
                if (!IpAddresses.isValidCidr(range)) {
                    errors.add(FieldError.invalid(path + "[" + i + "]", range, ValidationMessages.INVALID_CIDR));
                }
            }
        } else if (annotation != null) {
            String path = "metadata.annotations[" + SOURCE_RANGES_ANNOTATION + "]";
            if (!loadBalancer) {
                errors.add(FieldError.forbidden(path, ValidationMessages.ONLY_LOAD_BALANCER));
            }
            String value = annotation.strip();
            if (!value.isEmpty()) {
                for (String part : value.split(",", -1)) {
                    String range = part.strip();
                    if (!IpAddresses.isValidCidr(range)) {
                        errors.add(FieldError.invalid(path, range, ValidationMessages.INVALID_CIDR));
                    }
                }
            }
        }
        return errors;
    }
}

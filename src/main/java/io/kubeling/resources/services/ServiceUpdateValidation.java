package io.kubeling.resources.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.kubeling.registry.validation.FieldError;

/**
 * Kube's checks of what a service update may change: the primary cluster IP and IP family stay (a secondary one
 * may be added or released), and so do the load balancer class and the health check node port.
 */
final class ServiceUpdateValidation {

    private ServiceUpdateValidation() {
    }

    static List<FieldError> validate(ServiceSpec spec, ServiceSpec old) {
        List<FieldError> errors = new ArrayList<>(clusterIPs(spec, old));
        errors.addAll(ipFamilies(spec, old));
        if (ServiceTypes.is(old, ServiceTypes.LOAD_BALANCER) && ServiceTypes.is(spec, ServiceTypes.LOAD_BALANCER)
                && !Objects.equals(old.getLoadBalancerClass(), spec.getLoadBalancerClass())) {
            errors.add(FieldError.invalid("spec.loadBalancerClass", GoValue.pointer(spec.getLoadBalancerClass()),
                    ValidationMessages.MAY_NOT_CHANGE));
        }
        if (ServiceTypes.needsHealthCheck(old) && ServiceTypes.needsHealthCheck(spec)
                && ZeroValues.number(old.getHealthCheckNodePort()) != ZeroValues.number(spec.getHealthCheckNodePort())) {
            errors.add(FieldError.forbidden("spec.healthCheckNodePort", "field is immutable"));
        }
        return errors;
    }

    private static List<FieldError> clusterIPs(ServiceSpec spec, ServiceSpec old) {
        List<FieldError> errors = new ArrayList<>();
        if (ServiceTypes.is(spec, ServiceTypes.EXTERNAL_NAME) || ServiceTypes.is(old, ServiceTypes.EXTERNAL_NAME)
                || (ServiceTypes.isHeadless(spec) && ServiceTypes.isHeadless(old))) {
            return errors;
        }
        List<String> ips = ZeroValues.of(spec.getClusterIPs());
        List<String> oldIPs = ZeroValues.of(old.getClusterIPs());
        GoValue value = GoValue.strings(ips);
        if (oldIPs.size() == ips.size()) {
            for (int i = 0; i < oldIPs.size(); i++) {
                if (!oldIPs.get(i).equals(ips.get(i))) {
                    errors.add(FieldError.invalid("spec.clusterIPs[" + i + "]", value, ValidationMessages.MAY_NOT_CHANGE));
                }
            }
        } else if (oldIPs.size() > ips.size()) {
            if (ips.isEmpty()) {
                errors.add(FieldError.invalid("spec.clusterIPs[0]", value, "primary clusterIP can not be unset"));
            }
            if (!oldIPs.isEmpty() && !ips.isEmpty() && !ips.get(0).equals(oldIPs.get(0))) {
                errors.add(FieldError.invalid("spec.clusterIPs[0]", value, ValidationMessages.MAY_NOT_CHANGE));
            }
            if (ips.size() == 1 && !IPFamilyDefaults.SINGLE_STACK.equals(spec.getIpFamilyPolicy())) {
                errors.add(FieldError.invalid("spec.ipFamilyPolicy", GoValue.pointer(spec.getIpFamilyPolicy()),
                        "must be set to 'SingleStack' when releasing the secondary clusterIP"));
            }
        } else if (!oldIPs.isEmpty() && !ips.get(0).equals(oldIPs.get(0))) {
            errors.add(FieldError.invalid("spec.clusterIPs[0]", value, ValidationMessages.MAY_NOT_CHANGE));
        }
        return errors;
    }

    /** Kube's validateUpgradeDowngradeIPFamilies, including its use of index 0 and of clusterIPs as the value. */
    private static List<FieldError> ipFamilies(ServiceSpec spec, ServiceSpec old) {
        List<FieldError> errors = new ArrayList<>();
        if (ServiceTypes.is(spec, ServiceTypes.EXTERNAL_NAME) || ServiceTypes.is(old, ServiceTypes.EXTERNAL_NAME)
                || ServiceTypes.isHeadless(spec) || ServiceTypes.isHeadless(old)) {
            return errors;
        }
        List<String> families = ZeroValues.of(spec.getIpFamilies());
        List<String> oldFamilies = ZeroValues.of(old.getIpFamilies());
        GoValue clusterIPs = GoValue.strings(ZeroValues.of(spec.getClusterIPs()));
        String path = "spec.ipFamilies[0]";
        if (oldFamilies.size() == families.size()) {
            for (int i = 0; i < oldFamilies.size(); i++) {
                if (!oldFamilies.get(i).equals(families.get(i))) {
                    errors.add(FieldError.invalid(path, GoValue.ipFamilies(families), ValidationMessages.MAY_NOT_CHANGE));
                }
            }
        } else if (oldFamilies.size() > families.size()) {
            if (ZeroValues.of(spec.getClusterIPs()).isEmpty()) {
                errors.add(FieldError.invalid(path, GoValue.ipFamilies(families), "primary ipFamily can not be unset"));
            }
            if (!families.isEmpty() && !families.get(0).equals(oldFamilies.get(0))) {
                errors.add(FieldError.invalid(path, clusterIPs, ValidationMessages.MAY_NOT_CHANGE));
            }
            if (families.size() == 1 && !IPFamilyDefaults.SINGLE_STACK.equals(spec.getIpFamilyPolicy())) {
                errors.add(FieldError.invalid("spec.ipFamilyPolicy", GoValue.pointer(spec.getIpFamilyPolicy()),
                        "must be set to 'SingleStack' when releasing the secondary ipFamily"));
            }
        } else if (!oldFamilies.isEmpty() && !families.get(0).equals(oldFamilies.get(0))) {
            errors.add(FieldError.invalid(path, clusterIPs, ValidationMessages.MAY_NOT_CHANGE));
        }
        return errors;
    }
}

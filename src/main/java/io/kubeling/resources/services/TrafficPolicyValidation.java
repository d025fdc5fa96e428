package io.kubeling.resources.services;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.kubeling.registry.validation.FieldError;

/** Kube's checks of externalTrafficPolicy, healthCheckNodePort, internalTrafficPolicy and trafficDistribution. */
final class TrafficPolicyValidation {

    private static final List<String> POLICIES = List.of(ServiceTypes.POLICY_CLUSTER, ServiceTypes.POLICY_LOCAL);
    private static final String PREFER_CLOSE = "PreferClose";

    private TrafficPolicyValidation() {
    }

    static List<FieldError> validate(ServiceSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        String external = ZeroValues.text(spec.getExternalTrafficPolicy());
        if (!ServiceTypes.externallyAccessible(spec)) {
            if (!external.isEmpty()) {
                errors.add(FieldError.invalid("spec.externalTrafficPolicy", external,
                        "may only be set for externally-accessible services"));
            }
        } else if (external.isEmpty()) {
            errors.add(FieldError.required("spec.externalTrafficPolicy", ""));
        } else if (!POLICIES.contains(external)) {
            errors.add(FieldError.notSupported("spec.externalTrafficPolicy", external, POLICIES));
        }
        int healthCheckNodePort = ZeroValues.number(spec.getHealthCheckNodePort());
        if (!ServiceTypes.needsHealthCheck(spec)) {
            if (healthCheckNodePort != 0) {
                errors.add(FieldError.invalid("spec.healthCheckNodePort", healthCheckNodePort,
                        "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
            }
        } else if (healthCheckNodePort == 0) {
            errors.add(FieldError.required("spec.healthCheckNodePort", ""));
        } else if (!ValidationMessages.isValidPort(healthCheckNodePort)) {
            errors.add(FieldError.invalid("spec.healthCheckNodePort", healthCheckNodePort,
                    ValidationMessages.PORT_RANGE));
        }
        String internal = spec.getInternalTrafficPolicy();
        // Other types may carry it for historical reasons, so it is only required, never forbidden.
        if (internal == null && (ServiceTypes.is(spec, ServiceTypes.NODE_PORT)
                || ServiceTypes.is(spec, ServiceTypes.LOAD_BALANCER) || ServiceTypes.is(spec, ServiceTypes.CLUSTER_IP))) {
            errors.add(FieldError.required("spec.internalTrafficPolicy", ""));
        }
        if (internal != null && !POLICIES.contains(internal)) {
            errors.add(FieldError.notSupported("spec.internalTrafficPolicy", internal, POLICIES));
        }
        String distribution = spec.getTrafficDistribution();
        if (distribution != null && !PREFER_CLOSE.equals(distribution)) {
            errors.add(FieldError.notSupported("spec.trafficDistribution", distribution, List.of(PREFER_CLOSE)));
        }
        return errors;
    }
}

package io.kubeling.resources.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/** Kube's ValidateService, in kube's order, beyond the object metadata checked by the generic store. */
final class ServiceValidation {

    static final String TOPOLOGY_MODE = "service.kubernetes.io/topology-mode";
    static final String TOPOLOGY_AWARE_HINTS = "service.kubernetes.io/topology-aware-hints";
    static final int MAX_AFFINITY_SECONDS = 86400;

    private static final List<String> AFFINITIES = List.of(ServiceDefaults.AFFINITY_CLIENT_IP,
            ServiceDefaults.AFFINITY_NONE);
    private static final List<String> TYPES = List.of(ServiceTypes.CLUSTER_IP, ServiceTypes.EXTERNAL_NAME,
            ServiceTypes.LOAD_BALANCER, ServiceTypes.NODE_PORT);

    private ServiceValidation() {
    }

    static List<FieldError> validate(Service service) {
        ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
        List<FieldError> errors = new ArrayList<>(topologyAnnotations(service));
        boolean headless = ServiceTypes.isHeadless(spec);
        if (ZeroValues.of(spec.getPorts()).isEmpty() && !headless && !ServiceTypes.is(spec, ServiceTypes.EXTERNAL_NAME)) {
            errors.add(FieldError.required("spec.ports", ""));
        }
        errors.addAll(byType(spec, headless));
        errors.addAll(ServicePortValidation.eachPort(spec));
        errors.addAll(selector(spec));
        errors.addAll(sessionAffinity(spec));
        errors.addAll(ClusterIPsValidation.validate(spec));
        errors.addAll(externalIPs(spec));
        String type = ZeroValues.text(spec.getType());
        if (type.isEmpty()) {
            errors.add(FieldError.required("spec.type", ""));
        } else if (!TYPES.contains(type)) {
            errors.add(FieldError.notSupported("spec.type", type, TYPES));
        }
        errors.addAll(ServicePortValidation.acrossPorts(spec));
        errors.addAll(LoadBalancerFieldsValidation.validate(service));
        errors.addAll(TrafficPolicyValidation.validate(spec));
        return errors;
    }

    private static List<FieldError> topologyAnnotations(Service service) {
        Map<String, String> annotations = service.getMetadata() == null ? Map.of()
                : ZeroValues.of(service.getMetadata().getAnnotations());
        String mode = annotations.get(TOPOLOGY_MODE);
        String hints = annotations.get(TOPOLOGY_AWARE_HINTS);
        if (mode != null && hints != null && !mode.equals(hints)) {
            return List.of(FieldError.invalid("metadata.annotations[" + TOPOLOGY_MODE + "]", mode,
                    "must match annotations[" + TOPOLOGY_AWARE_HINTS + "] when both are specified"));
        }
        return List.of();
    }

    private static List<FieldError> byType(ServiceSpec spec, boolean headless) {
        List<FieldError> errors = new ArrayList<>();
        String type = ZeroValues.text(spec.getType());
        if ((ServiceTypes.LOAD_BALANCER.equals(type) || ServiceTypes.NODE_PORT.equals(type)) && headless) {
            errors.add(FieldError.invalid("spec.clusterIPs[0]", ServiceTypes.NONE,
                    "may not be set to 'None' for " + type + " services"));
        }
        if (!ServiceTypes.EXTERNAL_NAME.equals(type)) {
            return errors;
        }
        String notForExternalName = "may not be set for ExternalName services";
        if (!ZeroValues.of(spec.getClusterIPs()).isEmpty()) {
            errors.add(FieldError.forbidden("spec.clusterIPs", notForExternalName));
        }
        if (!ZeroValues.of(spec.getIpFamilies()).isEmpty()) {
            errors.add(FieldError.forbidden("spec.ipFamilies", notForExternalName));
        }
        if (spec.getIpFamilyPolicy() != null) {
            errors.add(FieldError.forbidden("spec.ipFamilyPolicy", notForExternalName));
        }
        // A CNAME may end in a dot to say it is fully qualified.
        String externalName = ZeroValues.text(spec.getExternalName());
        String cname = externalName.endsWith(".") ? externalName.substring(0, externalName.length() - 1) : externalName;
        if (cname.isEmpty()) {
            errors.add(FieldError.required("spec.externalName", ""));
        } else {
            for (String message : Names.dns1123Subdomain(cname)) {
                errors.add(FieldError.invalid("spec.externalName", cname, message));
            }
        }
        return errors;
    }

    private static List<FieldError> selector(ServiceSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        // Kube reports label errors on the map itself, not on a key of it.
        for (Map.Entry<String, String> label : new TreeMap<>(ZeroValues.of(spec.getSelector())).entrySet()) {
            for (String message : Names.qualifiedName(label.getKey())) {
                errors.add(FieldError.invalid("spec.selector", label.getKey(), message));
            }
            String value = ZeroValues.text(label.getValue());
            for (String message : Names.labelValue(value)) {
                errors.add(FieldError.invalid("spec.selector", value, message));
            }
        }
        return errors;
    }

    private static List<FieldError> sessionAffinity(ServiceSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        String affinity = ZeroValues.text(spec.getSessionAffinity());
        if (affinity.isEmpty()) {
            errors.add(FieldError.required("spec.sessionAffinity", ""));
        } else if (!AFFINITIES.contains(affinity)) {
            errors.add(FieldError.notSupported("spec.sessionAffinity", affinity, AFFINITIES));
        }
        SessionAffinityConfig config = spec.getSessionAffinityConfig();
        if (ServiceDefaults.AFFINITY_CLIENT_IP.equals(affinity)) {
            String path = "spec.sessionAffinityConfig";
            String why = "when session affinity type is ClientIP";
            if (config == null) {
                errors.add(FieldError.required(path, why));
            } else if (config.getClientIP() == null) {
                errors.add(FieldError.required(path + ".clientIP", why));
            } else if (config.getClientIP().getTimeoutSeconds() == null) {
                errors.add(FieldError.required(path + ".clientIP.timeoutSeconds", why));
            } else {
                int timeout = config.getClientIP().getTimeoutSeconds();
                if (timeout <= 0 || timeout > MAX_AFFINITY_SECONDS) {
                    errors.add(FieldError.invalid(path + ".clientIP.timeoutSeconds", timeout,
                            "must be greater than 0 and less than " + MAX_AFFINITY_SECONDS));
                }
            }
        } else if (ServiceDefaults.AFFINITY_NONE.equals(affinity) && config != null) {
            errors.add(FieldError.forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"));
        }
        return errors;
    }

    private static List<FieldError> externalIPs(ServiceSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        List<String> ips = ZeroValues.of(spec.getExternalIPs());
        for (int i = 0; i < ips.size(); i++) {
            String path = "spec.externalIPs[" + i + "]";
            String ip = ZeroValues.text(ips.get(i));
            if (!IpAddresses.isValid(ip)) {
                errors.add(FieldError.invalid(path, ip, ValidationMessages.INVALID_IP));
            } else {
                errors.addAll(NonSpecialIPs.validate(ip, path));
            }
        }
        return errors;
    }
}

package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/**
 * kube's ValidateContainerResourceRequirements: resource names a container may ask for, quantities
 * that are valid and not negative, and requests no larger than limits (equal to them for resources
 * that cannot be overcommitted). Entries are checked in name order, where Go's map order is random.
 */
final class ResourceValidation {

    private static final Set<String> STANDARD_CONTAINER = Set.of("cpu", "memory", "ephemeral-storage");
    private static final Set<String> STANDARD = Set.of("cpu", "memory", "ephemeral-storage", "requests.cpu",
            "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
            "limits.ephemeral-storage", "pods", "services", "replicationcontrollers", "resourcequotas", "secrets",
            "configmaps", "persistentvolumeclaims", "storage", "requests.storage", "services.nodeports",
            "services.loadbalancers");
    private static final Set<String> INTEGER = Set.of("pods", "services", "replicationcontrollers",
            "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims", "services.nodeports",
            "services.loadbalancers");

    private ResourceValidation() {
    }

    static List<FieldError> validate(ResourceRequirements r, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (r == null) {
            return errs;
        }
        Map<String, Quantity> limits = sorted(r.getLimits());
        Map<String, Quantity> requests = sorted(r.getRequests());
        boolean cpuOrMemory = false;
        boolean hugePages = false;
        for (var e : limits.entrySet()) {
            String p = path + ".limits[" + e.getKey() + "]";
            errs.addAll(name(e.getKey(), p));
            errs.addAll(quantity(e.getKey(), e.getValue(), p));
            hugePages |= e.getKey().startsWith("hugepages-");
            cpuOrMemory |= e.getKey().equals("cpu") || e.getKey().equals("memory");
        }
        for (var e : requests.entrySet()) {
            String p = path + ".requests[" + e.getKey() + "]";
            errs.addAll(name(e.getKey(), p));
            errs.addAll(quantity(e.getKey(), e.getValue(), p));
            KubeQuantity request = KubeQuantity.of(e.getValue());
            Quantity limitQ = limits.get(e.getKey());
            if (limitQ != null) {
                KubeQuantity limit = KubeQuantity.of(limitQ);
                if (request != null && limit != null) {
                    int cmp = request.compareTo(limit);
                    if (cmp != 0 && !overcommitAllowed(e.getKey())) {
                        errs.add(FieldError.invalid(path + ".requests", request.canonical(),
                                "must be equal to " + e.getKey() + " limit of " + limit.canonical()));
                    } else if (cmp > 0) {
                        errs.add(FieldError.invalid(path + ".requests", request.canonical(),
                                "must be less than or equal to " + e.getKey() + " limit of " + limit.canonical()));
                    }
                }
            } else if (!overcommitAllowed(e.getKey())) {
                errs.add(FieldError.required(path + ".limits", "Limit must be set for non overcommitable resources"));
            }
            hugePages |= e.getKey().startsWith("hugepages-");
            cpuOrMemory |= e.getKey().equals("cpu") || e.getKey().equals("memory");
        }
        if (!cpuOrMemory && hugePages) {
            errs.add(FieldError.forbidden(path, "HugePages require cpu or memory"));
        }
        return errs;
    }

    private static Map<String, Quantity> sorted(Map<String, Quantity> m) {
        return m == null ? new TreeMap<>() : new TreeMap<>(m);
    }

    private static List<FieldError> name(String name, String path) {
        List<FieldError> errs = new ArrayList<>();
        for (String msg : Names.qualifiedName(name)) {
            errs.add(FieldError.invalid(path, name, msg));
        }
        if (!errs.isEmpty()) {
            return errs;
        }
        if (!name.contains("/")) {
            if (!STANDARD.contains(name) && !name.startsWith("hugepages-")) {
                errs.add(FieldError.invalid(path, name, "must be a standard resource type or fully qualified"));
            }
            if (!STANDARD_CONTAINER.contains(name) && !name.startsWith("hugepages-")) {
                errs.add(FieldError.invalid(path, name, "must be a standard resource for containers"));
            }
        } else if (!isNative(name) && !extended(name)) {
            errs.add(FieldError.invalid(path, name, "doesn't follow extended resource name standard"));
        }
        return errs;
    }

    private static List<FieldError> quantity(String name, Quantity q, String path) {
        KubeQuantity value = KubeQuantity.of(q);
        if (value == null) {
            return List.of(FieldError.invalid(path, q == null ? "" : q.toString(), KubeQuantity.FORMAT_ERROR));
        }
        List<FieldError> errs = new ArrayList<>();
        if (value.value().signum() < 0) {
            errs.add(FieldError.invalid(path, value.canonical(), "must be greater than or equal to 0"));
        }
        if ((INTEGER.contains(name) || extended(name)) && value.value().stripTrailingZeros().scale() > 0) {
            errs.add(FieldError.invalid(path, value.canonical(), "must be an integer"));
        }
        return errs;
    }

    /** Resources kube defines itself: unprefixed, or under kubernetes.io/. */
    private static boolean isNative(String name) {
        return !name.contains("/") || name.contains("kubernetes.io/");
    }

    private static boolean extended(String name) {
        return !isNative(name) && !name.startsWith("requests.") && Names.qualifiedName("requests." + name).isEmpty();
    }

    /** Requests may be below limits for kube's own resources, but must equal them for extended ones and hugepages. */
    private static boolean overcommitAllowed(String name) {
        return isNative(name) && !name.startsWith("hugepages-");
    }
}

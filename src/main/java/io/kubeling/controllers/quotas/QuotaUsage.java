package io.kubeling.controllers.quotas;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.resources.pods.Quantities;

/**
 * What one object uses of a quota, as kube's quota evaluators count it: one of its kind ({@code pods},
 * {@code count/deployments.apps}), and for pods that have not finished their compute requests and limits, for
 * services their load balancers and node ports, for claims their storage, also per storage class.
 */
final class QuotaUsage {

    private static final Map<String, String> LEGACY = Map.of("pods", "pods", "services", "services",
            "configmaps", "configmaps", "secrets", "secrets", "persistentvolumeclaims", "persistentvolumeclaims",
            "replicationcontrollers", "replicationcontrollers", "resourcequotas", "resourcequotas");
    private static final Set<String> POD_SCOPED = Set.of("pods", "count/pods", "cpu", "memory", "requests.cpu",
            "requests.memory", "limits.cpu", "limits.memory", "ephemeral-storage", "requests.ephemeral-storage",
            "limits.ephemeral-storage");

    private QuotaUsage() {
    }

    /** The object's usage of each resource {@code quota} limits, zero omitted; empty when the quota does not cover it. */
    static Map<String, BigDecimal> of(ResourceDefinition<?> def, HasMetadata object, ResourceQuota quota) {
        return masked(usage(def, object), object, quota);
    }

    /** Of {@code usage} (an object's, or what a change of it adds), what {@code quota} counts. */
    static Map<String, BigDecimal> masked(Map<String, BigDecimal> usage, HasMetadata object, ResourceQuota quota) {
        Map<String, Quantity> hard = quota.getSpec() == null || quota.getSpec().getHard() == null ? Map.of()
                : quota.getSpec().getHard();
        List<ScopedResourceSelectorRequirement> scopes = QuotaScopes.of(quota);
        if (!QuotaScopes.matches(object, scopes)) {
            return Map.of();
        }
        Map<String, BigDecimal> masked = new HashMap<>();
        usage.forEach((k, v) -> {
            if (hard.containsKey(k) && (scopes.isEmpty() || POD_SCOPED.contains(k))) {
                masked.put(k, v);
            }
        });
        return masked;
    }

    /** What {@code now} uses beyond {@code before}, as kube's SubtractWithNonNegativeResult less the zeros. */
    static Map<String, BigDecimal> increase(Map<String, BigDecimal> now, Map<String, BigDecimal> before) {
        Map<String, BigDecimal> more = new HashMap<>();
        now.forEach((k, v) -> {
            BigDecimal d = v.subtract(before.getOrDefault(k, BigDecimal.ZERO));
            if (d.signum() > 0) {
                more.put(k, d);
            }
        });
        return more;
    }

    /** Whether objects of {@code def} can use any of {@code hard}'s resources. */
    static boolean relevant(ResourceDefinition<?> def, Set<String> hard) {
        if (!def.namespaced()) {
            return false;
        }
        String count = "count/" + def.plural() + (def.group().isEmpty() ? "" : "." + def.group());
        if (hard.contains(count) || def.group().isEmpty() && hard.contains(LEGACY.get(def.plural()))) {
            return true;
        }
        if (def.type() == Pod.class) {
            return hard.stream().anyMatch(POD_SCOPED::contains);
        }
        if (def.type() == Service.class) {
            return hard.contains("services.loadbalancers") || hard.contains("services.nodeports");
        }
        if (def.type() == PersistentVolumeClaim.class) {
            return hard.stream().anyMatch(k -> k.equals("requests.storage") || k.contains(".storageclass.storage.k8s.io/"));
        }
        return false;
    }

    static Map<String, BigDecimal> usage(ResourceDefinition<?> def, HasMetadata object) {
        Map<String, BigDecimal> usage = new HashMap<>();
        if (object instanceof Pod pod && terminal(pod)) {
            return usage;
        }
        usage.put("count/" + def.plural() + (def.group().isEmpty() ? "" : "." + def.group()), BigDecimal.ONE);
        if (def.group().isEmpty() && LEGACY.containsKey(def.plural())) {
            usage.put(LEGACY.get(def.plural()), BigDecimal.ONE);
        }
        if (object instanceof Pod pod) {
            compute(pod, usage);
        } else if (object instanceof Service service) {
            String type = service.getSpec() == null ? null : service.getSpec().getType();
            if ("LoadBalancer".equals(type)) {
                usage.put("services.loadbalancers", BigDecimal.ONE);
            }
            if ("LoadBalancer".equals(type) || "NodePort".equals(type)) {
                List<ServicePort> ports = service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
                // without allocated node ports a load balancer takes only those its ports ask for
                boolean allocated = !"LoadBalancer".equals(type)
                        || !Boolean.FALSE.equals(service.getSpec().getAllocateLoadBalancerNodePorts());
                long nodePorts = allocated ? ports.size()
                        : ports.stream().filter(p -> p.getNodePort() != null && p.getNodePort() != 0).count();
                usage.put("services.nodeports", BigDecimal.valueOf(nodePorts));
            }
        } else if (object instanceof PersistentVolumeClaim pvc) {
            BigDecimal storage = pvc.getSpec() == null || pvc.getSpec().getResources() == null
                    || pvc.getSpec().getResources().getRequests() == null ? null
                    : Quantities.value(pvc.getSpec().getResources().getRequests().get("storage"));
            String className = pvc.getSpec() == null ? null : pvc.getSpec().getStorageClassName();
            if (storage != null) {
                usage.put("requests.storage", storage);
            }
            if (className != null && !className.isEmpty()) {
                String prefix = className + ".storageclass.storage.k8s.io/";
                usage.put(prefix + "persistentvolumeclaims", BigDecimal.ONE);
                if (storage != null) {
                    usage.put(prefix + "requests.storage", storage);
                }
            }
        }
        usage.values().removeIf(v -> v.signum() == 0);
        return usage;
    }

    private static void compute(Pod pod, Map<String, BigDecimal> usage) {
        for (String resource : List.of("cpu", "memory", "ephemeral-storage")) {
            BigDecimal requests = podTotal(pod, resource, true);
            BigDecimal limits = podTotal(pod, resource, false);
            usage.put(resource, requests);
            usage.put("requests." + resource, requests);
            usage.put("limits." + resource, limits);
        }
    }

    /** The sum over containers, or the largest init container's when that is more, as kube's PodRequests. */
    private static BigDecimal podTotal(Pod pod, String resource, boolean requests) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Container c : pod.getSpec().getContainers()) {
            sum = sum.add(amount(c, resource, requests));
        }
        if (pod.getSpec().getInitContainers() != null) {
            for (Container c : pod.getSpec().getInitContainers()) {
                sum = sum.max(amount(c, resource, requests));
            }
        }
        return sum;
    }

    private static BigDecimal amount(Container c, String resource, boolean requests) {
        if (c.getResources() == null) {
            return BigDecimal.ZERO;
        }
        Map<String, Quantity> list = requests ? c.getResources().getRequests() : c.getResources().getLimits();
        BigDecimal v = list == null ? null : Quantities.value(list.get(resource));
        return v == null ? BigDecimal.ZERO : v;
    }

    private static boolean terminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }
}

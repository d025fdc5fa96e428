package io.kubeling.controllers.autoscaling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.kubeling.controllers.metrics.ContainerUsage;
import io.kubeling.controllers.metrics.PodUsage;
import io.kubeling.controllers.metrics.SimulatedUsage;
import io.kubeling.registry.selection.FieldSelector;
import io.kubeling.registry.selection.LabelSelector;

/**
 * The HPA's resource metrics client over the simulated metrics API: each pod's usage of cpu or memory summed over
 * its containers (or one container's), as the controller reads PodMetrics from metrics.k8s.io.
 */
final class ResourceMetrics {

    /** A metric that could not be read, with kube's error text. */
    static final class MetricsFailure extends RuntimeException {
        MetricsFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final SimulatedUsage usage;

    ResourceMetrics(SimulatedUsage usage) {
        this.usage = usage;
    }

    /** getPodMetrics / getContainerMetrics: pods missing the resource in a container are left out. */
    Map<String, PodMetric> get(String resource, String namespace, LabelSelector selector, String container) {
        List<PodUsage> pods = usage.pods(namespace, selector, FieldSelector.EVERYTHING);
        if (pods.isEmpty()) {
            throw new MetricsFailure("no metrics returned from resource metrics API");
        }
        Map<String, PodMetric> out = new HashMap<>();
        for (PodUsage pod : pods) {
            long sum = 0;
            boolean found = container == null;
            boolean missing = false;
            for (ContainerUsage c : pod.containers()) {
                if (container != null && !container.equals(c.name())) {
                    continue;
                }
                found = true;
                Long value = milli(resource, c);
                if (value == null) {
                    missing = true;
                    break;
                }
                sum += value;
            }
            if (!found) {
                throw new MetricsFailure("failed to get container metrics: container " + container
                        + " not present in metrics for pod " + pod.namespace() + "/" + pod.name());
            }
            if (!missing && !pod.containers().isEmpty()) {
                out.put(pod.name(), new PodMetric(sum, pod.timestamp(), pod.window()));
            }
        }
        return out;
    }

    /** The usage in thousandths, rounded up as Quantity.MilliValue rounds; null for a resource not measured. */
    private static Long milli(String resource, ContainerUsage c) {
        return switch (resource) {
            case "cpu" -> -Math.floorDiv(-c.usage().nanocores(), 1_000_000L);
            case "memory" -> c.usage().bytes() * 1000;
            default -> null;
        };
    }
}

package io.kubeling.controllers.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kubeling.registry.Timestamps;

/** The metrics.k8s.io/v1beta1 objects, shaped and ordered as metrics-server encodes them. */
final class MetricsObjects {

    static final String API_VERSION = "metrics.k8s.io/v1beta1";

    private MetricsObjects() {
    }

    static Map<String, Object> pod(PodUsage usage, Instant now) {
        Map<String, Object> out = head("PodMetrics", meta(usage.name(), usage.namespace(), usage.labels(), now));
        out.put("timestamp", Timestamps.format(usage.timestamp()));
        out.put("window", window(usage.window()));
        List<Object> containers = new ArrayList<>();
        for (ContainerUsage c : usage.containers()) {
            Map<String, Object> container = new LinkedHashMap<>();
            container.put("name", c.name());
            container.put("usage", usage(c.usage()));
            containers.add(container);
        }
        out.put("containers", containers);
        return out;
    }

    static Map<String, Object> node(NodeUsage usage, Instant now) {
        Map<String, Object> out = head("NodeMetrics", meta(usage.name(), null, usage.labels(), now));
        out.put("timestamp", Timestamps.format(usage.timestamp()));
        out.put("window", window(usage.window()));
        out.put("usage", usage(usage.usage()));
        return out;
    }

    private static Map<String, Object> head(String kind, Map<String, Object> metadata) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        out.put("apiVersion", API_VERSION);
        out.put("metadata", metadata);
        return out;
    }

    /** metrics-server stamps each answer with the time it was made, not the pod's. */
    private static Map<String, Object> meta(String name, String namespace, Map<String, String> labels, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        if (namespace != null) {
            out.put("namespace", namespace);
        }
        out.put("creationTimestamp", Timestamps.format(now));
        if (!labels.isEmpty()) {
            out.put("labels", new java.util.TreeMap<>(labels));
        }
        return out;
    }

    private static Map<String, Object> usage(Usage usage) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cpu", usage.cpu());
        out.put("memory", usage.memory());
        return out;
    }

    /** A Go time.Duration as metav1.Duration encodes it ({@code 15s}, {@code 1m0s}). */
    static String window(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        return seconds / 60 + "m" + seconds % 60 + "s";
    }
}

package io.kubeling.controllers.metrics;

/** One container's usage in a pod's metrics. */
public record ContainerUsage(String name, Usage usage) {
}

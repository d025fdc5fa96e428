package io.kubeling.controllers.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A node's metrics as metrics-server reports them. */
public record NodeUsage(String name, Map<String, String> labels, Instant timestamp, Duration window, Usage usage) {
}

package io.kubeling.controllers.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A pod's metrics as metrics-server reports them: the usage of its containers over the window before a scrape. */
public record PodUsage(String namespace, String name, Map<String, String> labels, Instant timestamp,
        Duration window, List<ContainerUsage> containers) {

    public Usage total() {
        Usage sum = Usage.ZERO;
        for (ContainerUsage c : containers) {
            sum = sum.plus(c.usage());
        }
        return sum;
    }
}

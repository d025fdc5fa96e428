package io.kubeling.controllers.autoscaling;

import java.time.Duration;
import java.time.Instant;

/** One pod's value of a metric, in thousandths of its unit, and the window it was measured over. */
record PodMetric(long value, Instant timestamp, Duration window) {
}

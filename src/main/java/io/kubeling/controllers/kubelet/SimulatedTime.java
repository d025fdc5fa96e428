package io.kubeling.controllers.kubelet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The clock and the factor every simulated delay is multiplied by. */
record SimulatedTime(Clock clock, double scale) {

    Instant now() {
        return clock.instant();
    }

    Duration scaled(Duration simulated) {
        if (scale == 1.0) {
            return simulated;
        }
        return Duration.ofNanos((long) (simulated.toNanos() * scale));
    }
}

package io.kubeling.controllers.metrics;

import java.time.Duration;
import java.time.Instant;

/**
 * metrics-server's scrape schedule on the simulation clock: every {@link #RESOLUTION} (its default
 * {@code --metric-resolution}), at multiples of it since the epoch. A usage needs two scrapes, so
 * something started less than a resolution before the latest scrape has no metrics yet.
 */
final class Scrapes {

    static final Duration RESOLUTION = Duration.ofSeconds(15);

    private Scrapes() {
    }

    /** The latest scrape at or before now. */
    static Instant latest(Instant now) {
        long step = RESOLUTION.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), step) * step);
    }

    /** The scrape's number, which the simulated variation follows. */
    static long index(Instant scrape) {
        return Math.floorDiv(scrape.toEpochMilli(), RESOLUTION.toMillis());
    }

    /** Whether something started at {@code started} was seen by the scrape before {@code scrape} too. */
    static boolean measured(Instant started, Instant scrape) {
        return started != null && !started.isAfter(scrape.minus(RESOLUTION));
    }
}

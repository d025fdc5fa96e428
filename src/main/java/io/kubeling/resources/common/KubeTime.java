package io.kubeling.resources.common;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.kubeling.registry.Timestamps;

/** metav1.Time as the printers read it: absent, empty and Go's zero time all mean "not set". */
public final class KubeTime {

    /** Go's time.Time{}, which kube serializes when a timestamp was never set. */
    private static final Instant GO_ZERO = Instant.parse("0001-01-01T00:00:00Z");

    private KubeTime() {
    }

    /** The instant, or null when the timestamp is not set. */
    public static Instant parse(String timestamp) {
        Instant instant;
        try {
            instant = Timestamps.parse(timestamp);
        } catch (DateTimeParseException e) {
            // One unreadable timestamp prints as unknown rather than failing a whole listing.
            return null;
        }
        return GO_ZERO.equals(instant) ? null : instant;
    }
}

package io.kubeling.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** RFC 3339 timestamps at second precision, as metav1.Time serializes. */
public final class Timestamps {

    /** The last second formatted: writes come many to a second, and each stamps the time. */
    private record Formatted(long second, String text) {
    }

    private static volatile Formatted last = new Formatted(Long.MIN_VALUE, null);

    private Timestamps() {
    }

    public static String now(Clock clock) {
        return format(clock.instant());
    }

    public static String format(Instant instant) {
        long second = instant.getEpochSecond();
        Formatted formatted = last;
        if (formatted.second() != second) {
            formatted = new Formatted(second, DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(second)));
            last = formatted;
        }
        return formatted.text();
    }

    public static Instant parse(String text) {
        return text == null || text.isEmpty() ? null : Instant.parse(text);
    }
}

package io.kubeling.resources.common;

import java.time.Duration;
import java.time.Instant;

/**
 * Ages as kube prints them: apimachinery's duration.HumanDuration and ShortHumanDuration, computed on
 * Go's time.Duration (whole nanoseconds, saturating at the int64 range, truncated toward zero).
 */
public final class Ages {

    public static final String UNKNOWN = "<unknown>";
    public static final String INVALID = "<invalid>";

    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    private Ages() {
    }

    /** translateTimestampSince: the age of a timestamp at {@code now}, {@code <unknown>} when it is not set. */
    public static String since(String timestamp, Instant now) {
        return since(KubeTime.parse(timestamp), now);
    }

    public static String since(Instant time, Instant now) {
        return time == null ? UNKNOWN : human(between(time, now));
    }

    /** time.Sub: the time elapsed from {@code start} to {@code end}, negative when {@code start} is later. */
    public static Duration between(Instant start, Instant end) {
        return Duration.between(start, end);
    }

    /** duration.HumanDuration: about two or three significant figures, e.g. {@code 3m2s}, {@code 5h7m}, {@code 2d3h}. */
    public static String human(Duration duration) {
        long d = nanos(duration);
        // Two seconds of clock skew are tolerated and read as "now".
        long seconds = d / SECOND;
        if (seconds < -1) {
            return INVALID;
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60 * 2) {
            return seconds + "s";
        }
        long minutes = d / MINUTE;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        } else if (minutes < 60 * 3) {
            return minutes + "m";
        }
        long hours = d / HOUR;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        } else if (hours < 48) {
            return hours + "h";
        } else if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        } else if (hours < 24 * 365 * 2) {
            return hours / 24 + "d";
        } else if (hours < 24 * 365 * 8) {
            long dy = hours / 24 % 365;
            return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
        }
        return hours / 24 / 365 + "y";
    }

    /** duration.ShortHumanDuration: one unit only, e.g. {@code 59s}, {@code 3m}, {@code 5h}, {@code 2d}, {@code 3y}. */
    public static String shortHuman(Duration duration) {
        long d = nanos(duration);
        long seconds = d / SECOND;
        if (seconds < -1) {
            return INVALID;
        } else if (seconds < 0) {
            return "0s";
        } else if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = d / MINUTE;
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = d / HOUR;
        if (hours < 24) {
            return hours + "h";
        } else if (hours < 24 * 365) {
            return hours / 24 + "d";
        }
        return hours / 24 / 365 + "y";
    }

    /** Go's Duration is int64 nanoseconds and time.Sub saturates rather than overflowing. */
    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException overflow) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}

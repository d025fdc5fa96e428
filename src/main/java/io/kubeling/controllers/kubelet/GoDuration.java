package io.kubeling.controllers.kubelet;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations as Go's time.Duration prints them: {@code 812ms}, {@code 1.5s}, {@code 1m20s}, {@code 5m0s}. */
final class GoDuration {

    private GoDuration() {
    }

    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < 1_000_000_000L) {
            if (nanos >= 1_000_000) {
                return trim(BigDecimal.valueOf(nanos, 6)) + "ms";
            }
            if (nanos >= 1_000) {
                return trim(BigDecimal.valueOf(nanos, 3)) + "µs";
            }
            return nanos + "ns";
        }
        long hours = nanos / 3_600_000_000_000L;
        long minutes = nanos / 60_000_000_000L % 60;
        BigDecimal seconds = BigDecimal.valueOf(nanos % 60_000_000_000L, 9);
        StringBuilder out = new StringBuilder();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(trim(seconds)).append('s').toString();
    }

    private static String trim(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }
}

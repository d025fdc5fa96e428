package io.kubeling.controllers.metrics;

/** CPU in nanocores and memory (working set) in bytes, as the kubelet's resource metrics report them. */
public record Usage(long nanocores, long bytes) {

    static final Usage ZERO = new Usage(0, 0);

    Usage plus(Usage other) {
        return new Usage(nanocores + other.nanocores, bytes + other.bytes);
    }

    /** The CPU as metrics-server prints it: a canonical quantity, in nanocores unless a larger unit is exact. */
    public String cpu() {
        return decimal(nanocores);
    }

    /** The memory as metrics-server prints it: a canonical binary quantity ({@code 12345Ki}). */
    public String memory() {
        return binary(bytes);
    }

    static String decimal(long nanos) {
        if (nanos == 0) {
            return "0";
        }
        if (nanos % 1_000_000_000L == 0) {
            return Long.toString(nanos / 1_000_000_000L);
        }
        if (nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "m";
        }
        if (nanos % 1_000L == 0) {
            return nanos / 1_000L + "u";
        }
        return nanos + "n";
    }

    static String binary(long bytes) {
        String[] suffixes = {"", "Ki", "Mi", "Gi", "Ti"};
        int i = 0;
        long value = bytes;
        while (value != 0 && value % 1024 == 0 && i < suffixes.length - 1) {
            value /= 1024;
            i++;
        }
        return value + suffixes[i];
    }
}

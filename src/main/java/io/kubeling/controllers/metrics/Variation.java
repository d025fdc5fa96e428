package io.kubeling.controllers.metrics;

import java.nio.charset.StandardCharsets;

/** A small deterministic wobble (within 5%) of a baseline, the same for the same seed and scrape. */
final class Variation {

    private Variation() {
    }

    static long apply(long baseline, String seed, long scrape) {
        long h = 0xcbf29ce484222325L;
        for (byte b : seed.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= scrape * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        double unit = (h >>> 11) * 0x1.0p-53; // uniform in [0, 1)
        return baseline + Math.round(baseline * 0.1 * (unit - 0.5));
    }
}

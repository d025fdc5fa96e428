package io.kubeling.controllers.kubelet;

import java.util.Set;

/**
 * Pod IPs from a node's podCIDR, as the host-local IPAM plugin hands them out: the next free address
 * after the last one handed out, from .2 on (.1 is the gateway), going round to .2 at the end of the
 * range. A node without a podCIDR gets a /24 of 10.244.0.0/16 picked by its name.
 */
final class PodAddresses {

    private final String cidr;
    private final long base;
    private final long size;
    private long lastOffset = 1;

    PodAddresses(String cidr, String nodeName) {
        String range = cidr;
        if (range == null || !range.matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+")) {
            range = "10.244." + (Math.abs(nodeName.hashCode()) % 254 + 1) + ".0/24";
        }
        this.cidr = cidr;
        String[] parts = range.split("/");
        int prefix = Integer.parseInt(parts[1]);
        long address = toLong(parts[0]);
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        this.base = address & mask;
        this.size = 1L << (32 - Math.min(32, Math.max(prefix, 0)));
    }

    String cidr() {
        return cidr;
    }

    /** The next address not in use after the last one handed out; with none free, .2. */
    String next(Set<String> used) {
        long span = size - 3;
        for (long step = 1; step <= span; step++) {
            long offset = 2 + (lastOffset - 2 + step + span) % span;
            String candidate = toText(base + offset);
            if (!used.contains(candidate)) {
                lastOffset = offset;
                return candidate;
            }
        }
        return toText(base + 2);
    }

    private static long toLong(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }

    private static String toText(long value) {
        return ((value >> 24) & 0xFF) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + (value & 0xFF);
    }
}

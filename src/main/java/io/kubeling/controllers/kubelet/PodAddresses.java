package io.kubeling.controllers.kubelet;

import java.util.Set;

/**
 * Pod IPs from a node's podCIDR, as the host-local IPAM plugin hands them out: the first free
 * address after the gateway (.1). A node without a podCIDR gets a /24 of 10.244.0.0/16 picked by its name.
 */
final class PodAddresses {

    private final String cidr;
    private final long base;
    private final long size;

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

    /** The first address not in use, from .2 on. */
    String next(Set<String> used) {
        for (long offset = 2; offset < size - 1; offset++) {
            String candidate = toText(base + offset);
            if (!used.contains(candidate)) {
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

package io.kubeling.controllers.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The load balancer address pool: IPv4 entries, each a CIDR or a {@code first-last} range. */
final class AddressPool {

    private final List<long[]> ranges = new ArrayList<>();

    AddressPool(List<String> entries) {
        for (String entry : entries) {
            String text = entry.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.contains("/")) {
                int slash = text.indexOf('/');
                int bits = Integer.parseInt(text.substring(slash + 1));
                long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
                long network = toLong(text.substring(0, slash)) & mask;
                long size = 1L << (32 - bits);
                // Network and broadcast addresses are left out when there is room for them to be.
                ranges.add(size > 2 ? new long[] {network + 1, network + size - 2} : new long[] {network, network + size - 1});
            } else if (text.contains("-")) {
                String[] ends = text.split("-");
                ranges.add(new long[] {toLong(ends[0].strip()), toLong(ends[1].strip())});
            } else {
                long single = toLong(text);
                ranges.add(new long[] {single, single});
            }
        }
    }

    /** The first address of the pool not in {@code used}, or null when the pool is exhausted. */
    String firstFree(Set<String> used) {
        for (long[] range : ranges) {
            for (long a = range[0]; a <= range[1]; a++) {
                String address = format(a);
                if (!used.contains(address)) {
                    return address;
                }
            }
        }
        return null;
    }

    private static long toLong(String ip) {
        String[] parts = ip.split("\\.");
        if (parts.length != 4) {
            throw new IllegalArgumentException("kubeling.services.load-balancer-pool: not an IPv4 address: " + ip);
        }
        long value = 0;
        for (String part : parts) {
            value = (value << 8) | (Integer.parseInt(part) & 0xFF);
        }
        return value;
    }

    private static String format(long value) {
        return ((value >> 24) & 0xFF) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + (value & 0xFF);
    }
}

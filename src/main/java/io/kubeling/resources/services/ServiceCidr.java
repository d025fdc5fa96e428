package io.kubeling.resources.services;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The IPv4 service range as kube's IP allocator sees it: every address but the network and broadcast
 * addresses, numbered from 0 (the first address, which the {@code kubernetes} service holds).
 */
record ServiceCidr(String text, long network, int size) {

    static ServiceCidr parse(String cidr) {
        int slash = cidr.indexOf('/');
        InetAddress address = slash < 0 ? null : IpAddresses.parse(cidr.substring(0, slash));
        if (!(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("kubeling.services.service-cidr must be an IPv4 CIDR: " + cidr);
        }
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        if (bits < 8 || bits > 30) {
            throw new IllegalArgumentException("kubeling.services.service-cidr must have a prefix of /8 to /30: " + cidr);
        }
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        long network = toLong(address) & mask;
        long total = 1L << (32 - bits);
        return new ServiceCidr(format(network) + "/" + bits, network, (int) (total - 2));
    }

    /** The offset of an address, or -1 when it is not in the usable range. */
    int offsetOf(String ip) {
        InetAddress address = IpAddresses.parse(ip);
        if (!(address instanceof Inet4Address)) {
            return -1;
        }
        long offset = toLong(address) - network - 1;
        return offset < 0 || offset >= size ? -1 : (int) offset;
    }

    String addressAt(int offset) {
        return format(network + 1 + offset);
    }

    /** Kube's calculateRangeOffset for service IPs: the low band kept for explicit requests. */
    int staticBand() {
        return size < 16 ? 0 : Math.max(16, Math.min(256, size / 16));
    }

    static long toLong(InetAddress address) {
        byte[] b = address.getAddress();
        int from = b.length - 4;
        return ((b[from] & 0xFFL) << 24) | ((b[from + 1] & 0xFFL) << 16) | ((b[from + 2] & 0xFFL) << 8) | (b[from + 3] & 0xFFL);
    }

    static String format(long value) {
        return ((value >> 24) & 0xFF) + "." + ((value >> 16) & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + (value & 0xFF);
    }
}

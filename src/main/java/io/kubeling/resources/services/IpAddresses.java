package io.kubeling.resources.services;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IP address parsing as Go's net.ParseIP in the sloppy form kube uses (leading zeros allowed in IPv4), without
 * ever asking a resolver: InetAddress is only given text that is an address literal.
 */
final class IpAddresses {

    static final String IPV4 = "IPv4";
    static final String IPV6 = "IPv6";

    private IpAddresses() {
    }

    /** The address, or null when the text is not an IPv4 or IPv6 address. */
    static InetAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return parseIPv4(text);
        }
        // InetAddress only takes text as a literal when it starts like one; anything else would go to a resolver.
        if (text.charAt(0) != ':' && Character.digit(text.charAt(0), 16) < 0) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c == ':' || c == '.' || Character.digit(c, 16) >= 0;
            if (!allowed) {
                return null;
            }
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static boolean isValid(String text) {
        return parse(text) != null;
    }

    /** IPv4 or IPv6 as kube's family helpers answer it (an IPv4-mapped IPv6 address counts as IPv4), or null. */
    static String family(String text) {
        InetAddress address = parse(text);
        if (address == null) {
            return null;
        }
        return address instanceof Inet4Address ? IPV4 : IPV6;
    }

    /** Go's ParseCIDR in its sloppy form: an address, a slash and a prefix length that fits the address. */
    static boolean isValidCidr(String text) {
        if (text == null) {
            return false;
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String address = text.substring(0, slash);
        String prefix = text.substring(slash + 1);
        if (parse(address) == null || prefix.isEmpty()) {
            return false;
        }
        int bits = address.indexOf(':') < 0 ? 32 : 128;
        int length = 0;
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            length = length * 10 + (c - '0');
            if (length > bits) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress parseIPv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < part.length(); j++) {
                char c = part.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                value = value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
            }
            bytes[i] = (byte) value;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}

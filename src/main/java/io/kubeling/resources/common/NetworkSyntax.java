package io.kubeling.resources.common;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import io.kubeling.registry.validation.Names;

/**
 * Port and address values as kube's util/validation checks them (IsValidPortNum, IsValidPortName) and as Go's
 * sloppy net parsers read them (leading zeros allowed in IPv4), never asking a resolver.
 */
public final class NetworkSyntax {

    public static final String INVALID_IP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
    public static final String INVALID_CIDR = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";

    /** A parsed CIDR: its network address as a number, its prefix length and its address width in bits. */
    public record Cidr(BigInteger network, int prefix, int bits) {

        /** Whether {@code other} lies inside this range and is strictly narrower, as kube's ipBlock.except must. */
        public boolean strictlyContains(Cidr other) {
            return bits == other.bits && prefix < other.prefix
                    && other.network.shiftRight(bits - prefix).equals(network.shiftRight(bits - prefix));
        }
    }

    private NetworkSyntax() {
    }

    public static List<String> portNumber(long port) {
        return port >= 1 && port <= 65535 ? List.of() : List.of("must be between 1 and 65535, inclusive");
    }

    /** IANA_SVC_NAME: at most 15 lower-case alphanumerics or hyphens, with a letter, no "--". */
    public static List<String> portName(String port) {
        List<String> errs = new ArrayList<>();
        if (port.length() > 15) {
            errs.add(Names.maxLength(15));
        }
        // kube's charset regex is anchored, its letter regex is not: a letter anywhere counts
        boolean charset = !port.isEmpty();
        boolean letter = false;
        for (int i = 0; i < port.length(); i++) {
            char c = port.charAt(i);
            boolean lower = c >= 'a' && c <= 'z';
            letter |= lower;
            charset &= lower || c >= '0' && c <= '9' || c == '-';
        }
        if (!charset) {
            errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!letter) {
            errs.add("must contain at least one letter (a-z)");
        }
        if (port.contains("--")) {
            errs.add("must not contain consecutive hyphens");
        }
        if (!port.isEmpty() && (port.charAt(0) == '-' || port.charAt(port.length() - 1) == '-')) {
            errs.add("must not begin or end with a hyphen");
        }
        return errs;
    }

    /** Go's net.ParseIP in kube's sloppy form; null when the text is not an address. */
    public static InetAddress ip(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ':' && c != '.' && !isAsciiHex(c)) {
                return null;
            }
        }
        try {
            return InetAddress.getByName("[" + text + "]");
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Go's net.ParseCIDR in its sloppy form, the host bits masked off; null when the text is not a CIDR. */
    public static Cidr cidr(String text) {
        if (text == null) {
            return null;
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        InetAddress address = ip(text.substring(0, slash));
        String prefixText = text.substring(slash + 1);
        if (address == null || prefixText.isEmpty() || prefixText.length() > 3
                || !isAsciiDecimal(prefixText)) {
            return null;
        }
        byte[] bytes = address.getAddress();
        // an IPv4 address written in IPv6 form keeps IPv6 bits, as Go's parser does
        int bits = text.substring(0, slash).indexOf(':') < 0 ? 32 : 128;
        if (bits == 128 && bytes.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            bytes = mapped;
        }
        int prefix = Integer.parseInt(prefixText);
        if (prefix > bits) {
            return null;
        }
        BigInteger value = new BigInteger(1, bytes);
        BigInteger network = value.shiftRight(bits - prefix).shiftLeft(bits - prefix);
        return new Cidr(network, prefix, bits);
    }

    private static InetAddress ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !isAsciiDecimal(part)) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    // Go's parsers read ASCII digits only; Java's Character.isDigit also takes other scripts' digits
    private static boolean isAsciiDecimal(String text) {
        return text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isAsciiHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}

package io.kubeling.cel;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP address for kube's ip() library, parsed as Go's netip does: literal addresses only, no zones. */
record NetAddress(InetAddress inet) {

    static NetAddress parseIp(String s) {
        if (s.isEmpty() || s.contains("%") || s.contains("/")) {
            return null;
        }
        if (!s.contains(":")) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            for (String p : parts) {
                if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255 || p.length() > 1 && p.startsWith("0")) {
                    return null;
                }
            }
        } else if (!s.matches("[0-9a-fA-F:]+") || s.contains(".")) {
            return null;
        }
        try {
            return new NetAddress(InetAddress.getByName(s));
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static Prefix parseCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0 || !s.substring(slash + 1).matches("\\d{1,3}")) {
            return null;
        }
        NetAddress a = parseIp(s.substring(0, slash));
        int bits = Integer.parseInt(s.substring(slash + 1));
        if (a == null || bits > a.length() * 8) {
            return null;
        }
        return new Prefix(a, bits);
    }

    int family() {
        return inet instanceof Inet4Address ? 4 : 6;
    }

    int length() {
        return inet.getAddress().length;
    }

    boolean isGlobalUnicast() {
        return !inet.isAnyLocalAddress() && !inet.isLoopbackAddress() && !inet.isMulticastAddress()
                && !inet.isLinkLocalAddress() && !(family() == 4 && inet.getHostAddress().equals("255.255.255.255"));
    }

    BigInteger bits() {
        return new BigInteger(1, inet.getAddress());
    }

    @Override
    public String toString() {
        return inet.getHostAddress();
    }

    /** A CIDR: an address and a prefix length. */
    record Prefix(NetAddress address, int bits) {

        boolean contains(NetAddress a) {
            if (a.length() != address.length()) {
                return false;
            }
            int shift = address.length() * 8 - bits;
            return a.bits().shiftRight(shift).equals(address.bits().shiftRight(shift));
        }

        boolean contains(Prefix other) {
            return other.bits >= bits && contains(other.address);
        }

        Prefix masked() {
            int total = address.length() * 8;
            BigInteger masked = address.bits().shiftRight(total - bits).shiftLeft(total - bits);
            byte[] raw = masked.toByteArray();
            byte[] out = new byte[address.length()];
            int copy = Math.min(raw.length, out.length);
            System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
            try {
                return new Prefix(new NetAddress(InetAddress.getByAddress(out)), bits);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return address + "/" + bits;
        }
    }
}

package io.kubeling.api;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The plain-HTTP port has no authentication, so a web page must not be able to drive it: a request
 * whose Host is not one of this server's names (DNS rebinding) or whose Origin is another site
 * (browsers send one on cross-site writes) is refused. Clients such as kubectl send no Origin.
 */
final class SameOrigin {

    private final Set<String> names = new HashSet<>();

    /** {@code bindAddress} and {@code hostNames} are this server's own names besides the loopback ones. */
    SameOrigin(String bindAddress, List<String> hostNames) {
        if (bindAddress != null && !isWildcard(bindAddress)) {
            names.add(normalize(bindAddress));
        }
        if (hostNames != null) {
            hostNames.forEach(name -> names.add(normalize(name)));
        }
    }

    /** Why the request is refused, or null when it may be served. */
    String refusal(String host, String origin, String localAddress) {
        if (host != null && !isOurs(hostOf(host), localAddress)) {
            return "host \"" + host + "\" is not a name of this server";
        }
        if (origin != null && !isOurs(originHost(origin), localAddress)) {
            return "cross-origin request from \"" + origin + "\" refused";
        }
        return null;
    }

    private boolean isOurs(String name, String localAddress) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        String n = normalize(name);
        if (n.equals("localhost") || names.contains(n)) {
            return true;
        }
        InetAddress address = literal(n);
        if (address == null || address.isAnyLocalAddress()) {
            return false;
        }
        return address.isLoopbackAddress() || address.equals(literal(localAddress));
    }

    /** The host of a Host header, without its port. */
    static String hostOf(String header) {
        String h = header.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon >= 0 && colon == h.lastIndexOf(':') ? h.substring(0, colon) : h;
    }

    private static String originHost(String origin) {
        try {
            String host = new URI(origin.trim()).getHost();
            return host == null ? null : host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String normalize(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.startsWith("[") && n.endsWith("]")) {
            n = n.substring(1, n.length() - 1);
        }
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /** The address an IP literal names; null for a host name, which is never looked up. */
    private static InetAddress literal(String text) {
        if (text == null || !(text.matches("[0-9.]+") || text.matches("[0-9a-f:.%]+") && text.contains(":"))) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isWildcard(String address) {
        InetAddress a = literal(normalize(address));
        return a != null && a.isAnyLocalAddress();
    }
}

package io.kubeling.resources.pods;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.kubeling.registry.validation.Names;

/**
 * The value rules pod validation needs beyond names: port names and numbers, IDs, IP addresses
 * and environment variable names, each returning kube's messages (empty when valid).
 */
final class PodSyntax {

    private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");
    private static final Pattern IPV4 = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

    private PodSyntax() {
    }

    static String inclusiveRange(long lo, long hi) {
        return "must be between " + lo + " and " + hi + ", inclusive";
    }

    /** IANA_SVC_NAME: at most 15 lower-case alphanumerics or hyphens, with a letter, no "--". */
    static List<String> portName(String port) {
        List<String> errs = new ArrayList<>();
        if (port.length() > 15) {
            errs.add(Names.maxLength(15));
        }
        if (!PORT_NAME_CHARSET.matcher(port).matches()) {
            errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!HAS_LETTER.matcher(port).matches()) {
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

    static List<String> portNumber(long port) {
        return port >= 1 && port <= 65535 ? List.of() : List.of(inclusiveRange(1, 65535));
    }

    /** User and group IDs: 0 to 2147483647. */
    static List<String> id(long id) {
        return id >= 0 && id <= Integer.MAX_VALUE ? List.of() : List.of(inclusiveRange(0, Integer.MAX_VALUE));
    }

    /**
     * Environment variable names as kube validates them with RelaxedEnvironmentVariableValidation
     * (on by default since 1.32, GA in 1.34): any printable ASCII except '='.
     */
    static List<String> envVarName(String name) {
        List<String> errs = new ArrayList<>();
        if (name.isEmpty()) {
            errs.add("environment variable name must be non-empty");
        }
        for (char c : name.toCharArray()) {
            if (c > 0x7e || c < 0x20 || c == '=') {
                errs.add("a valid environment variable name must consist only of printable ASCII characters "
                        + "other than '='");
                break;
            }
        }
        return errs;
    }

    /** Whether a string parses as an IPv4 or IPv6 address (leading zeros allowed, as Go's sloppy parser does). */
    static boolean isIp(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        var m = IPV4.matcher(value);
        if (m.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(m.group(i)) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (!value.contains(":") || !IPV6_CHARS.matcher(value).matches()) {
            return false;
        }
        try {
            // a literal with only hex digits, colons and dots never triggers a name lookup
            java.net.InetAddress.getByName("[" + value + "]");
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static String invalidIpMessage() {
        return "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
    }
}

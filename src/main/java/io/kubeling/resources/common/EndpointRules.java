package io.kubeling.resources.common;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/** The address and port checks Endpoints and EndpointSlices share, with kube's messages. */
public final class EndpointRules {

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

    private EndpointRules() {
    }

    public static List<FieldError> address(String path, String ip) {
        List<FieldError> errors = new ArrayList<>();
        String text = ip == null ? "" : ip;
        if (text.contains(":")) {
            return errors;
        }
        if (!IPV4.matcher(text).matches()) {
            errors.add(FieldError.invalid(path, text, "must be a valid IP address"));
            return errors;
        }
        if (text.equals("0.0.0.0")) {
            errors.add(FieldError.invalid(path, text, "may not be unspecified (0.0.0.0)"));
        } else if (text.startsWith("127.")) {
            errors.add(FieldError.invalid(path, text, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
        } else if (text.startsWith("169.254.")) {
            errors.add(FieldError.invalid(path, text, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
        } else if (text.startsWith("224.0.0.")) {
            errors.add(FieldError.invalid(path, text, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
        }
        return errors;
    }

    public static List<FieldError> port(String path, boolean nameRequired, String name, Integer port, String protocol) {
        List<FieldError> errors = new ArrayList<>();
        String n = name == null ? "" : name;
        if (nameRequired && n.isEmpty()) {
            errors.add(FieldError.required(path + ".name", ""));
        } else if (!n.isEmpty() && !Names.dns1123Label(n).isEmpty()) {
            errors.add(FieldError.invalid(path + ".name", n, "a lowercase RFC 1123 label must consist of lower case "
                    + "alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. "
                    + "'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
        }
        int value = port == null ? 0 : port;
        if (value < 1 || value > 65535) {
            errors.add(FieldError.invalid(path + ".port", value, "must be between 1 and 65535, inclusive"));
        }
        if (protocol == null || protocol.isEmpty()) {
            errors.add(FieldError.required(path + ".protocol", ""));
        } else if (!PROTOCOLS.contains(protocol)) {
            errors.add(FieldError.notSupported(path + ".protocol", protocol, PROTOCOLS));
        }
        return errors;
    }
}

package io.kubeling.registry.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' name and label syntax rules, returning kube's messages (empty when valid). The messages quote kube's
 * regular expressions; the checks walk the characters instead, as every label, annotation and toleration key of every
 * write passes here and a regex match allocates a matcher each time.
 */
public final class Names {

    static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    static final String SUBDOMAIN_FMT = LABEL_FMT + "(\\." + LABEL_FMT + ")*";
    static final String DNS1035_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
    static final String CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";

    public static final int DNS1123_LABEL_MAX = 63;
    public static final int DNS1123_SUBDOMAIN_MAX = 253;

    private Names() {
    }

    public static List<String> dns1123Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > DNS1123_LABEL_MAX) {
            errs.add(maxLength(DNS1123_LABEL_MAX));
        }
        if (!isDns1123Label(value, 0, value.length())) {
            errs.add(regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
                    + "and must start and end with an alphanumeric character", LABEL_FMT, "my-name", "123-abc"));
        }
        return errs;
    }

    public static List<String> dns1123Subdomain(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > DNS1123_SUBDOMAIN_MAX) {
            errs.add(maxLength(DNS1123_SUBDOMAIN_MAX));
        }
        if (!isDns1123Subdomain(value)) {
            errs.add(regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                    + "'-' or '.', and must start and end with an alphanumeric character", SUBDOMAIN_FMT, "example.com"));
        }
        return errs;
    }

    public static List<String> dns1035Label(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > DNS1123_LABEL_MAX) {
            errs.add(maxLength(DNS1123_LABEL_MAX));
        }
        if (!isDns1035Label(value)) {
            errs.add(regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
                    + "start with an alphabetic character, and end with an alphanumeric character",
                    DNS1035_FMT, "my-name", "abc-123"));
        }
        return errs;
    }

    /** A label key, annotation key or finalizer: an optional DNS subdomain prefix and a name. */
    public static List<String> qualifiedName(String value) {
        List<String> errs = new ArrayList<>();
        int slash = value.indexOf('/');
        int parts = slash < 0 ? 1 : value.indexOf('/', slash + 1) < 0 ? 2 : 3;
        String name;
        switch (parts) {
            case 1 -> name = value;
            case 2 -> {
                String prefix = value.substring(0, slash);
                name = value.substring(slash + 1);
                if (prefix.isEmpty()) {
                    errs.add("prefix part must be non-empty");
                } else {
                    for (String msg : dns1123Subdomain(prefix)) {
                        errs.add("prefix part " + msg);
                    }
                }
            }
            default -> {
                errs.add(regexError("a qualified name must consist of alphanumeric characters, '-', '_' or '.', "
                        + "and must start and end with an alphanumeric character", QUALIFIED_NAME_FMT,
                        "MyName", "my.name", "123-abc")
                        + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errs;
            }
        }
        if (name.isEmpty()) {
            errs.add("name part must be non-empty");
        } else if (name.length() > 63) {
            errs.add("name part " + maxLength(63));
        }
        if (!name.isEmpty() && !isQualifiedName(name)) {
            errs.add("name part " + regexError("must consist of alphanumeric characters, '-', '_' or '.', "
                    + "and must start and end with an alphanumeric character", QUALIFIED_NAME_FMT,
                    "MyName", "my.name", "123-abc"));
        }
        return errs;
    }

    public static List<String> labelValue(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > 63) {
            errs.add(maxLength(63));
        }
        if (!(value.isEmpty() || isQualifiedName(value))) {
            errs.add(regexError("a valid label must be an empty string or consist of alphanumeric characters, "
                    + "'-', '_' or '.', and must start and end with an alphanumeric character", LABEL_VALUE_FMT,
                    "MyValue", "my_value", "12345"));
        }
        return errs;
    }

    /** path.ValidatePathSegmentName: a name that can stand as one segment of a URL path. */
    public static List<String> pathSegmentName(String name) {
        List<String> errs = new ArrayList<>();
        if (name.equals(".") || name.equals("..")) {
            errs.add("may not be '" + name + "'");
        }
        if (name.contains("/")) {
            errs.add("may not contain '/'");
        }
        if (name.contains("%")) {
            errs.add("may not contain '%'");
        }
        return errs;
    }

    /** A key of a ConfigMap or Secret. */
    public static List<String> configMapKey(String value) {
        List<String> errs = new ArrayList<>();
        if (value.length() > DNS1123_SUBDOMAIN_MAX) {
            errs.add(maxLength(DNS1123_SUBDOMAIN_MAX));
        }
        if (!isConfigKey(value)) {
            errs.add(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                    CONFIG_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
        }
        if (value.equals(".")) {
            errs.add("must not be '.'");
        } else if (value.equals("..")) {
            errs.add("must not be '..'");
        } else if (value.startsWith("..")) {
            errs.add("must not start with '..'");
        }
        return errs;
    }

    /** Whether value[from, to) matches {@link #LABEL_FMT}. */
    static boolean isDns1123Label(String value, int from, int to) {
        if (from >= to || !lowerAlphanumeric(value.charAt(from)) || !lowerAlphanumeric(value.charAt(to - 1))) {
            return false;
        }
        for (int i = from + 1; i < to - 1; i++) {
            char c = value.charAt(i);
            if (!lowerAlphanumeric(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code value} matches {@link #SUBDOMAIN_FMT}: labels joined by dots. */
    static boolean isDns1123Subdomain(String value) {
        int from = 0;
        while (true) {
            int dot = value.indexOf('.', from);
            int to = dot < 0 ? value.length() : dot;
            if (!isDns1123Label(value, from, to)) {
                return false;
            }
            if (dot < 0) {
                return true;
            }
            from = dot + 1;
        }
    }

    /** Whether {@code value} matches {@link #DNS1035_FMT}. */
    static boolean isDns1035Label(String value) {
        return !value.isEmpty() && value.charAt(0) >= 'a' && value.charAt(0) <= 'z'
                && isDns1123Label(value, 0, value.length());
    }

    /** Whether {@code value} matches {@link #QUALIFIED_NAME_FMT}. */
    static boolean isQualifiedName(String value) {
        int n = value.length();
        if (n == 0 || !alphanumeric(value.charAt(0)) || !alphanumeric(value.charAt(n - 1))) {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            char c = value.charAt(i);
            if (!alphanumeric(c) && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code value} matches {@link #CONFIG_KEY_FMT}. */
    static boolean isConfigKey(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!alphanumeric(c) && c != '-' && c != '_' && c != '.') {
                return false;
            }
        }
        return true;
    }

    private static boolean lowerAlphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    private static boolean alphanumeric(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    public static String maxLength(int max) {
        return "must be no more than " + max + " characters";
    }

    private static String regexError(String msg, String fmt, String... examples) {
        StringBuilder s = new StringBuilder(msg);
        if (examples.length > 0) {
            s.append(" (e.g. ");
            for (int i = 0; i < examples.length; i++) {
                if (i > 0) {
                    s.append(",  or ");
                }
                s.append('\'').append(examples[i]).append('\'');
            }
            s.append(", ");
        } else {
            s.append(" (");
        }
        return s.append("regex used for validation is '").append(fmt).append("')").toString();
    }
}

package io.kubeling.resources.customresources.schema;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The string formats kube validates (go-openapi's strfmt.Default, as apiextensions registers it). */
final class Formats {

    private static final Pattern DATE_TIME = Pattern.compile(
            "^(\\d{4})-(\\d{2})-(\\d{2})[Tt ](\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?([Zz]|[+-]\\d{2}:?\\d{2})?$");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)\\s*([A-Za-zµμ]+)\\s*");
    private static final Set<String> DURATION_UNITS = Set.of("ns", "us", "µs", "μs", "ms", "s", "m", "h", "d", "w",
            "nanosecond", "nanoseconds", "microsecond", "microseconds", "millisecond", "milliseconds", "second",
            "seconds", "sec", "secs", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days",
            "week", "weeks");
    private static final Pattern HEX = Pattern.compile("^[0-9a-fA-F]+$");
    private static final Pattern UUID = Pattern.compile(
            "(?i)^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[0-9a-f]{32}$");
    private static final Pattern HOSTNAME_LABEL = Pattern.compile("^[a-zA-Z0-9\\p{L}]([a-zA-Z0-9\\p{L}_-]{0,61}[a-zA-Z0-9\\p{L}])?$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>]+@[^@\\s<>]+$");
    private static final Pattern HEX_COLOR = Pattern.compile("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$");
    private static final Pattern RGB_COLOR = Pattern.compile(
            "^rgb\\(\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*,\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*,"
                    + "\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*\\)$");
    private static final Pattern SSN = Pattern.compile("^\\d{3}[- ]?\\d{2}[- ]?\\d{4}$");
    private static final Pattern MAC = Pattern.compile(
            "^([0-9a-fA-F]{2}[:-]){5}[0-9a-fA-F]{2}$|^([0-9a-fA-F]{2}[:-]){7}[0-9a-fA-F]{2}$"
                    + "|^([0-9a-fA-F]{2}[:-]){19}[0-9a-fA-F]{2}$|^([0-9a-fA-F]{4}\\.){2}[0-9a-fA-F]{4}$");

    private static final Map<String, Predicate<String>> FORMATS = Map.ofEntries(
            Map.entry("date", Formats::isDate),
            Map.entry("date-time", Formats::isDateTime),
            Map.entry("datetime", Formats::isDateTime),
            Map.entry("duration", Formats::isDuration),
            Map.entry("uuid", s -> UUID.matcher(s).matches()),
            Map.entry("uuid3", s -> isUuidVersion(s, '3')),
            Map.entry("uuid4", s -> isUuidVersion(s, '4')),
            Map.entry("uuid5", s -> isUuidVersion(s, '5')),
            Map.entry("byte", Formats::isBase64),
            Map.entry("email", s -> EMAIL.matcher(s).matches()),
            Map.entry("hostname", Formats::isHostname),
            Map.entry("ipv4", s -> ip(s) instanceof Inet4Address && !s.contains(":")),
            Map.entry("ipv6", s -> s.contains(":") && ip(s) != null),
            Map.entry("cidr", Formats::isCidr),
            Map.entry("mac", s -> MAC.matcher(s).matches()),
            Map.entry("uri", s -> s.codePoints().noneMatch(c -> c < 0x20 || c == 0x7f)),
            Map.entry("hexcolor", s -> HEX_COLOR.matcher(s).matches()),
            Map.entry("rgbcolor", s -> RGB_COLOR.matcher(s).matches()),
            Map.entry("bsonobjectid", s -> s.length() == 24 && HEX.matcher(s).matches()),
            Map.entry("ssn", s -> SSN.matcher(s).matches()),
            Map.entry("password", s -> true));

    private Formats() {
    }

    /** False only for a known format the value does not have; unknown formats pass, as in kube. */
    static boolean valid(String format, String value) {
        Predicate<String> p = FORMATS.get(format);
        return p == null || p.test(value);
    }

    static boolean known(String format) {
        return FORMATS.containsKey(format);
    }

    private static boolean isDate(String s) {
        try {
            LocalDate.parse(s, DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isDateTime(String s) {
        Matcher m = DATE_TIME.matcher(s);
        if (!m.matches()) {
            return false;
        }
        return isDate(m.group(1) + "-" + m.group(2) + "-" + m.group(3)) && Integer.parseInt(m.group(4)) < 24
                && Integer.parseInt(m.group(5)) < 60 && Integer.parseInt(m.group(6)) < 61;
    }

    private static boolean isDuration(String s) {
        String t = s.trim();
        if (t.startsWith("-") || t.startsWith("+")) {
            t = t.substring(1);
        }
        if (t.equals("0")) {
            return true;
        }
        Matcher m = DURATION_PART.matcher(t);
        int at = 0;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at || !DURATION_UNITS.contains(m.group(2))) {
                return false;
            }
            at = m.end();
        }
        return at > 0;
    }

    private static boolean isUuidVersion(String s, char version) {
        if (!UUID.matcher(s).matches()) {
            return false;
        }
        String hex = s.replace("-", "");
        return hex.charAt(12) == version && (version == '3' || "89abAB".indexOf(hex.charAt(16)) >= 0);
    }

    private static boolean isBase64(String s) {
        try {
            Base64.getDecoder().decode(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isHostname(String s) {
        if (s.isEmpty() || s.length() > 255) {
            return false;
        }
        String host = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        for (String label : host.split("\\.", -1)) {
            if (!HOSTNAME_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCidr(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return false;
        }
        InetAddress a = ip(s.substring(0, slash));
        String bits = s.substring(slash + 1);
        if (a == null || !bits.matches("\\d{1,3}")) {
            return false;
        }
        int max = a instanceof Inet6Address ? 128 : 32;
        return Integer.parseInt(bits) <= max;
    }

    /** A literal IP address (never a name lookup), as Go's net.ParseIP reads it, or null. */
    static InetAddress ip(String s) {
        if (s.isEmpty() || s.contains("%") || s.contains("/")) {
            return null;
        }
        boolean v6 = s.contains(":");
        if (!v6) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            for (String p : parts) {
                if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255 || (p.length() > 1 && p.startsWith("0"))) {
                    return null;
                }
            }
        } else if (!s.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            return null;
        }
    }
}

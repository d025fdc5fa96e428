package io.kubeling.resources.common;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.kubeling.registry.Errors;

/**
 * Maps of base64 values that kube holds as bytes (Secret data, ConfigMap binaryData): read as
 * Go's JSON decoder reads them, written back canonically, compared by their bytes.
 */
public final class ByteMaps {

    private ByteMaps() {
    }

    /** The values rewritten canonically; a value that is not base64 is refused (400) as kube's decoder refuses it. */
    public static Map<String, String> canonical(Map<String, String> values, String kind) {
        Map<String, String> canonical = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            try {
                canonical.put(entry.getKey(), GoBase64.encode(GoBase64.decode(text(entry.getValue()))));
            } catch (IllegalArgumentException e) {
                throw Errors.badRequest(kind + " in version \"v1\" cannot be handled as a " + kind + ": "
                        + e.getMessage());
            }
        }
        return canonical;
    }

    /** Whether two maps hold the same bytes under the same keys. */
    public static boolean sameBytes(Map<String, String> left, Map<String, String> right) {
        if (!left.keySet().equals(right.keySet())) {
            return false;
        }
        for (String key : left.keySet()) {
            if (!Arrays.equals(bytes(left.get(key)), bytes(right.get(key)))) {
                return false;
            }
        }
        return true;
    }

    public static byte[] bytes(String value) {
        return GoBase64.decode(text(value));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}

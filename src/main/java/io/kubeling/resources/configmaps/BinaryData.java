package io.kubeling.resources.configmaps;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kubeling.registry.Errors;
import io.kubeling.resources.secrets.GoBase64;

/** binaryData as kube holds it: bytes, read from base64 as Go's JSON decoder reads them. */
final class BinaryData {

    private BinaryData() {
    }

    /** Rejects values that are not base64 as kube's decoder does (400), and rewrites the rest canonically. */
    static void canonicalize(ConfigMap configMap) {
        if (configMap.getBinaryData() == null || configMap.getBinaryData().isEmpty()) {
            return;
        }
        Map<String, String> canonical = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : configMap.getBinaryData().entrySet()) {
            try {
                canonical.put(entry.getKey(), GoBase64.encode(GoBase64.decode(text(entry.getValue()))));
            } catch (IllegalArgumentException e) {
                throw Errors.badRequest("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: " + e.getMessage());
            }
        }
        configMap.setBinaryData(canonical);
    }

    static Map<String, String> of(ConfigMap configMap) {
        return configMap.getBinaryData() == null ? Map.of() : configMap.getBinaryData();
    }

    static int size(String value) {
        return GoBase64.decode(text(value)).length;
    }

    /** Whether two config maps hold the same bytes under the same keys (none and empty are the same). */
    static boolean sameBytes(ConfigMap a, ConfigMap b) {
        Map<String, String> left = of(a);
        Map<String, String> right = of(b);
        if (!left.keySet().equals(right.keySet())) {
            return false;
        }
        for (String key : left.keySet()) {
            if (!Arrays.equals(GoBase64.decode(text(left.get(key))), GoBase64.decode(text(right.get(key))))) {
                return false;
            }
        }
        return true;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}

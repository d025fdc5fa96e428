package io.kubeling.resources.configmaps;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kubeling.resources.common.ByteMaps;

/** binaryData as kube holds it: bytes, read from base64 as Go's JSON decoder reads them. */
final class BinaryData {

    private BinaryData() {
    }

    /** Rejects values that are not base64 as kube's decoder does (400), and rewrites the rest canonically. */
    static void canonicalize(ConfigMap configMap) {
        if (configMap.getBinaryData() != null && !configMap.getBinaryData().isEmpty()) {
            configMap.setBinaryData(ByteMaps.canonical(configMap.getBinaryData(), "ConfigMap"));
        }
    }

    static Map<String, String> of(ConfigMap configMap) {
        return configMap.getBinaryData() == null ? Map.of() : configMap.getBinaryData();
    }

    static int size(String value) {
        return ByteMaps.bytes(value).length;
    }

    /** Whether two config maps hold the same bytes under the same keys (none and empty are the same). */
    static boolean sameBytes(ConfigMap a, ConfigMap b) {
        return ByteMaps.sameBytes(of(a), of(b));
    }
}

package io.kubeling.resources.secrets;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;
import io.kubeling.resources.common.ByteMaps;
import io.kubeling.resources.common.GoBase64;

/**
 * Secret data as kube holds it: bytes. The fabric8 model keeps base64 text, so this reads it as Go's JSON
 * decoder would, writes it back canonically, and folds stringData in as kube's v1 conversion does.
 */
final class SecretData {

    private SecretData() {
    }

    /** Rejects data that is not base64 as kube's decoder does (400), and rewrites the rest canonically. */
    static void canonicalize(Secret secret) {
        if (secret.getData() != null && !secret.getData().isEmpty()) {
            secret.setData(ByteMaps.canonical(secret.getData(), "Secret"));
        }
    }

    /** stringData is write-only: its entries overwrite those of data, and it is never stored. */
    static void mergeStringData(Secret secret) {
        Map<String, String> stringData = secret.getStringData();
        if (stringData != null && !stringData.isEmpty()) {
            Map<String, String> data = secret.getData() == null ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(secret.getData());
            for (Map.Entry<String, String> entry : stringData.entrySet()) {
                data.put(entry.getKey(), GoBase64.encode(text(entry.getValue()).getBytes(StandardCharsets.UTF_8)));
            }
            secret.setData(data);
        }
        secret.setStringData(null);
    }

    static Map<String, String> of(Secret secret) {
        return secret.getData() == null ? Map.of() : secret.getData();
    }

    /** The bytes of one value, or null when there is no such key. */
    static byte[] bytes(Secret secret, String key) {
        String value = of(secret).get(key);
        return value == null && !of(secret).containsKey(key) ? null : ByteMaps.bytes(value);
    }

    /** Whether two secrets hold the same bytes under the same keys (no data and empty data are the same). */
    static boolean sameBytes(Secret a, Secret b) {
        return ByteMaps.sameBytes(of(a), of(b));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}

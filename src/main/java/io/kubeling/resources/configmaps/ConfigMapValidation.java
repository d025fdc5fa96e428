package io.kubeling.resources.configmaps;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/** Kube's ValidateConfigMap: keys of data and binaryData, no key in both, and the total size. */
final class ConfigMapValidation {

    /** Kube limits config maps with the secret size limit. */
    static final int MAX_SIZE = 1024 * 1024;

    private ConfigMapValidation() {
    }

    static List<FieldError> validate(ConfigMap configMap) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> binaryData = BinaryData.of(configMap);
        long totalSize = 0;
        for (Map.Entry<String, String> entry : new TreeMap<>(data(configMap)).entrySet()) {
            String key = entry.getKey();
            String path = "data[" + key + "]";
            for (String message : Names.configMapKey(key)) {
                errors.add(FieldError.invalid(path, key, message));
            }
            if (binaryData.containsKey(key)) {
                errors.add(FieldError.invalid(path, key, "duplicate of key present in binaryData"));
            }
            totalSize += entry.getValue() == null ? 0 : entry.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        for (Map.Entry<String, String> entry : new TreeMap<>(binaryData).entrySet()) {
            String key = entry.getKey();
            for (String message : Names.configMapKey(key)) {
                errors.add(FieldError.invalid("binaryData[" + key + "]", key, message));
            }
            totalSize += BinaryData.size(entry.getValue());
        }
        if (totalSize > MAX_SIZE) {
            // Kube reports this on field.NewPath(""), which prints as "[]": the limit is on the whole object.
            errors.add(new FieldError("[]", FieldError.Type.TOO_LONG, FieldError.OMIT,
                    "may not be more than " + MAX_SIZE + " bytes"));
        }
        return errors;
    }

    static Map<String, String> data(ConfigMap configMap) {
        return configMap.getData() == null ? Map.of() : configMap.getData();
    }
}

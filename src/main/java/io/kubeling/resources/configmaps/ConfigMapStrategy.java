package io.kubeling.resources.configmaps;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** Kube's rules for config maps (pkg/registry/core/configmap): valid keys, a size limit, and immutability. */
public class ConfigMapStrategy implements Strategy<ConfigMap> {

    static final String IMMUTABLE_MESSAGE = "field is immutable when `immutable` is set";

    public ConfigMapStrategy() {
    }

    @Override
    public void prepareForCreate(ConfigMap configMap) {
        BinaryData.canonicalize(configMap);
    }

    @Override
    public void prepareForUpdate(ConfigMap configMap, ConfigMap old) {
        BinaryData.canonicalize(configMap);
    }

    @Override
    public List<FieldError> validate(ConfigMap configMap) {
        return ConfigMapValidation.validate(configMap);
    }

    @Override
    public List<FieldError> validateUpdate(ConfigMap configMap, ConfigMap old) {
        List<FieldError> errors = new ArrayList<>();
        if (Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(configMap.getImmutable())) {
                errors.add(FieldError.forbidden("immutable", IMMUTABLE_MESSAGE));
            }
            // Kube defaults absent data to an empty map, so absent and empty compare equal.
            if (!ConfigMapValidation.data(configMap).equals(ConfigMapValidation.data(old))) {
                errors.add(FieldError.forbidden("data", IMMUTABLE_MESSAGE));
            }
            if (!BinaryData.sameBytes(configMap, old)) {
                errors.add(FieldError.forbidden("binaryData", IMMUTABLE_MESSAGE));
            }
        }
        errors.addAll(ConfigMapValidation.validate(configMap));
        return errors;
    }
}

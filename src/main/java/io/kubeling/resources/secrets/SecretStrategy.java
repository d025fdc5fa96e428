package io.kubeling.resources.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Secret;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * Kube's rules for secrets (pkg/registry/core/secret): type defaults to Opaque and never changes, stringData is
 * folded into data, and an immutable secret keeps its data.
 */
public class SecretStrategy implements Strategy<Secret> {

    static final String IMMUTABLE_MESSAGE = "field is immutable when `immutable` is set";

    public SecretStrategy() {
    }

    /** What kube does while decoding the body: defaults, base64 decoding, and the v1 conversion of stringData. */
    @Override
    public void applyDefaults(Secret secret) {
        if (secret.getType() == null || secret.getType().isEmpty()) {
            secret.setType(SecretTypes.OPAQUE);
        }
        SecretData.canonicalize(secret);
        SecretData.mergeStringData(secret);
    }

    @Override
    public List<FieldError> validate(Secret secret) {
        return SecretValidation.validate(secret);
    }

    @Override
    public List<FieldError> validateUpdate(Secret secret, Secret old) {
        List<FieldError> errors = new ArrayList<>();
        if (!Objects.equals(type(secret), type(old))) {
            errors.add(FieldError.invalid("type", type(secret), "field is immutable"));
        }
        if (Boolean.TRUE.equals(old.getImmutable())) {
            if (!Boolean.TRUE.equals(secret.getImmutable())) {
                errors.add(FieldError.forbidden("immutable", IMMUTABLE_MESSAGE));
            }
            if (!SecretData.sameBytes(secret, old)) {
                errors.add(FieldError.forbidden("data", IMMUTABLE_MESSAGE));
            }
        }
        errors.addAll(SecretValidation.validate(secret));
        return errors;
    }

    @Override
    public Map<String, String> selectableFields(Secret secret) {
        return Map.of("type", type(secret));
    }

    private static String type(Secret secret) {
        return secret.getType() == null ? "" : secret.getType();
    }
}

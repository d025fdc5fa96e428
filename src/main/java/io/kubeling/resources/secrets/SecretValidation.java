package io.kubeling.resources.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Secret;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/** Kube's ValidateSecret: data keys, total size, and the keys each known type requires. */
final class SecretValidation {

    static final int MAX_SECRET_SIZE = 1024 * 1024;
    private static final String REDACTED = "<secret contents redacted>";

    private SecretValidation() {
    }

    static List<FieldError> validate(Secret secret) {
        List<FieldError> errors = new ArrayList<>();
        long totalSize = 0;
        for (Map.Entry<String, String> entry : new TreeMap<>(SecretData.of(secret)).entrySet()) {
            String key = entry.getKey();
            for (String message : Names.configMapKey(key)) {
                errors.add(FieldError.invalid(dataKey(key), key, message));
            }
            totalSize += SecretData.bytes(secret, key).length;
        }
        if (totalSize > MAX_SECRET_SIZE) {
            errors.add(tooLong("data", MAX_SECRET_SIZE));
        }
        errors.addAll(byType(secret));
        return errors;
    }

    private static List<FieldError> byType(Secret secret) {
        List<FieldError> errors = new ArrayList<>();
        String type = secret.getType() == null ? "" : secret.getType();
        switch (type) {
            case SecretTypes.SERVICE_ACCOUNT_TOKEN -> {
                // Only the name is required: the uid and the token may be filled in later by a controller.
                Map<String, String> annotations = secret.getMetadata() == null
                        || secret.getMetadata().getAnnotations() == null ? Map.of() : secret.getMetadata().getAnnotations();
                String name = annotations.get(SecretTypes.SERVICE_ACCOUNT_NAME_ANNOTATION);
                if (name == null || name.isEmpty()) {
                    errors.add(FieldError.required(
                            "metadata.annotations[" + SecretTypes.SERVICE_ACCOUNT_NAME_ANNOTATION + "]", ""));
                }
            }
            case SecretTypes.DOCKERCFG -> errors.addAll(jsonObject(secret, SecretTypes.DOCKERCFG_KEY));
            case SecretTypes.DOCKER_CONFIG_JSON -> errors.addAll(jsonObject(secret, SecretTypes.DOCKER_CONFIG_JSON_KEY));
            case SecretTypes.BASIC_AUTH -> {
                // Either may be empty, but one of them must be there.
                if (SecretData.bytes(secret, SecretTypes.USERNAME_KEY) == null
                        && SecretData.bytes(secret, SecretTypes.PASSWORD_KEY) == null) {
                    errors.add(FieldError.required(dataKey(SecretTypes.USERNAME_KEY), ""));
                    errors.add(FieldError.required(dataKey(SecretTypes.PASSWORD_KEY), ""));
                }
            }
            case SecretTypes.SSH_AUTH -> {
                byte[] key = SecretData.bytes(secret, SecretTypes.SSH_PRIVATE_KEY);
                if (key == null || key.length == 0) {
                    errors.add(FieldError.required(dataKey(SecretTypes.SSH_PRIVATE_KEY), ""));
                }
            }
            case SecretTypes.TLS -> {
                if (SecretData.bytes(secret, SecretTypes.TLS_CERT_KEY) == null) {
                    errors.add(FieldError.required(dataKey(SecretTypes.TLS_CERT_KEY), ""));
                }
                if (SecretData.bytes(secret, SecretTypes.TLS_PRIVATE_KEY) == null) {
                    errors.add(FieldError.required(dataKey(SecretTypes.TLS_PRIVATE_KEY), ""));
                }
            }
            default -> {
                // Opaque, bootstrap tokens and any other type: kube checks nothing more.
            }
        }
        return errors;
    }

    private static List<FieldError> jsonObject(Secret secret, String key) {
        byte[] content = SecretData.bytes(secret, key);
        if (content == null) {
            return List.of(FieldError.required(dataKey(key), ""));
        }
        Optional<String> problem = GoJsonObject.check(content);
        return problem.map(message -> List.of(FieldError.invalid(dataKey(key), REDACTED, message))).orElse(List.of());
    }

    static String dataKey(String key) {
        return "data[" + key + "]";
    }

    /** apimachinery's field.TooLong as of kube 1.32, which no longer prints the value. */
    static FieldError tooLong(String path, int max) {
        return new FieldError(path, FieldError.Type.TOO_LONG, FieldError.OMIT, "may not be more than " + max + " bytes");
    }
}

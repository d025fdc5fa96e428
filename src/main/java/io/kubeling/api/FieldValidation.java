package io.kubeling.api;

import java.util.List;

import io.kubeling.registry.Errors;
import io.kubeling.registry.validation.FieldError;

/** The fieldValidation query parameter: what to do with unknown or duplicate fields. */
enum FieldValidation {
    STRICT, WARN, IGNORE;

    static FieldValidation parse(String value, String optionsKind) {
        if (value == null || value.isEmpty()) {
            return WARN;
        }
        return switch (value) {
            case "Strict" -> STRICT;
            case "Warn" -> WARN;
            case "Ignore" -> IGNORE;
            default -> throw Errors.invalid(optionsKind + ".meta.k8s.io", optionsKind, "meta.k8s.io", "",
                    List.of(FieldError.notSupported("fieldValidation", value, List.of("", "Ignore", "Strict", "Warn"))));
        };
    }
}

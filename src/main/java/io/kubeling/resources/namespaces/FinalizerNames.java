package io.kubeling.resources.namespaces;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/** Kube's check of a namespace finalizer: a qualified name, and a prefix unless it is one of the standard ones. */
final class FinalizerNames {

    private static final Set<String> STANDARD = Set.of("kubernetes", "orphan", "foregroundDeletion");

    private FinalizerNames() {
    }

    static List<FieldError> validate(String finalizer, String path) {
        String value = finalizer == null ? "" : finalizer;
        List<FieldError> errors = new ArrayList<>();
        for (String message : Names.qualifiedName(value)) {
            errors.add(FieldError.invalid(path, value, message));
        }
        if (!value.contains("/") && !STANDARD.contains(value)) {
            errors.add(FieldError.invalid(path, value,
                    "name is neither a standard finalizer name nor is it fully qualified"));
        }
        return errors;
    }
}

package io.kubeling.openapi;

import java.util.Optional;

/** The fabric8 class of a group, version and kind, where one is on the class path. */
final class ModelClasses {

    private static final String MODEL = "io.fabric8.kubernetes.api.model.";

    private ModelClasses() {
    }

    static Optional<Class<?>> forKind(String group, String version, String kind) {
        String pkg;
        if (group.isEmpty()) {
            pkg = MODEL;
        } else if (group.equals("apps")) {
            pkg = MODEL + "apps.";
        } else {
            pkg = MODEL + group.split("\\.")[0] + "." + version + ".";
        }
        Optional<Class<?>> type = load(pkg + kind);
        // fabric8 keeps some groups' v1 without a version package (authentication.k8s.io/v1)
        if (type.isEmpty() && version.equals("v1") && !group.isEmpty()) {
            type = load(MODEL + group.split("\\.")[0] + "." + kind);
        }
        return type;
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name, false, ModelClasses.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }
}

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
        try {
            return Optional.of(Class.forName(pkg + kind, false, ModelClasses.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }
}

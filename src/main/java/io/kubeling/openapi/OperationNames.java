package io.kubeling.openapi;

/** The operation ids and tags kube derives from a group and version: {@code listCoreV1NamespacedPod}, {@code core_v1}. */
final class OperationNames {

    private OperationNames() {
    }

    /** {@code CoreV1}, {@code AppsV1}, {@code CoordinationV1} for coordination.k8s.io. */
    static String groupVersion(String group, String version) {
        StringBuilder out = new StringBuilder();
        for (String part : words(group)) {
            out.append(capitalize(part));
        }
        return out.append(capitalize(version)).toString();
    }

    /** {@code core_v1}, {@code apps_v1}, {@code coordination_v1}. */
    static String tag(String group, String version) {
        String[] words = words(group);
        StringBuilder out = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            out.append(capitalize(words[i]));
        }
        return out.append('_').append(version).toString();
    }

    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String[] words(String group) {
        String g = group.isEmpty() ? "core" : group.replaceFirst("\\.k8s\\.io$", "");
        return g.split("\\.");
    }
}

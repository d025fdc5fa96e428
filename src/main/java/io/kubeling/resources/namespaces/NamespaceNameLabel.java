package io.kubeling.resources.namespaces;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Namespace;

/**
 * The {@code kubernetes.io/metadata.name} label kube's defaulting puts on every namespace. It is rewritten on
 * every write, so a client can neither change nor remove it.
 */
final class NamespaceNameLabel {

    static final String KEY = "kubernetes.io/metadata.name";

    private NamespaceNameLabel() {
    }

    static void apply(Namespace namespace) {
        if (namespace.getMetadata() == null) {
            return;
        }
        String name = namespace.getMetadata().getName();
        // A namespace named by generateName gets its label in canonicalize, once the name exists.
        if (name == null || name.isEmpty()) {
            return;
        }
        Map<String, String> labels = namespace.getMetadata().getLabels() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(namespace.getMetadata().getLabels());
        labels.put(KEY, name);
        namespace.getMetadata().setLabels(labels);
    }
}

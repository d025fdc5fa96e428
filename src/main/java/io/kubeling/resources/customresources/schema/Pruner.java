package io.kubeling.resources.customresources.schema;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Structural pruning: drops the fields a schema does not declare, except under
 * x-kubernetes-preserve-unknown-fields; apiVersion, kind and metadata of a resource (the root and
 * embedded resources) are kept, an embedded resource's metadata cut to ObjectMeta's fields.
 */
final class Pruner {

    static final Set<String> OBJECT_META_FIELDS = Set.of("name", "generateName", "namespace", "selfLink", "uid",
            "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
            "labels", "annotations", "ownerReferences", "finalizers", "managedFields");

    private Pruner() {
    }

    /** The paths pruning drops: those the schema does not declare, and those no embedded ObjectMeta has. */
    private record Pruned(List<String> schema, List<String> metadata) {
    }

    /**
     * Prunes in place; returns the paths of the fields dropped in the order kube reports them to Strict requests:
     * its pruning's, sorted, then those of embedded resources' metadata, which its metadata coercion finds after.
     */
    static List<String> pruneRoot(Node root, ObjectNode object) {
        Pruned pruned = new Pruned(new ArrayList<>(), new ArrayList<>());
        pruneObject(root, object, "", pruned, true, false);
        if (pruned.metadata().isEmpty() && pruned.schema().size() < 2) {
            return pruned.schema();
        }
        pruned.schema().sort(null);
        pruned.schema().addAll(pruned.metadata());
        return pruned.schema();
    }

    private static void prune(Node s, JsonNode data, String path, Pruned pruned) {
        if (s == null || data == null) {
            return;
        }
        if (data.isObject()) {
            pruneObject(s, (ObjectNode) data, path, pruned, s.embeddedResource, true);
        } else if (data.isArray()) {
            for (int i = 0; i < data.size(); i++) {
                prune(s.items, data.get(i), path + "[" + i + "]", pruned);
            }
        }
    }

    private static void pruneObject(Node s, ObjectNode object, String path, Pruned pruned,
            boolean resource, boolean embedded) {
        Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String at = Validator.child(path, name);
            if (resource && (name.equals("apiVersion") || name.equals("kind"))) {
                continue;
            }
            if (resource && name.equals("metadata")) {
                if (embedded && e.getValue().isObject()) {
                    pruneMetadata((ObjectNode) e.getValue(), at, pruned);
                }
                continue;
            }
            Node child = s == null ? null : s.properties.get(name);
            if (child == null && s != null) {
                child = s.additionalProperties;
            }
            if (child != null) {
                prune(child, e.getValue(), at, pruned);
            } else if (s == null || !s.preserveUnknownFields) {
                it.remove();
                pruned.schema().add(at);
            }
        }
    }

    private static void pruneMetadata(ObjectNode metadata, String path, Pruned pruned) {
        Iterator<Map.Entry<String, JsonNode>> it = metadata.properties().iterator();
        while (it.hasNext()) {
            String name = it.next().getKey();
            if (!OBJECT_META_FIELDS.contains(name)) {
                it.remove();
                pruned.metadata().add(path + "." + name);
            }
        }
    }
}

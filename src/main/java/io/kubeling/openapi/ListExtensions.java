package io.kubeling.openapi;

import java.util.List;

import io.kubeling.registry.patch.PatchMetadata;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The patch and list extensions of an array property, from kube's struct tags and markers as
 * {@link PatchMetadata} keeps them. Where kube declares no {@code +listType}, the type follows from the patch
 * strategy, as structured merge treats such lists: merged by a key is a map on that key, merged without one is
 * a set, anything else is atomic.
 */
final class ListExtensions {

    private ListExtensions() {
    }

    static void add(Class<?> owner, String property, ObjectNode schema) {
        PatchMetadata.of(owner, property).ifPresent(field -> {
            boolean merged = field.mergesLists();
            if (merged || field.retainsKeys()) {
                schema.put("x-kubernetes-patch-strategy", field.strategy());
            }
            if (field.mergeKey() != null) {
                schema.put("x-kubernetes-patch-merge-key", field.mergeKey());
            }
            String listType = field.listType();
            List<String> keys = field.listMapKeys();
            if (listType == null) {
                listType = !merged ? "atomic" : field.mergeKey() != null ? "map" : "set";
            }
            if (listType.equals("map") && keys.isEmpty() && field.mergeKey() != null) {
                keys = List.of(field.mergeKey());
            }
            schema.put("x-kubernetes-list-type", listType);
            if (listType.equals("map") && !keys.isEmpty()) {
                ArrayNode array = schema.putArray("x-kubernetes-list-map-keys");
                keys.forEach(array::add);
            }
        });
    }
}

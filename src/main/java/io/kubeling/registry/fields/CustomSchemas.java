package io.kubeling.registry.fields;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * How structured-merge-diff sees a place of a custom resource, from the structural schema of its CRD version as
 * kube converts it: lists by {@code x-kubernetes-list-type} ({@code map} keyed by
 * {@code x-kubernetes-list-map-keys}, {@code set}, else atomic), objects with properties as structs, objects
 * with additionalProperties as maps, either atomic under {@code x-kubernetes-map-type: atomic}, scalars as
 * scalars, and what the schema leaves open ({@code x-kubernetes-preserve-unknown-fields}) deduced from the value.
 */
final class CustomSchemas {

    private CustomSchemas() {
    }

    static Schema of(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Schema.UNTYPED_NODE;
        }
        if (node.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return new Schema(Schema.Kind.SCALAR, null, List.of(), null);
        }
        String type = node.path("type").asString("");
        if (type.equals("array") || node.has("items")) {
            return list(node);
        }
        if (type.equals("object") || node.has("properties") || node.has("additionalProperties")) {
            if ("atomic".equals(node.path("x-kubernetes-map-type").asString(""))) {
                return new Schema(Schema.Kind.ATOMIC, null, List.of(), null);
            }
            if (node.path("properties").isObject() && !node.path("properties").isEmpty()) {
                return new Schema(Schema.Kind.STRUCT, null, List.of(), node);
            }
            if (node.path("additionalProperties").isObject()) {
                return new Schema(Schema.Kind.MAP, null, List.of(), node);
            }
            return Schema.UNTYPED_NODE;
        }
        if (type.isEmpty()) {
            return Schema.UNTYPED_NODE;
        }
        return new Schema(Schema.Kind.SCALAR, null, List.of(), null);
    }

    private static Schema list(JsonNode node) {
        String listType = node.path("x-kubernetes-list-type").asString("");
        if (listType.equals("map")) {
            List<String> keys = new ArrayList<>();
            node.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asString()));
            if (!keys.isEmpty()) {
                return new Schema(Schema.Kind.KEYED_LIST, null, List.copyOf(keys), node);
            }
        }
        if (listType.equals("set")) {
            return new Schema(Schema.Kind.SET, null, List.of(), node);
        }
        return new Schema(Schema.Kind.ATOMIC, null, List.of(), node);
    }

    /** The schema of the elements of a list, or of the values of a map, described by {@code node}. */
    static Schema element(Schema.Kind kind, JsonNode node) {
        return switch (kind) {
            case SET, KEYED_LIST, ATOMIC -> of(node.get("items"));
            case MAP -> of(node.get("additionalProperties"));
            default -> Schema.UNTYPED_NODE;
        };
    }
}

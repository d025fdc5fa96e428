package io.kubeling.resources.customresources.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Structural defaulting as kube applies it on create, update and read: a declared default fills
 * an absent field (or a null one that is not nullable), then defaulting goes on inside; nulls that
 * are neither nullable nor defaulted are dropped.
 */
final class Defaulter {

    private Defaulter() {
    }

    static void apply(Node s, JsonNode data) {
        if (s == null || data == null) {
            return;
        }
        if (data.isObject()) {
            ObjectNode object = (ObjectNode) data;
            for (Map.Entry<String, Node> e : s.properties.entrySet()) {
                Node prop = e.getValue();
                if (prop.defaultValue == null || prop.defaultValue.isNull() && !prop.nullable) {
                    continue;
                }
                JsonNode v = object.get(e.getKey());
                if (v == null || v.isNull() && !prop.nullable) {
                    object.set(e.getKey(), prop.defaultValue.deepCopy());
                }
            }
            List<String> dropped = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                Node prop = s.child(e.getKey());
                if (prop == null) {
                    continue;
                }
                if (e.getValue().isNull() && !prop.nullable && prop.defaultValue == null) {
                    dropped.add(e.getKey());
                } else {
                    apply(prop, e.getValue());
                }
            }
            dropped.forEach(object::remove);
        } else if (data.isArray()) {
            for (JsonNode e : data) {
                apply(s.items, e);
            }
        }
    }
}

package io.kubeling.resources.customresources.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.kubeling.registry.validation.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The invariants of x-kubernetes-list-type set and map: no two items equal, no two with the same keys. */
final class ListTypes {

    private ListTypes() {
    }

    static List<FieldError> validate(Node s, JsonNode data, String path) {
        List<FieldError> errors = new ArrayList<>();
        walk(s, data, path, errors);
        return errors;
    }

    private static void walk(Node s, JsonNode data, String path, List<FieldError> errors) {
        if (s == null || data == null) {
            return;
        }
        if (data.isArray()) {
            if ("set".equals(s.listType)) {
                set(data, path, errors);
            } else if ("map".equals(s.listType)) {
                map(s, data, path, errors);
            }
            for (int i = 0; i < data.size(); i++) {
                walk(s.items, data.get(i), path + "[" + i + "]", errors);
            }
        } else if (data.isObject()) {
            for (Map.Entry<String, JsonNode> e : data.properties()) {
                walk(s.child(e.getKey()), e.getValue(), Validator.child(path, e.getKey()), errors);
            }
        }
    }

    private static void set(JsonNode list, String path, List<FieldError> errors) {
        Set<JsonNode> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = normalized(list.get(i));
            if (!seen.add(item)) {
                errors.add(FieldError.duplicate(path + "[" + i + "]", GoValue.of(list.get(i))));
            }
        }
    }

    private static void map(Node s, JsonNode list, String path, List<FieldError> errors) {
        Set<JsonNode> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isObject()) {
                continue;
            }
            ObjectNode keys = JsonNodeFactory.instance.objectNode();
            for (String k : s.listMapKeys) {
                JsonNode v = item.get(k);
                if (v == null && s.items != null && s.items.properties.get(k) != null) {
                    v = s.items.properties.get(k).defaultValue;
                }
                if (v != null) {
                    keys.set(k, normalized(v));
                }
            }
            if (!seen.add(keys)) {
                errors.add(FieldError.duplicate(path + "[" + i + "]", GoValue.of(keys)));
            }
        }
    }

    /** Numbers compared by value, as Go compares the decoded int64/float64. */
    private static JsonNode normalized(JsonNode v) {
        if (v.isNumber() && !v.isIntegralNumber() && v.doubleValue() == Math.rint(v.doubleValue())
                && Math.abs(v.doubleValue()) < 1e18) {
            return JsonNodeFactory.instance.numberNode((long) v.doubleValue());
        }
        return v;
    }
}

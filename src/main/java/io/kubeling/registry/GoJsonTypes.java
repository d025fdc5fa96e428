package io.kubeling.registry;

import tools.jackson.databind.JsonNode;

/** The JSON type of a value as Go's encoding/json names it in its errors ("cannot unmarshal array into ..."). */
public final class GoJsonTypes {

    private GoJsonTypes() {
    }

    public static String of(JsonNode node) {
        if (node.isString()) {
            return "string";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isArray()) {
            return "array";
        }
        return node.isObject() ? "object" : "null";
    }
}

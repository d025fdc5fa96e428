package io.kubeling.resources.customresources.schema;

import java.util.ArrayList;
import java.util.List;

import io.kubeling.registry.validation.FieldError;
import tools.jackson.databind.JsonNode;

/**
 * kube's validation ratcheting on update: an error on a value the update left as it was is
 * dropped, so that tightening a schema does not lock existing objects. Values are matched by field
 * name from the root; inside lists, where kube matches items only by list-map keys or set values,
 * errors are kept.
 */
final class Ratcheting {

    private Ratcheting() {
    }

    static List<FieldError> keepChanged(List<FieldError> errors, JsonNode object, JsonNode old) {
        List<FieldError> kept = new ArrayList<>();
        for (FieldError e : errors) {
            String path = e.field();
            if (e.type() == FieldError.Type.REQUIRED) {
                int dot = path.lastIndexOf('.');
                path = dot < 0 ? "" : path.substring(0, dot);
            }
            JsonNode now = resolve(object, path);
            JsonNode before = resolve(old, path);
            if (now == null || before == null || !Validator.sameTree(now, before)) {
                kept.add(e);
            }
        }
        return kept;
    }

    private static JsonNode resolve(JsonNode root, String path) {
        if (path.contains("[")) {
            return null;
        }
        JsonNode at = root;
        if (path.isEmpty()) {
            return at;
        }
        for (String name : path.split("\\.")) {
            if (at == null || !at.isObject()) {
                return null;
            }
            at = at.get(name);
        }
        return at;
    }
}

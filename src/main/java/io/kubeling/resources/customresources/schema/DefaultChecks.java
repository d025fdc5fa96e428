package io.kubeling.resources.customresources.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kubeling.registry.validation.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube's structuraldefaulting.ValidateDefaults: every default must be pruned already (no field
 * the schema would drop) and must validate against its own schema.
 */
final class DefaultChecks {

    private DefaultChecks() {
    }

    static List<FieldError> check(Node root, String path) {
        List<FieldError> errors = new ArrayList<>();
        walk(root, path, errors, true);
        return errors;
    }

    private static void walk(Node s, String path, List<FieldError> errors, boolean root) {
        if (s == null) {
            return;
        }
        if (s.defaultValue != null && !s.defaultValue.isNull()) {
            String at = path + ".default";
            JsonNode copy = s.defaultValue.deepCopy();
            List<String> pruned = new ArrayList<>();
            if (copy.isObject()) {
                ObjectNode wrapper = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                wrapper.set("v", copy);
                Node holder = holder(s);
                pruned = Pruner.pruneRoot(holder, wrapper);
            } else if (copy.isArray()) {
                ObjectNode wrapper = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                wrapper.set("v", copy);
                pruned = Pruner.pruneRoot(holder(s), wrapper);
            }
            if (!pruned.isEmpty()) {
                errors.add(FieldError.invalid(at, GoValue.of(s.defaultValue), "must not have unknown fields"));
            } else {
                List<FieldError> invalid = new ArrayList<>();
                Validator.validate(s, s.defaultValue, "", invalid, false);
                for (FieldError e : invalid) {
                    String field = e.field().isEmpty() ? at : at + "." + e.field();
                    errors.add(new FieldError(field, e.type(), e.value(), e.detail()));
                }
            }
        }
        for (Map.Entry<String, Node> e : s.properties.entrySet()) {
            if (root && (e.getKey().equals("metadata") || e.getKey().equals("apiVersion") || e.getKey().equals("kind"))) {
                continue;
            }
            walk(e.getValue(), path + ".properties[" + e.getKey() + "]", errors, false);
        }
        walk(s.items, path + ".items", errors, false);
        walk(s.additionalProperties, path + ".additionalProperties", errors, false);
    }

    /** A schema whose only field "v" is the node, so the pruner can run on a default value alone. */
    private static Node holder(Node s) {
        io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps p =
                new io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps();
        p.setType("object");
        p.setProperties(Map.of("v", s.props));
        return Node.of(p);
    }
}

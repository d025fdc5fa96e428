package io.kubeling.resources.customresources.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.kubeling.cel.CelEvaluationError;
import io.kubeling.cel.CelValues;
import io.kubeling.registry.validation.FieldError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The x-kubernetes-validations rules of a schema, compiled once, evaluated as kube's CEL
 * validator does: each node's rules with self (and oldSelf for transition rules, when the old
 * value correlates), errors at the node's path plus the rule's fieldPath. On update, values equal
 * to their old value are not checked again (kube's validation ratcheting).
 */
final class RuleSet {

    private final Map<Node, List<CompiledRule>> rules = new IdentityHashMap<>();
    private final Map<Node, Boolean> subtreeHasRules = new IdentityHashMap<>();
    private final List<Located> located = new ArrayList<>();
    private Node root;

    /**
     * Where a node's rules sit: the schema path below openAPIV3Schema ({@code .properties[spec]}),
     * how many times they may run per object, and the first ancestor whose old value cannot be
     * correlated (null when none).
     */
    record Located(Node node, String schemaPath, long cardinality, String uncorrelatable, List<CompiledRule> rules) {
    }

    /** How kube prints the root's path (a nil field.Path) in the errors of root rules. */
    static final String ROOT = "<nil>";

    private RuleSet() {
    }

    static RuleSet of(Node root) {
        RuleSet set = new RuleSet();
        set.root = root;
        if (root != null) {
            set.compile(root, "Object", true, "", 1, null);
        }
        return set;
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    private boolean compile(Node s, String typeName, boolean resource, String schemaPath, long cardinality,
            String uncorrelatable) {
        boolean has = false;
        if (!s.rules.isEmpty()) {
            CompiledRule.Environments envs = new CompiledRule.Environments(s, typeName, resource);
            List<CompiledRule> compiled = new ArrayList<>();
            for (ValidationRule r : s.rules) {
                compiled.add(CompiledRule.compile(r, envs));
            }
            rules.put(s, compiled);
            located.add(new Located(s, schemaPath, cardinality, uncorrelatable, compiled));
            has = true;
        }
        for (Map.Entry<String, Node> e : s.properties.entrySet()) {
            String u = uncorrelatable == null && "atomic".equals(s.mapType) ? schemaPath : uncorrelatable;
            has |= compile(e.getValue(), typeName + "." + CelSchema.escape(e.getKey()), e.getValue().embeddedResource,
                    schemaPath + ".properties[" + e.getKey() + "]", cardinality, u);
        }
        if (s.items != null) {
            String u = uncorrelatable == null && !"map".equals(s.listType) ? schemaPath : uncorrelatable;
            has |= compile(s.items, typeName + ".@items", s.items.embeddedResource, schemaPath + ".items",
                    times(cardinality, SchemaSizes.size(s)), u);
        }
        if (s.additionalProperties != null) {
            has |= compile(s.additionalProperties, typeName + ".@values", s.additionalProperties.embeddedResource,
                    schemaPath + ".additionalProperties", times(cardinality, SchemaSizes.size(s)), uncorrelatable);
        }
        subtreeHasRules.put(s, has);
        return has;
    }

    private static long times(long a, long b) {
        return a != 0 && Long.MAX_VALUE / a < b ? Long.MAX_VALUE : a * b;
    }

    /** The nodes with rules, in schema order. */
    List<Located> located() {
        return located;
    }

    List<FieldError> validate(ObjectNode object, ObjectNode old) {
        List<FieldError> errors = new ArrayList<>();
        if (!rules.isEmpty()) {
            walk(root, object, old, "", true, old != null, errors);
        }
        return errors;
    }

    private void walk(Node s, JsonNode v, JsonNode old, String path, boolean resource, boolean update,
            List<FieldError> errors) {
        if (s == null || v == null || v.isNull() || !Boolean.TRUE.equals(subtreeHasRules.get(s))) {
            return;
        }
        if (update && old != null && Validator.sameTree(v, old)) {
            return;
        }
        List<CompiledRule> own = rules.get(s);
        if (own != null) {
            evaluate(s, own, v, old, path, resource, errors);
        }
        if (v.isObject()) {
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                String key = e.getKey();
                if (resource && key.equals("metadata")) {
                    continue;
                }
                JsonNode oldValue = old != null && old.isObject() ? old.get(key) : null;
                Node prop = s.properties.get(key);
                if (prop != null) {
                    walk(prop, e.getValue(), oldValue, Validator.child(path, key), prop.embeddedResource, update,
                            errors);
                } else if (s.additionalProperties != null) {
                    walk(s.additionalProperties, e.getValue(), oldValue, path + "[" + key + "]",
                            s.additionalProperties.embeddedResource, update, errors);
                }
            }
        } else if (v.isArray() && s.items != null) {
            Map<JsonNode, JsonNode> oldByKey = correlate(s, old);
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                JsonNode oldItem = oldByKey == null ? null : oldByKey.get(key(s, item));
                walk(s.items, item, oldItem, path + "[" + i + "]", s.items.embeddedResource, update, errors);
            }
        }
    }

    /** Old items by their identity: map lists by their keys, sets by value; atomic lists do not correlate. */
    private static Map<JsonNode, JsonNode> correlate(Node s, JsonNode old) {
        if (old == null || !old.isArray() || !("map".equals(s.listType) || "set".equals(s.listType))) {
            return null;
        }
        Map<JsonNode, JsonNode> byKey = new HashMap<>();
        for (JsonNode item : old) {
            byKey.putIfAbsent(key(s, item), item);
        }
        return byKey;
    }

    private static JsonNode key(Node s, JsonNode item) {
        if ("map".equals(s.listType) && item.isObject()) {
            ObjectNode k = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            for (String name : s.listMapKeys) {
                if (item.has(name)) {
                    k.set(name, item.get(name));
                }
            }
            return k;
        }
        return item;
    }

    private void evaluate(Node s, List<CompiledRule> own, JsonNode v, JsonNode old, String path, boolean resource,
            List<FieldError> errors) {
        Object self = CelSchema.value(s, v, resource);
        Object oldSelf = old == null ? null : CelSchema.value(s, old, resource);
        for (CompiledRule r : own) {
            if (r.expression == null) {
                continue;
            }
            Map<String, Object> bindings = new HashMap<>();
            bindings.put("self", self);
            if (r.transition) {
                if (r.optionalOldSelf) {
                    bindings.put("oldSelf", oldSelf == null ? CelValues.none() : CelValues.some(oldSelf));
                } else if (oldSelf == null) {
                    continue;
                } else {
                    bindings.put("oldSelf", oldSelf);
                }
            }
            Object result;
            try {
                result = r.expression.evaluate(bindings);
            } catch (CelEvaluationError e) {
                String m = e.getMessage();
                String detail = m.startsWith("no such overload")
                        ? "'" + m + "': call arguments did not match a supported operator, function or macro signature for rule: "
                                + r.errorString()
                        : m + " evaluating rule: " + r.errorString();
                errors.add(FieldError.invalid(path.isEmpty() ? ROOT : path, s.type, detail));
                continue;
            }
            if (Boolean.TRUE.equals(result)) {
                continue;
            }
            String message = r.messageOrDefault();
            if (r.messageExpression != null) {
                try {
                    Object m = r.messageExpression.evaluate(bindings);
                    if (m instanceof String text && !text.isBlank() && !text.contains("\n")) {
                        message = text;
                    }
                } catch (CelEvaluationError e) {
                    // kube logs the failure and keeps the rule's message
                }
            }
            errors.add(error(withFieldPath(path, r.rule.getFieldPath()), s.type, message, r.rule.getReason()));
        }
    }

    private static FieldError error(String path, String type, String detail, String reason) {
        if (reason == null) {
            return FieldError.invalid(path, type, detail);
        }
        return switch (reason) {
            case "FieldValueForbidden" -> FieldError.forbidden(path, detail);
            case "FieldValueRequired" -> FieldError.required(path, detail);
            case "FieldValueDuplicate" -> FieldError.duplicate(path, type);
            default -> FieldError.invalid(path, type, detail);
        };
    }

    /** The node's path followed by a rule's fieldPath ({@code .spec.x}, {@code ['a.b']}, {@code [0]}). */
    static String withFieldPath(String path, String fieldPath) {
        if (fieldPath == null || fieldPath.isEmpty()) {
            return path.isEmpty() ? ROOT : path;
        }
        String rel = fieldPath.replaceAll("\\['([^']*)'\\]", "[$1]");
        if (path.isEmpty()) {
            return rel.startsWith(".") ? rel.substring(1) : rel;
        }
        return path + rel;
    }
}

package io.kubeling.registry.fields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The walks over object trees that field management needs, each guided by the {@link Schema}: the
 * fields a configuration sets, the comparison of two versions, the merge of a configuration into a live
 * object, and the removal of fields.
 */
final class ValueWalker {

    /**
     * Fields that are Go value structs (or lists without omitempty) in kube's types: always present in the
     * typed object, so they are never added or removed themselves, only what lies below them.
     */
    private static final Map<String, Set<String>> ALWAYS_PRESENT = Map.of(
            "metadata", Set.of("PodTemplateSpec"), "spec", Set.of("PodTemplateSpec"),
            "template", Set.of("DeploymentSpec", "ReplicaSetSpec", "JobSpec", "StatefulSetSpec", "DaemonSetSpec"),
            "strategy", Set.of("DeploymentSpec"), "updateStrategy", Set.of("StatefulSetSpec", "DaemonSetSpec"),
            "containers", Set.of("PodSpec"), "resources", Set.of("Container"));

    private ValueWalker() {
    }

    // ---- the fields a configuration sets

    static FieldSet fieldSet(Schema schema, JsonNode value) {
        FieldSet out = new FieldSet();
        toSet(schema, new ArrayList<>(), value, out);
        return out;
    }

    private static void toSet(Schema schema, List<PathElement> path, JsonNode value, FieldSet out) {
        if (value.isObject() && schema.isGranularObject()) {
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                path.add(PathElement.field(e.getKey()));
                JsonNode child = e.getValue();
                toSet(schema.child(e.getKey()), path, child, out);
                if (child.isNull() || (child.isObject() && child.isEmpty()) || !schema.declares(e.getKey())) {
                    out.insert(path);
                }
                path.remove(path.size() - 1);
            }
            return;
        }
        if (value.isArray() && schema.isGranularList()) {
            Map<PathElement, JsonNode> elements = index(schema, value);
            if (elements != null) {
                for (Map.Entry<PathElement, JsonNode> e : elements.entrySet()) {
                    path.add(e.getKey());
                    toSet(schema.element(), path, e.getValue(), out);
                    out.insert(path);
                    path.remove(path.size() - 1);
                }
            }
            return;
        }
        out.insert(path);
    }

    // ---- comparison

    static Comparison compare(Schema schema, JsonNode lhs, JsonNode rhs) {
        Comparison out = new Comparison();
        compare(schema, null, null, new ArrayList<>(), lhs, rhs, out);
        return out;
    }

    /** {@code ownerType} and {@code ownerKey} name the struct field being compared, when it is one. */
    private static void compare(Schema schema, Class<?> ownerType, String ownerKey, List<PathElement> path,
            JsonNode lhs, JsonNode rhs, Comparison out) {
        boolean objects = (lhs == null || lhs.isObject()) && (rhs == null || rhs.isObject());
        boolean arrays = (lhs == null || lhs.isArray()) && (rhs == null || rhs.isArray());
        // Empty on both sides is a leaf, which keeps the difference between empty and absent.
        boolean empty = (lhs == null || lhs.isEmpty()) && (rhs == null || rhs.isEmpty());
        if ((objects || arrays) && empty) {
            objects = false;
            arrays = false;
        }
        Map<PathElement, JsonNode> left = null;
        Map<PathElement, JsonNode> right = null;
        if (arrays && schema.isGranularList()) {
            left = index(schema, lhs);
            right = left == null ? null : index(schema, rhs);
        }
        if (objects && schema.isGranularObject()) {
            Class<?> type = schema.kind() == Schema.Kind.STRUCT ? schema.type() : null;
            if (lhs != null) {
                for (String key : lhs.propertyNames()) {
                    compareField(schema, type, key, path, lhs.get(key), rhs == null ? null : rhs.get(key), out);
                }
            }
            if (rhs != null) {
                for (String key : rhs.propertyNames()) {
                    if (lhs == null || !lhs.has(key)) {
                        compareField(schema, type, key, path, null, rhs.get(key), out);
                    }
                }
            }
        } else if (right != null) {
            for (Map.Entry<PathElement, JsonNode> e : right.entrySet()) {
                path.add(e.getKey());
                compare(schema.element(), null, null, path, left.get(e.getKey()), e.getValue(), out);
                path.remove(path.size() - 1);
            }
            for (Map.Entry<PathElement, JsonNode> e : left.entrySet()) {
                if (!right.containsKey(e.getKey())) {
                    path.add(e.getKey());
                    compare(schema.element(), null, null, path, e.getValue(), null, out);
                    path.remove(path.size() - 1);
                }
            }
        } else {
            if (lhs == null) {
                out.added().insert(path);
            } else if (rhs == null) {
                out.removed().insert(path);
            } else if (!lhs.equals(rhs)) {
                out.modified().insert(path);
            }
            return;
        }
        if (path.isEmpty() || (lhs != null && rhs != null)
                || (ownerType != null && alwaysPresent(ownerType, ownerKey))) {
            return;
        }
        if (lhs == null) {
            out.added().insert(path);
        } else if (rhs == null) {
            out.removed().insert(path);
        }
    }

    /** Looked up by the field's name first: a walk passes here for every field it adds or removes. */
    private static boolean alwaysPresent(Class<?> ownerType, String key) {
        Set<String> owners = ALWAYS_PRESENT.get(key);
        return owners != null && owners.contains(ownerType.getSimpleName());
    }

    private static void compareField(Schema schema, Class<?> type, String key, List<PathElement> path, JsonNode lhs,
            JsonNode rhs, Comparison out) {
        path.add(PathElement.field(key));
        compare(schema.child(key), type, key, path, lhs, rhs, out);
        path.remove(path.size() - 1);
    }

    // ---- merge

    /** The live object with the configuration merged in, as structured-merge-diff's Merge. */
    static JsonNode merge(Schema schema, JsonNode live, JsonNode config) {
        if (live == null || live.isNull()) {
            return config.deepCopy();
        }
        if (live.isObject() && config.isObject() && schema.isGranularObject()) {
            ObjectNode out = ((ObjectNode) live).deepCopy();
            for (Map.Entry<String, JsonNode> e : config.properties()) {
                if (e.getValue().isNull()) {
                    out.remove(e.getKey());
                } else {
                    out.set(e.getKey(), merge(schema.child(e.getKey()), live.get(e.getKey()), e.getValue()));
                }
            }
            return out;
        }
        Map<PathElement, JsonNode> applied = live.isArray() && config.isArray() && schema.isGranularList()
                && keyable(schema, live) ? index(schema, config) : null;
        if (applied != null) {
            ArrayNode out = PathElement.JSON.createArrayNode();
            Set<PathElement> seen = new LinkedHashSet<>();
            for (JsonNode element : live) {
                PathElement key = schema.elementKey(element);
                JsonNode update = applied.get(key);
                out.add(update == null ? element.deepCopy() : merge(schema.element(), element, update));
                seen.add(key);
            }
            for (Map.Entry<PathElement, JsonNode> e : applied.entrySet()) {
                if (!seen.contains(e.getKey())) {
                    out.add(e.getValue().deepCopy());
                }
            }
            return out;
        }
        return config.deepCopy();
    }

    // ---- removal

    /** Removes the value at {@code path} from {@code root}, if it is there. */
    static void remove(Schema schema, JsonNode root, List<PathElement> path) {
        JsonNode node = root;
        Schema s = schema;
        for (int i = 0; i < path.size(); i++) {
            PathElement e = path.get(i);
            boolean last = i == path.size() - 1;
            if (e.kind() == PathElement.Kind.FIELD) {
                if (!(node instanceof ObjectNode object) || !object.has(e.field())) {
                    return;
                }
                if (last) {
                    object.remove(e.field());
                    return;
                }
                node = object.get(e.field());
                s = s.child(e.field());
                continue;
            }
            if (!(node instanceof ArrayNode array)) {
                return;
            }
            int found = -1;
            for (int j = 0; j < array.size(); j++) {
                boolean match = e.kind() == PathElement.Kind.INDEX ? j == e.index()
                        : e.equals(s.elementKey(array.get(j)));
                if (match) {
                    found = j;
                    break;
                }
            }
            if (found < 0) {
                return;
            }
            if (last) {
                array.remove(found);
                return;
            }
            node = array.get(found);
            s = s.element();
        }
    }

    // ---- helpers

    private static boolean keyable(Schema schema, JsonNode list) {
        return index(schema, list) != null;
    }

    /** The elements of a list by their keys; null when an element has no key or two share one. */
    private static Map<PathElement, JsonNode> index(Schema schema, JsonNode list) {
        Map<PathElement, JsonNode> out = new LinkedHashMap<>();
        if (list != null) {
            for (JsonNode element : list) {
                PathElement key = schema.elementKey(element);
                if (key == null || out.putIfAbsent(key, element) != null) {
                    return null;
                }
            }
        }
        return out;
    }
}

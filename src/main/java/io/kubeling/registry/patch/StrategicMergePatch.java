package io.kubeling.registry.patch;

import io.kubeling.registry.patch.ModelProperties.Property;
import io.kubeling.registry.patch.PatchMetadata.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.JsonNodeType;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes strategic merge patch (application/strategic-merge-patch+json) applied the way kube-apiserver's
 * k8s.io/apimachinery/pkg/util/strategicpatch does it, with the fabric8 model standing in for the Go structs.
 *
 * <p>Objects merge key by key and a null deletes a key. Lists tagged "merge" merge objects by their merge key and
 * union primitives; other lists are replaced. Directives: {@code $patch} (replace, delete, merge),
 * {@code $retainKeys}, {@code $setElementOrder/<list>} and {@code $deleteFromPrimitiveList/<list>}.
 *
 * <p>Where kube copies patch values verbatim into the result (a key the original lacks, a list that is
 * replaced), directives inside them are still applied and nulls dropped, so the result never carries directive
 * keys; decoding into the Go structs has the same effect in kube.
 */
public final class StrategicMergePatch {

    private static final String PATCH = "$patch";
    private static final String RETAIN_KEYS = "$retainKeys";
    private static final String SET_ELEMENT_ORDER = "$setElementOrder";
    private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

    private static final String GO_MAP = "map[string]interface {}";
    private static final String GO_LIST = "[]interface {}";
    private static final String BAD_PRIMITIVE_LIST = "invalid patch format of primitive list";
    private static final String BAD_RETAIN_KEYS = "invalid patch format of retainKeys";
    private static final String BAD_ELEMENT_ORDER = "invalid patch format of setElementOrder list";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StrategicMergePatch() {}

    /**
     * Applies an SMP document to the original object (both JSON trees of a kube object of type rootType), returns
     * a new tree; inputs not modified. A null patch is a no-op, as Go decodes it into an empty map.
     */
    public static JsonNode apply(JsonNode original, JsonNode patch, Class<?> rootType) throws PatchException {
        ObjectNode result = startingPoint(original);
        if (patch == null || patch.isNull() || patch.isMissingNode()) {
            return result;
        }
        if (!patch.isObject()) {
            throw new PatchException("json: cannot unmarshal " + jsonKind(patch)
                    + " into Go value of type " + GO_MAP);
        }
        return mergeObject(result, (ObjectNode) patch, Schema.of(rootType));
    }

    /** What a JSON object stands for: a model class, a map whose values are all of one class, or unknown. */
    private record Schema(Class<?> type, boolean mapValues) {

        static final Schema UNKNOWN = new Schema(null, false);

        static Schema of(Class<?> type) {
            return type == null ? UNKNOWN : new Schema(type, false);
        }

        Field field(String key) {
            if (mapValues) {
                return new Field(PatchMetadata.NONE, of(type));
            }
            Schema child = ModelProperties.find(type, key).map(Schema::below).orElse(UNKNOWN);
            return new Field(PatchMetadata.tag(type, key), child);
        }

        private static Schema below(Property property) {
            if (property.shape() == ModelProperties.Shape.MAP) {
                return property.valueType() == null ? UNKNOWN : new Schema(property.valueType(), true);
            }
            return of(property.valueType());
        }
    }

    /** A property of the object being merged: its kube tag and the schema of its value or elements. */
    private record Field(Tag tag, Schema child) {

        String mergeKey() {
            return tag.mergeKey();
        }
    }

    private static ObjectNode mergeObject(ObjectNode target, ObjectNode patch, Schema schema) {
        JsonNode directive = patch.get(PATCH);
        if (directive != null) {
            switch (directiveName(directive)) {
                case "replace":
                    return mergeObject(NODES.objectNode(), withoutKey(patch, PATCH), schema);
                case "delete":
                    // kube leaves an empty map in place; decoding drops it for maps and optional structs
                    return NODES.objectNode();
                default:
                    throw unknownPatchType(directive, patch);
            }
        }
        applyRetainKeys(target, patch);
        Set<String> ordered = applyElementOrders(target, patch, schema);
        Map<String, JsonNode> deletions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String key = entry.getKey();
            if (key.equals(RETAIN_KEYS) || key.startsWith(SET_ELEMENT_ORDER) || ordered.contains(key)) {
                continue;
            }
            if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                deletions.put(listKey(key, DELETE_FROM_PRIMITIVE_LIST, BAD_PRIMITIVE_LIST), entry.getValue());
                continue;
            }
            mergeProperty(target, key, entry.getValue(), schema.field(key));
        }
        // after the merges, so a value both added and deleted in one patch ends up deleted
        deletions.forEach((key, values) -> deleteFromPrimitiveList(target, key, values));
        return target;
    }

    private static void mergeProperty(ObjectNode target, String key, JsonNode patchValue, Field field) {
        if (patchValue.isNull()) {
            target.remove(key);
            return;
        }
        JsonNode current = present(target.get(key));
        if (current == null) {
            target.set(key, fresh(patchValue, field));
        } else if (current.isObject() && patchValue.isObject() && !field.tag().replacesObjects()) {
            target.set(key, mergeObject((ObjectNode) current, (ObjectNode) patchValue, field.child()));
        } else if (current.isArray() && patchValue.isArray()) {
            target.set(key, mergeListValue(current, patchValue, field));
        } else {
            target.set(key, fresh(patchValue, field));
        }
    }

    /** A patch value for a key the original lacks: applied to nothing, so its directives still take effect. */
    private static JsonNode fresh(JsonNode patchValue, Field field) {
        if (patchValue.isObject()) {
            return mergeObject(NODES.objectNode(), (ObjectNode) patchValue, field.child());
        }
        if (patchValue.isArray()) {
            return field.tag().mergesLists()
                    ? mergeList(List.of(), elements(patchValue), field)
                    : replacementList(patchValue, field.child());
        }
        return patchValue.deepCopy();
    }

    private static JsonNode mergeListValue(JsonNode current, JsonNode patchList, Field field) {
        return field.tag().mergesLists()
                ? mergeList(elements(current), elements(patchList), field)
                : replacementList(patchList, field.child());
    }

    /** A list that replaces the original one; directive elements mean nothing here and are dropped. */
    private static ArrayNode replacementList(JsonNode patchList, Schema elementSchema) {
        ArrayNode result = NODES.arrayNode();
        for (JsonNode item : patchList.values()) {
            if (item.isObject()) {
                if (!item.has(PATCH)) {
                    result.add(mergeObject(NODES.objectNode(), (ObjectNode) item, elementSchema));
                }
            } else {
                result.add(item.deepCopy());
            }
        }
        return result;
    }

    /** Kube's mergeSlice: primitives are unioned, objects merged by merge key, then the order is normalized. */
    private static ArrayNode mergeList(List<JsonNode> original, List<JsonNode> patch, Field field) {
        if (original.isEmpty() && patch.isEmpty()) {
            return NODES.arrayNode();
        }
        if (elementType(original, patch) != JsonNodeType.OBJECT) {
            List<JsonNode> merged = distinct(original, patch);
            return array(ElementOrder.normalize(ElementOrder.partition(merged, patch, null), patch, original, null));
        }
        String mergeKey = field.mergeKey();
        if (mergeKey == null) {
            throw new PatchException("cannot merge lists without merge key for type map");
        }
        List<JsonNode> working = new ArrayList<>(original);
        List<JsonNode> plain = new ArrayList<>();
        boolean replace = false;
        for (JsonNode item : patch) {
            JsonNode directive = item.get(PATCH);
            if (directive == null) {
                plain.add(item);
                continue;
            }
            switch (directiveName(directive)) {
                case "delete" -> {
                    JsonNode value = mergeKeyValue(item, mergeKey);
                    working.removeIf(existing -> ElementOrder.sameValue(existing.get(mergeKey), value));
                }
                case "replace" -> replace = true;
                case "merge" -> throw new PatchException("merging lists cannot yet be specified in the patch");
                default -> throw unknownPatchType(directive, item);
            }
        }
        if (replace) {
            return array(plain.stream()
                    .map(item -> (JsonNode) mergeObject(NODES.objectNode(), (ObjectNode) item, field.child()))
                    .toList());
        }
        List<JsonNode> serverOrder = List.copyOf(working);
        for (JsonNode item : plain) {
            JsonNode value = mergeKeyValue(item, mergeKey);
            int index = indexByMergeKey(working, mergeKey, value);
            if (index >= 0) {
                working.set(index, mergeObject((ObjectNode) working.get(index), (ObjectNode) item, field.child()));
            } else {
                working.add(mergeObject(NODES.objectNode(), (ObjectNode) item, field.child()));
            }
        }
        return array(ElementOrder.normalize(ElementOrder.partition(working, plain, mergeKey), plain, serverOrder,
                mergeKey));
    }

    /** {@code $retainKeys}: keys of the original not listed are dropped; the patch may only set listed keys. */
    private static void applyRetainKeys(ObjectNode target, ObjectNode patch) {
        JsonNode retain = patch.get(RETAIN_KEYS);
        if (retain == null) {
            return;
        }
        if (!retain.isArray()) {
            throw new PatchException(BAD_RETAIN_KEYS);
        }
        Set<String> kept = new HashSet<>();
        retain.values().stream().filter(JsonNode::isString).forEach(key -> kept.add(key.stringValue()));
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String key = entry.getKey();
            boolean exempt = key.equals(RETAIN_KEYS) || entry.getValue().isNull()
                    || key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER);
            if (!exempt && !kept.contains(key)) {
                throw new PatchException(BAD_RETAIN_KEYS);
            }
        }
        target.retain(kept);
    }

    /**
     * {@code $setElementOrder/<list>}: merges the list now and puts it in the given order; items the order does
     * not name stay in their server order, interleaved as kube does. Returns the lists it has dealt with.
     */
    private static Set<String> applyElementOrders(ObjectNode target, ObjectNode patch, Schema schema) {
        Set<String> handled = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            if (!entry.getKey().startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            String key = listKey(entry.getKey(), SET_ELEMENT_ORDER, BAD_ELEMENT_ORDER);
            JsonNode order = requireList(entry.getValue());
            Field field = schema.field(key);
            JsonNode current = present(target.get(key));
            JsonNode patchList = patch.get(key);
            if (current != null) {
                requireList(current);
            }
            if (patchList != null) {
                requireList(patchList);
            }
            List<JsonNode> orderItems = elements(order);
            validateOrder(patchList == null ? List.of() : elements(patchList), orderItems, field.mergeKey());
            if (current == null && patchList == null) {
                continue;
            }
            JsonNode merged = patchList == null ? current
                    : current == null ? fresh(patchList, field)
                    : mergeListValue(current, patchList, field);
            List<JsonNode> serverOrder = current == null ? List.of() : elements(current);
            ElementOrder.Partition partition = ElementOrder.partition(elements(merged), orderItems, field.mergeKey());
            target.set(key, array(ElementOrder.normalize(partition, orderItems, serverOrder, field.mergeKey())));
            handled.add(key);
        }
        return handled;
    }

    /**
     * Kube's validatePatchWithSetOrderList: the order list must name every item of the patch list, in the same
     * relative order. Items to delete and other directive items are exempt.
     */
    private static void validateOrder(List<JsonNode> patchItems, List<JsonNode> order, String mergeKey) {
        if (mergeKey != null) {
            for (JsonNode item : order) {
                mergeKeyValue(item, mergeKey);
            }
        }
        if (patchItems.isEmpty() || order.isEmpty()) {
            return;
        }
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : patchItems) {
            if (mergeKey != null && !item.isObject()) {
                throw new PatchException(badArgType(GO_MAP, item));
            }
            if (!item.isObject() || !item.has(PATCH)) {
                items.add(item);
            }
        }
        int p = 0;
        int o = 0;
        while (p < items.size() && o < order.size()) {
            JsonNode item = items.get(p);
            JsonNode named = order.get(o);
            boolean same = mergeKey == null ? ElementOrder.sameValue(item, named)
                    : ElementOrder.sameValue(mergeKeyValue(item, mergeKey), mergeKeyValue(named, mergeKey));
            if (same) {
                p++;
            }
            o++;
        }
        if (p < items.size()) {
            throw new PatchException("The order in patch list:\n" + GoFormat.values(patchItems)
                    + "\n doesn't match " + SET_ELEMENT_ORDER + " list:\n" + GoFormat.values(order) + "\n");
        }
    }

    /** {@code $deleteFromPrimitiveList/<list>}: removes every occurrence of the given values. */
    private static void deleteFromPrimitiveList(ObjectNode target, String key, JsonNode values) {
        if (values.isNull()) {
            target.remove(key);
            return;
        }
        if (!values.isArray() || values.values().stream().anyMatch(JsonNode::isContainer)) {
            throw new PatchException(BAD_PRIMITIVE_LIST);
        }
        JsonNode current = present(target.get(key));
        if (current == null || !current.isArray()) {
            return;
        }
        ArrayNode kept = NODES.arrayNode();
        for (JsonNode item : current.values()) {
            if (values.values().stream().noneMatch(value -> ElementOrder.sameValue(value, item))) {
                kept.add(item);
            }
        }
        target.set(key, kept);
    }

    /** The one JSON type shared by the elements of both lists, as kube's sliceElementType insists. */
    private static JsonNodeType elementType(List<JsonNode> original, List<JsonNode> patch) {
        JsonNodeType type = null;
        for (List<JsonNode> list : List.of(original, patch)) {
            for (JsonNode item : list) {
                if (item.isArray()) {
                    throw new PatchException("lists of lists are not supported");
                }
                if (type == null) {
                    type = item.getNodeType();
                } else if (type != item.getNodeType()) {
                    throw new PatchException("list element types are not identical: ["
                            + GoFormat.values(original) + " " + GoFormat.values(patch) + "]");
                }
            }
        }
        return type;
    }

    private static List<JsonNode> distinct(List<JsonNode> original, List<JsonNode> patch) {
        List<JsonNode> result = new ArrayList<>();
        for (List<JsonNode> list : List.of(original, patch)) {
            for (JsonNode item : list) {
                if (ElementOrder.indexOf(result, item, null) < 0) {
                    result.add(item);
                }
            }
        }
        return result;
    }

    private static int indexByMergeKey(List<JsonNode> items, String mergeKey, JsonNode value) {
        for (int i = 0; i < items.size(); i++) {
            if (ElementOrder.sameValue(items.get(i).get(mergeKey), value)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode mergeKeyValue(JsonNode item, String mergeKey) {
        if (!item.isObject()) {
            throw new PatchException(badArgType(GO_MAP, item));
        }
        JsonNode value = item.get(mergeKey);
        if (value == null) {
            throw new PatchException("map: " + GoFormat.value(item) + " does not contain declared merge key: "
                    + mergeKey);
        }
        return value;
    }

    /** The list name after a directive prefix, e.g. "containers" in "$setElementOrder/containers". */
    private static String listKey(String key, String prefix, String error) {
        int slash = key.indexOf('/');
        if (slash < 0 || !key.substring(0, slash).equals(prefix)) {
            throw new PatchException(error);
        }
        return key.substring(slash + 1);
    }

    private static JsonNode requireList(JsonNode node) {
        if (node == null || !node.isArray()) {
            throw new PatchException(badArgType(GO_LIST, node));
        }
        return node;
    }

    private static String directiveName(JsonNode directive) {
        return directive.isString() ? directive.stringValue() : "";
    }

    private static PatchException unknownPatchType(JsonNode directive, JsonNode map) {
        return new PatchException("unknown patch type: " + GoFormat.value(directive) + " in map: "
                + GoFormat.value(map));
    }

    private static String badArgType(String expected, JsonNode actual) {
        return "expected a " + expected + ", but received a " + GoFormat.type(actual);
    }

    private static ObjectNode startingPoint(JsonNode original) {
        if (original == null || original.isNull() || original.isMissingNode()) {
            return NODES.objectNode();
        }
        if (!original.isObject()) {
            throw new PatchException(badArgType(GO_MAP, original));
        }
        return (ObjectNode) original.deepCopy();
    }

    private static String jsonKind(JsonNode node) {
        if (node.isArray()) {
            return "array";
        }
        if (node.isNumber()) {
            return "number";
        }
        return node.isBoolean() ? "bool" : "string";
    }

    /** A stored null is treated as an absent key. */
    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    private static ObjectNode withoutKey(ObjectNode node, String key) {
        ObjectNode copy = NODES.objectNode();
        node.properties().stream().filter(e -> !e.getKey().equals(key)).forEach(e -> copy.set(e.getKey(), e.getValue()));
        return copy;
    }

    private static List<JsonNode> elements(JsonNode list) {
        return new ArrayList<>(list.values());
    }

    private static ArrayNode array(List<JsonNode> items) {
        ArrayNode array = NODES.arrayNode();
        items.forEach(array::add);
        return array;
    }
}

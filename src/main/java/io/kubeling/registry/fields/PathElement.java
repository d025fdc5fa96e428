package io.kubeling.registry.fields;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One step of a field path, as structured-merge-diff knows them: a field name ({@code f:}), the key
 * fields of an element of a keyed list ({@code k:}), the value of an element of a set ({@code v:}) or
 * an index ({@code i:}, for lists of unknown layout).
 */
public record PathElement(Kind kind, String field, List<Map.Entry<String, JsonNode>> key, JsonNode value, int index)
        implements Comparable<PathElement> {

    /** In the order structured-merge-diff sorts them. */
    public enum Kind { FIELD, KEY, VALUE, INDEX }

    static final JsonMapper JSON = JsonMapper.builder().build();

    public static PathElement field(String name) {
        return new PathElement(Kind.FIELD, name, null, null, 0);
    }

    /** A keyed list element; the key fields are kept sorted by name, as kube serializes them. */
    public static PathElement key(Map<String, JsonNode> fields) {
        List<Map.Entry<String, JsonNode>> sorted = new ArrayList<>(fields.entrySet());
        sorted.sort(Map.Entry.comparingByKey());
        return new PathElement(Kind.KEY, null, List.copyOf(sorted), null, 0);
    }

    public static PathElement value(JsonNode value) {
        return new PathElement(Kind.VALUE, null, null, value, 0);
    }

    public static PathElement index(int index) {
        return new PathElement(Kind.INDEX, null, null, null, index);
    }

    /** The FieldsV1 form: {@code f:name}, {@code k:{"name":"c"}}, {@code v:"x"}, {@code i:0}. */
    public String fieldsKey() {
        return switch (kind) {
            case FIELD -> "f:" + field;
            case KEY -> {
                ObjectNode object = JSON.createObjectNode();
                key.forEach(e -> object.set(e.getKey(), e.getValue()));
                yield "k:" + JSON.writeValueAsString(object);
            }
            case VALUE -> "v:" + JSON.writeValueAsString(value);
            case INDEX -> "i:" + index;
        };
    }

    /** Parses the FieldsV1 form. */
    public static PathElement parse(String text) {
        if (text.length() < 2 || text.charAt(1) != ':') {
            throw new IllegalArgumentException("invalid path element: " + text);
        }
        String rest = text.substring(2);
        return switch (text.charAt(0)) {
            case 'f' -> field(rest);
            case 'k' -> {
                JsonNode node = JSON.readTree(rest);
                if (!node.isObject()) {
                    throw new IllegalArgumentException("invalid key: " + text);
                }
                Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
                node.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
                yield key(fields);
            }
            case 'v' -> value(JSON.readTree(rest));
            case 'i' -> index(Integer.parseInt(rest));
            default -> throw new IllegalArgumentException("invalid path element: " + text);
        };
    }

    /** As structured-merge-diff prints a path step in conflict messages: {@code .name}, {@code [name="c"]}. */
    @Override
    public String toString() {
        return switch (kind) {
            case FIELD -> "." + field;
            case KEY -> {
                List<String> parts = new ArrayList<>();
                key.forEach(e -> parts.add(e.getKey() + "=" + JSON.writeValueAsString(e.getValue())));
                yield "[" + String.join(",", parts) + "]";
            }
            case VALUE -> "[=" + JSON.writeValueAsString(value) + "]";
            case INDEX -> "[" + index + "]";
        };
    }

    @Override
    public int compareTo(PathElement other) {
        if (kind != other.kind) {
            return kind.compareTo(other.kind);
        }
        return switch (kind) {
            case FIELD -> field.compareTo(other.field);
            case KEY -> compareKeys(key, other.key);
            case VALUE -> compareValues(value, other.value);
            case INDEX -> Integer.compare(index, other.index);
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PathElement other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return fieldsKey().hashCode();
    }

    private static int compareKeys(List<Map.Entry<String, JsonNode>> a, List<Map.Entry<String, JsonNode>> b) {
        if (a.size() != b.size()) {
            return Integer.compare(a.size(), b.size());
        }
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).getKey().compareTo(b.get(i).getKey());
            if (c != 0) {
                return c;
            }
            c = compareValues(a.get(i).getValue(), b.get(i).getValue());
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Values of different types sort by type, as in structured-merge-diff: null, numbers, strings, booleans, others. */
    static final Comparator<JsonNode> VALUES = PathElement::compareValues;

    private static int compareValues(JsonNode a, JsonNode b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (ra) {
            case 1 -> a.decimalValue().compareTo(b.decimalValue());
            case 2 -> a.asString().compareTo(b.asString());
            case 3 -> Boolean.compare(a.asBoolean(), b.asBoolean());
            case 0 -> 0;
            default -> JSON.writeValueAsString(a).compareTo(JSON.writeValueAsString(b));
        };
    }

    private static int rank(JsonNode n) {
        if (n == null || n.isNull()) {
            return 0;
        }
        if (n.isNumber()) {
            return 1;
        }
        if (n.isString()) {
            return 2;
        }
        if (n.isBoolean()) {
            return 3;
        }
        return 4;
    }
}

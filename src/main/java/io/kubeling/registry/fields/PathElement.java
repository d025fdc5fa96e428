package io.kubeling.registry.fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One step of a field path, as structured-merge-diff knows them: a field name ({@code f:}), the key
 * fields of an element of a keyed list ({@code k:}), the value of an element of a set ({@code v:}) or
 * an index ({@code i:}, for lists of unknown layout).
 */
public final class PathElement implements Comparable<PathElement> {

    /** In the order structured-merge-diff sorts them. */
    public enum Kind { FIELD, KEY, VALUE, INDEX }

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** Parsed FieldsV1 keys: every write reads the managedFields of the object it changes, mostly the same keys. */
    private static final Map<String, PathElement> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_LIMIT = 8192;
    /**
     * Field steps by name: every write walks its object's fields, mostly the same names, and each step would
     * otherwise be made again with its FieldsV1 key.
     */
    private static final Map<String, PathElement> FIELDS = new ConcurrentHashMap<>();

    private final Kind kind;
    private final String field;
    private final List<Map.Entry<String, JsonNode>> key;
    private final JsonNode value;
    private final int index;
    /** The FieldsV1 form, worked out on first use: hashing and encoding both need it. */
    private String fieldsKey;

    private PathElement(Kind kind, String field, List<Map.Entry<String, JsonNode>> key, JsonNode value, int index) {
        this.kind = kind;
        this.field = field;
        this.key = key;
        this.value = value;
        this.index = index;
    }

    public static PathElement field(String name) {
        PathElement known = FIELDS.get(name);
        if (known != null) {
            return known;
        }
        PathElement made = new PathElement(Kind.FIELD, name, null, null, 0);
        made.fieldsKey = "f:" + name;
        if (FIELDS.size() >= PARSED_LIMIT) {
            FIELDS.clear();
        }
        FIELDS.put(name, made);
        return made;
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

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    public List<Map.Entry<String, JsonNode>> key() {
        return key;
    }

    public JsonNode value() {
        return value;
    }

    public int index() {
        return index;
    }

    /** The FieldsV1 form: {@code f:name}, {@code k:{"name":"c"}}, {@code v:"x"}, {@code i:0}. */
    public String fieldsKey() {
        String text = fieldsKey;
        if (text == null) {
            text = switch (kind) {
                case FIELD -> "f:" + field;
                case KEY -> {
                    StringBuilder out = new StringBuilder("k:{");
                    for (Map.Entry<String, JsonNode> e : key) {
                        if (out.length() > 3) {
                            out.append(',');
                        }
                        quote(e.getKey(), out).append(':');
                        json(e.getValue(), out);
                    }
                    yield out.append('}').toString();
                }
                case VALUE -> json(value, new StringBuilder("v:")).toString();
                case INDEX -> "i:" + index;
            };
            fieldsKey = text;
        }
        return text;
    }

    /** Appends the JSON of a key value: strings and integers written here, as every write encodes some. */
    private static StringBuilder json(JsonNode value, StringBuilder out) {
        if (value.isString()) {
            return quote(value.asString(), out);
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return out.append(value.longValue());
        }
        return out.append(JSON.writeValueAsString(value));
    }

    /** A JSON string as Jackson writes it. */
    private static StringBuilder quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                String escaped = JSON.writeValueAsString(String.valueOf(c));
                out.append(escaped, 1, escaped.length() - 1);
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }

    /** Parses the FieldsV1 form. */
    public static PathElement parse(String text) {
        PathElement known = PARSED.get(text);
        if (known != null) {
            return known;
        }
        PathElement parsed = parseUncached(text);
        if (PARSED.size() >= PARSED_LIMIT) {
            PARSED.clear();
        }
        PARSED.put(text, parsed);
        return parsed;
    }

    private static PathElement parseUncached(String text) {
        if (text.length() < 2 || text.charAt(1) != ':') {
            throw new IllegalArgumentException("invalid path element: " + text);
        }
        String rest = text.substring(2);
        PathElement parsed = switch (text.charAt(0)) {
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
        if (parsed.kind == Kind.FIELD) {
            parsed.fieldsKey = text;
        }
        return parsed;
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

    /** Agrees with {@link #compareTo}, under which 80 and 80.0 are one key. */
    @Override
    public int hashCode() {
        return switch (kind) {
            case FIELD -> field.hashCode();
            case KEY -> {
                int h = 1;
                for (Map.Entry<String, JsonNode> e : key) {
                    h = 31 * h + e.getKey().hashCode();
                    h = 31 * h + hashValue(e.getValue());
                }
                yield h;
            }
            case VALUE -> hashValue(value);
            case INDEX -> Integer.hashCode(index);
        };
    }

    private static int hashValue(JsonNode n) {
        return switch (rank(n)) {
            case 0 -> 0;
            case 1 -> Double.hashCode(n.doubleValue());
            case 2 -> n.asString().hashCode();
            case 3 -> Boolean.hashCode(n.asBoolean());
            default -> JSON.writeValueAsString(n).hashCode();
        };
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
    private static int compareValues(JsonNode a, JsonNode b) {
        int ra = rank(a);
        int rb = rank(b);
        if (ra != rb) {
            return Integer.compare(ra, rb);
        }
        return switch (ra) {
            case 1 -> a.isIntegralNumber() && b.isIntegralNumber() && a.canConvertToLong() && b.canConvertToLong()
                    ? Long.compare(a.longValue(), b.longValue())
                    : a.decimalValue().compareTo(b.decimalValue());
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

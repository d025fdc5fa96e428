package io.kubeling.cel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.cel.common.values.NullValue;
import tools.jackson.databind.JsonNode;

/** JSON trees as CEL values: objects as maps, arrays as lists, integers as int, other numbers as double. */
public final class CelValues {

    private CelValues() {
    }

    public static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NullValue.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                map.put(e.getKey(), fromJson(e.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode e : node) {
                list.add(fromJson(e));
            }
            return list;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        return node.toString();
    }

    public static Object timestamp(java.time.Instant instant) {
        return instant;
    }

    public static Object duration(java.time.Duration duration) {
        return duration;
    }

    public static Object bytes(byte[] bytes) {
        return dev.cel.common.values.CelByteString.of(bytes);
    }

    public static Object none() {
        return java.util.Optional.empty();
    }

    public static Object some(Object value) {
        return java.util.Optional.of(value);
    }

    /** Plain Java values (maps, lists, strings, numbers) as CEL values. */
    public static Object fromJava(Object value) {
        if (value == null) {
            return NullValue.NULL_VALUE;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> map = new LinkedHashMap<>();
            m.forEach((k, v) -> map.put(String.valueOf(k), fromJava(v)));
            return map;
        }
        if (value instanceof List<?> l) {
            List<Object> list = new ArrayList<>(l.size());
            l.forEach(e -> list.add(fromJava(e)));
            return list;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return value;
    }
}

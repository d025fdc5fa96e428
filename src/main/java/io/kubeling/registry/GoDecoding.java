package io.kubeling.registry;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a request's JSON against the model as Go's encoding/json reads it into kube's types, before Jackson
 * binds it: a value of the wrong JSON type fails with Go's words (Jackson would convert it), and a null
 * becomes what Go leaves in its place: nothing for a field, the zero value for a list element or a map value.
 */
final class GoDecoding {

    /** The Go shape of a Java model type. */
    private interface Shape {
        String goType();
    }

    private enum Scalar implements Shape {
        STRING("string"), INT32("int32"), INT64("int64"), BOOL("bool"), FLOAT64("float64"),
        QUANTITY("resource.Quantity"), INT_OR_STRING("intstr.IntOrString"), OPAQUE("interface {}");

        private final String goType;

        Scalar(String goType) {
            this.goType = goType;
        }

        @Override
        public String goType() {
            return goType;
        }
    }

    private record ListOf(Shape element) implements Shape {
        @Override
        public String goType() {
            return "[]" + element.goType();
        }
    }

    private record MapOf(Shape value) implements Shape {
        @Override
        public String goType() {
            return "map[string]" + value.goType();
        }
    }

    /** A model class; its fields are found on first use, as classes refer to each other. */
    private static final class Struct implements Shape {
        private final Class<?> type;
        private volatile Map<String, Shape> fields;

        Struct(Class<?> type) {
            this.type = type;
        }

        @Override
        public String goType() {
            return "v1." + type.getSimpleName();
        }

        String name() {
            return type.getSimpleName();
        }

        Map<String, Shape> fields() {
            Map<String, Shape> known = fields;
            if (known == null) {
                known = new HashMap<>();
                for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
                    for (Field f : k.getDeclaredFields()) {
                        JsonProperty json = f.getAnnotation(JsonProperty.class);
                        if (json != null && !Modifier.isStatic(f.getModifiers())) {
                            JsonDeserialize custom = f.getAnnotation(JsonDeserialize.class);
                            boolean opaque = custom != null && custom.using() != ValueDeserializer.None.class;
                            known.putIfAbsent(json.value(), opaque ? Scalar.OPAQUE : shapeOf(f.getGenericType()));
                        }
                    }
                }
                fields = known;
            }
            return known;
        }
    }

    /** Where a value sits: the innermost struct and the JSON field names from the root, as Go's errors name it. */
    private record Path(Path parent, String field, String struct) {

        Path child(String name, String ofStruct) {
            return new Path(this, name, ofStruct);
        }

        String fields() {
            return parent == null || parent.field == null ? field : parent.fields() + "." + field;
        }
    }

    /** A value Go would not decode, with Go's message. */
    static final class Mismatch extends RuntimeException {
        Mismatch(String message) {
            super(message, null, false, false);
        }
    }

    private static final String QUANTITY_FORMAT = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
    private static final Pattern QUANTITY = Pattern.compile("([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)");
    private static final Pattern DECIMAL_EXPONENT = Pattern.compile("[eE][-+]?[0-9]+");
    private static final List<String> SUFFIXES = List.of("", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "n", "u", "m", "k",
            "M", "G", "T", "P", "E");
    /** Beyond this a quantity's exponent names no amount the model can hold (kube caps amounts at 2^63-1). */
    private static final int MAX_EXPONENT = 64;

    private static final Map<Type, Shape> SHAPES = new ConcurrentHashMap<>();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GoDecoding() {
    }

    /** Checks {@code tree} as Go would decode it into {@code type}, replacing nulls in place; throws {@link Mismatch}. */
    static void check(ObjectNode tree, Class<?> type) {
        Shape shape = shapeOf(type);
        if (shape instanceof Struct struct) {
            walkStruct(tree, struct, new Path(null, null, struct.name()));
        }
    }

    private static void walk(JsonNode node, Shape shape, Path path) {
        if (shape instanceof Struct struct) {
            if (!(node instanceof ObjectNode object)) {
                throw mismatch(GoJsonTypes.of(node), shape, path);
            }
            walkStruct(object, struct, path);
        } else if (shape instanceof ListOf list) {
            if (!(node instanceof ArrayNode array)) {
                throw mismatch(GoJsonTypes.of(node), shape, path);
            }
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (element.isNull()) {
                    JsonNode zero = zero(list.element());
                    if (zero != null) {
                        array.set(i, zero);
                    }
                } else {
                    walk(element, list.element(), path);
                }
            }
        } else if (shape instanceof MapOf map) {
            if (!(node instanceof ObjectNode object)) {
                throw mismatch(GoJsonTypes.of(node), shape, path);
            }
            for (String key : new ArrayList<>(object.propertyNames())) {
                JsonNode value = object.get(key);
                if (value.isNull()) {
                    JsonNode zero = zero(map.value());
                    if (zero != null) {
                        object.set(key, zero);
                    }
                } else {
                    walk(value, map.value(), path);
                }
            }
        } else {
            scalar(node, (Scalar) shape, path);
        }
    }

    private static void walkStruct(ObjectNode object, Struct struct, Path path) {
        Map<String, Shape> fields = struct.fields();
        List<String> nulls = null;
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            Shape field = fields.get(e.getKey());
            if (field == null) {
                continue;
            }
            if (e.getValue().isNull()) {
                if (nulls == null) {
                    nulls = new ArrayList<>();
                }
                nulls.add(e.getKey());
            } else {
                walk(e.getValue(), field, path.child(e.getKey(), struct.name()));
            }
        }
        if (nulls != null) {
            object.remove(nulls);
        }
    }

    private static void scalar(JsonNode node, Scalar scalar, Path path) {
        switch (scalar) {
            case STRING -> {
                if (!node.isString()) {
                    throw mismatch(GoJsonTypes.of(node), scalar, path);
                }
            }
            case BOOL -> {
                if (!node.isBoolean()) {
                    throw mismatch(GoJsonTypes.of(node), scalar, path);
                }
            }
            case FLOAT64 -> {
                if (!node.isNumber()) {
                    throw mismatch(GoJsonTypes.of(node), scalar, path);
                }
            }
            case INT32, INT64 -> integer(node, scalar, scalar, path);
            case INT_OR_STRING -> {
                // kube's IntOrString reads a string as such and anything else as an int32
                if (!node.isString()) {
                    integer(node, Scalar.INT32, Scalar.INT32, path);
                }
            }
            case QUANTITY -> quantity(node.isString() ? node.stringValue().strip()
                    : node.isNumber() ? node.numberValue().toString() : node.toString());
            case OPAQUE -> {
            }
        }
    }

    private static void integer(JsonNode node, Scalar range, Shape reported, Path path) {
        if (!node.isNumber()) {
            throw mismatch(GoJsonTypes.of(node), reported, path);
        }
        boolean fits = node.isIntegralNumber() && (range == Scalar.INT32 ? node.canConvertToInt()
                : node.canConvertToLong());
        if (!fits) {
            throw mismatch("number " + node.numberValue(), reported, path);
        }
    }

    /** kube's ParseQuantity, as far as it refuses a value. */
    private static void quantity(String text) {
        if (!QUANTITY.matcher(text).matches()) {
            throw new Mismatch("quantities must match the regular expression '" + QUANTITY_FORMAT + "'");
        }
        var m = QUANTITY.matcher(text);
        m.matches();
        String number = m.group(1);
        String suffix = m.group(2);
        if (number.indexOf('.') != number.lastIndexOf('.')) {
            throw new Mismatch("unable to parse numeric part of quantity");
        }
        if (SUFFIXES.contains(suffix)) {
            return;
        }
        if (!DECIMAL_EXPONENT.matcher(suffix).matches()) {
            throw new Mismatch("unable to parse quantity's suffix");
        }
        long exponent;
        try {
            exponent = Long.parseLong(suffix.substring(1).replace("+", ""));
        } catch (NumberFormatException e) {
            throw new Mismatch("unable to parse quantity's suffix");
        }
        if (Math.abs(exponent) > MAX_EXPONENT) {
            throw new Mismatch("unable to parse numeric part of quantity");
        }
    }

    private static JsonNode zero(Shape shape) {
        if (shape instanceof Struct || shape instanceof MapOf) {
            return NODES.objectNode();
        }
        if (shape instanceof ListOf) {
            return NODES.arrayNode();
        }
        return switch ((Scalar) shape) {
            case STRING -> NODES.stringNode("");
            case INT32, INT64, INT_OR_STRING -> NODES.numberNode(0);
            case FLOAT64 -> NODES.numberNode(0.0);
            case BOOL -> NODES.booleanNode(false);
            case QUANTITY -> NODES.stringNode("0");
            case OPAQUE -> null;
        };
    }

    private static Mismatch mismatch(String value, Shape type, Path path) {
        if (path.field() == null) {
            return new Mismatch("json: cannot unmarshal " + value + " into Go value of type " + type.goType());
        }
        return new Mismatch("json: cannot unmarshal " + value + " into Go struct field " + path.struct() + "."
                + path.fields() + " of type " + type.goType());
    }

    private static Shape shapeOf(Type type) {
        Shape known = SHAPES.get(type);
        if (known == null) {
            known = resolve(type);
            Shape raced = SHAPES.putIfAbsent(type, known);
            if (raced != null) {
                known = raced;
            }
        }
        return known;
    }

    private static Shape resolve(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw) && args.length == 1) {
                return new ListOf(shapeOf(args[0]));
            }
            if (Map.class.isAssignableFrom(raw) && args.length == 2 && args[0] == String.class) {
                return new MapOf(shapeOf(args[1]));
            }
            return Scalar.OPAQUE;
        }
        if (!(type instanceof Class<?> c)) {
            return Scalar.OPAQUE;
        }
        if (c == String.class) {
            return Scalar.STRING;
        }
        if (c == Integer.class || c == int.class || c == Short.class || c == short.class) {
            return Scalar.INT32;
        }
        if (c == Long.class || c == long.class) {
            return Scalar.INT64;
        }
        if (c == Boolean.class || c == boolean.class) {
            return Scalar.BOOL;
        }
        if (c == Double.class || c == double.class || c == Float.class || c == float.class) {
            return Scalar.FLOAT64;
        }
        if (c == Quantity.class) {
            return Scalar.QUANTITY;
        }
        if (c == IntOrString.class) {
            return Scalar.INT_OR_STRING;
        }
        JsonDeserialize custom = c.getAnnotation(JsonDeserialize.class);
        // fabric8's generated models bind field by field; those with a deserializer of their own are left to it
        if (c.getName().startsWith("io.fabric8.") && !c.isInterface() && !Modifier.isAbstract(c.getModifiers())
                && custom != null && custom.using() == ValueDeserializer.None.class) {
            return new Struct(c);
        }
        return Scalar.OPAQUE;
    }
}

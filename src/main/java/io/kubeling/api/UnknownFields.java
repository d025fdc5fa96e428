package io.kubeling.api;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * Finds and drops the fields a typed object did not know: fabric8 models catch them in
 * {@code additionalProperties}, which kube would have refused or ignored.
 */
final class UnknownFields {

    /** A field of a model class with the JSON name it is read under. */
    private record Property(Field field, String name) {
    }

    /**
     * What the walk needs of a model class, looked up once per class: its properties and where it keeps the fields
     * it did not know, read straight from the field behind {@code getAdditionalProperties()} where there is one.
     */
    private record Shape(List<Property> properties, Field additionalField, Method additional) {
    }

    /** The shape of a class that is no model: the walk does not enter it. */
    private static final Shape NOT_A_MODEL = new Shape(List.of(), null, null);

    /** Where a value sits, spelled out only for the rare unknown field. */
    private record Path(Path parent, String key, int index) {

        static final Path ROOT = new Path(null, null, -1);

        Path field(String name) {
            return new Path(this, name, -1);
        }

        Path element(int i) {
            return new Path(this, null, i);
        }

        String join(String name) {
            return this == ROOT ? name : this + "." + name;
        }

        @Override
        public String toString() {
            if (this == ROOT) {
                return "";
            }
            return key == null ? parent + "[" + index + "]" : parent.join(key);
        }
    }

    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();

    private UnknownFields() {
    }

    /** Removes unknown fields from {@code object} and returns their paths, as kube prints them. */
    static List<String> strip(Object object) {
        List<String> found = new ArrayList<>();
        walk(object, Path.ROOT, found);
        return found;
    }

    /** A value with no fields of its own: the walk neither enters it nor spells out its path. */
    private static boolean leaf(Object value) {
        // FieldsV1 is free-form JSON in kube too, held by fabric8 in additionalProperties.
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Quantity || value instanceof IntOrString || value instanceof Enum<?>
                || value instanceof io.fabric8.kubernetes.api.model.FieldsV1;
    }

    private static void walk(Object value, Path path, List<String> found) {
        if (leaf(value)) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                Object element = list.get(i);
                if (!leaf(element)) {
                    walk(element, path.element(i), found);
                }
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!leaf(e.getValue())) {
                    walk(e.getValue(), path.field(String.valueOf(e.getKey())), found);
                }
            }
            return;
        }
        if (value instanceof Collection<?>) {
            return;
        }
        Shape shape = SHAPES.computeIfAbsent(value.getClass(), UnknownFields::shapeOf);
        if (shape == NOT_A_MODEL) {
            return;
        }
        Map<String, Object> extra = additional(value, shape);
        if (extra != null && !extra.isEmpty()) {
            for (String key : extra.keySet()) {
                found.add(path.join(key));
            }
            extra.clear();
        }
        for (Property property : shape.properties()) {
            try {
                Object field = property.field().get(value);
                if (!leaf(field)) {
                    walk(field, path.field(property.name()), found);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> additional(Object value, Shape shape) {
        try {
            if (shape.additionalField() != null) {
                return (Map<String, Object>) shape.additionalField().get(value);
            }
            return shape.additional() == null ? null : (Map<String, Object>) shape.additional().invoke(value);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static Shape shapeOf(Class<?> type) {
        if (!type.getName().startsWith("io.fabric8.")) {
            return NOT_A_MODEL;
        }
        List<Property> properties = new ArrayList<>();
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                JsonProperty json = f.getAnnotation(JsonProperty.class);
                if (json != null) {
                    f.setAccessible(true);
                    properties.add(new Property(f, json.value()));
                }
            }
        }
        Method additional;
        try {
            additional = type.getMethod("getAdditionalProperties");
        } catch (NoSuchMethodException e) {
            additional = null;
        }
        return new Shape(List.copyOf(properties), additional == null ? null : additionalField(type), additional);
    }

    /** The map field fabric8's models return from {@code getAdditionalProperties()}, or null. */
    private static Field additionalField(Class<?> type) {
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            try {
                Field field = k.getDeclaredField("additionalProperties");
                if (Map.class.isAssignableFrom(field.getType())) {
                    field.setAccessible(true);
                    return field;
                }
                return null;
            } catch (NoSuchFieldException e) {
                // in a superclass, if anywhere
            }
        }
        return null;
    }
}

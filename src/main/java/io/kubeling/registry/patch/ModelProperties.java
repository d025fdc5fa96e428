package io.kubeling.registry.patch;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON properties of a fabric8 model class, read once per class from its {@code @JsonProperty} fields.
 * Kube looks patch metadata up on Go struct fields; fabric8 keeps the same JSON names on Java fields, so the
 * declared generic types tell us what lies below each property.
 */
final class ModelProperties {

    /** How a property's value is laid out in JSON. */
    enum Shape { SCALAR, OBJECT, LIST, MAP }

    /**
     * @param valueType the class of the value (OBJECT, SCALAR), of the elements (LIST) or of the map values (MAP);
     *                  null when the generic type does not name a class
     */
    record Property(String jsonName, Shape shape, Class<?> valueType) {}

    private static final ClassValue<Map<String, Property>> BY_CLASS = new ClassValue<>() {
        @Override
        protected Map<String, Property> computeValue(Class<?> type) {
            return scan(type);
        }
    };

    private ModelProperties() {}

    static Optional<Property> find(Class<?> owner, String jsonName) {
        if (owner == null || jsonName == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_CLASS.get(owner).get(jsonName));
    }

    private static Map<String, Property> scan(Class<?> type) {
        Map<String, Property> properties = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                JsonProperty annotation = field.getAnnotation(JsonProperty.class);
                if (annotation == null) {
                    continue;
                }
                String name = annotation.value().isEmpty() ? field.getName() : annotation.value();
                properties.putIfAbsent(name, describe(name, field));
            }
        }
        return Map.copyOf(properties);
    }

    private static Property describe(String name, Field field) {
        Class<?> raw = field.getType();
        Type generic = field.getGenericType();
        if (Collection.class.isAssignableFrom(raw)) {
            return new Property(name, Shape.LIST, typeArgument(generic, 0));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return new Property(name, Shape.MAP, typeArgument(generic, 1));
        }
        return new Property(name, isScalar(raw) ? Shape.SCALAR : Shape.OBJECT, raw);
    }

    private static Class<?> typeArgument(Type generic, int index) {
        if (generic instanceof ParameterizedType parameterized
                && parameterized.getActualTypeArguments().length > index
                && parameterized.getActualTypeArguments()[index] instanceof Class<?> argument) {
            return argument;
        }
        return null;
    }

    private static boolean isScalar(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || type == String.class || type == Boolean.class
                || type == Character.class || Number.class.isAssignableFrom(type);
    }
}

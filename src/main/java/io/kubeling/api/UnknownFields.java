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

    private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Method> EXTRA = new ConcurrentHashMap<>();

    private UnknownFields() {
    }

    /** Removes unknown fields from {@code object} and returns their paths, as kube prints them. */
    static List<String> strip(Object object) {
        List<String> found = new ArrayList<>();
        walk(object, "", found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Quantity || value instanceof IntOrString || value instanceof Enum<?>
                || value instanceof io.fabric8.kubernetes.api.model.FieldsV1) {
            // FieldsV1 is free-form JSON in kube too, held by fabric8 in additionalProperties.
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", found);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), join(path, String.valueOf(e.getKey())), found);
            }
            return;
        }
        if (value instanceof Collection<?>) {
            return;
        }
        Class<?> type = value.getClass();
        if (!type.getName().startsWith("io.fabric8.")) {
            return;
        }
        Map<String, Object> extra = additional(value);
        if (extra != null && !extra.isEmpty()) {
            for (String key : extra.keySet()) {
                found.add(join(path, key));
            }
            extra.clear();
        }
        for (Field field : fields(type)) {
            try {
                walk(field.get(value), join(path, field.getAnnotation(JsonProperty.class).value()), found);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> additional(Object value) {
        Method getter = EXTRA.computeIfAbsent(value.getClass(), c -> {
            try {
                return c.getMethod("getAdditionalProperties");
            } catch (NoSuchMethodException e) {
                return null;
            }
        });
        if (getter == null) {
            return null;
        }
        try {
            return (Map<String, Object>) getter.invoke(value);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static List<Field> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, c -> {
            List<Field> out = new ArrayList<>();
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    if (f.isAnnotationPresent(JsonProperty.class)) {
                        f.setAccessible(true);
                        out.add(f);
                    }
                }
            }
            return out;
        });
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}

package io.kubeling.registry;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * A new object of the same class holding the same field values: what lets a shared object be
 * looked at with a part set aside, or written anew with a part replaced, by setting the part on
 * the copy.
 */
public final class ShallowCopy {

    private static final ClassValue<List<Field>> FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        f.setAccessible(true);
                        fields.add(f);
                    }
                }
            }
            return List.copyOf(fields);
        }
    };

    private ShallowCopy() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T of(T object) {
        try {
            T copy = (T) object.getClass().getDeclaredConstructor().newInstance();
            for (Field f : FIELDS.get(object.getClass())) {
                f.set(copy, f.get(object));
            }
            return copy;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + object.getClass(), e);
        }
    }
}

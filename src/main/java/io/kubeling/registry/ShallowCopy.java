package io.kubeling.registry;

import java.lang.reflect.Constructor;
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

    /** A class's no-argument constructor and fields, looked up once: a lookup copies what it finds every time. */
    private record Shape(Constructor<?> constructor, List<Field> fields) {
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(f.getModifiers())) {
                        f.setAccessible(true);
                        fields.add(f);
                    }
                }
            }
            Constructor<?> constructor;
            try {
                constructor = type.getDeclaredConstructor();
                // as the fields: no access check on each call
                constructor.trySetAccessible();
            } catch (NoSuchMethodException e) {
                constructor = null;
            }
            return new Shape(constructor, List.copyOf(fields));
        }
    };

    private ShallowCopy() {
    }

    @SuppressWarnings("unchecked")
    public static <T> T of(T object) {
        try {
            Shape shape = SHAPES.get(object.getClass());
            if (shape.constructor() == null) {
                throw new NoSuchMethodException(object.getClass().getName() + ".<init>()");
            }
            T copy = (T) shape.constructor().newInstance();
            for (Field f : shape.fields()) {
                f.set(copy, f.get(object));
            }
            return copy;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy " + object.getClass(), e);
        }
    }
}

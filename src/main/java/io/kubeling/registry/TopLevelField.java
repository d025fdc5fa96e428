package io.kubeling.registry;

import java.lang.reflect.Method;
import java.util.function.Supplier;

/**
 * A top-level field of a typed object ({@code spec}, {@code status}) that can be set aside for a moment,
 * so that a tree made of the object leaves it out without copying the object.
 */
final class TopLevelField {

    private final Method getter;
    private final Method setter;

    private TopLevelField(Method getter, Method setter) {
        this.getter = getter;
        this.setter = setter;
    }

    /** The field, or null when the type has none of that name. */
    static TopLevelField of(Class<?> type, String name) {
        String property = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        try {
            Method getter = type.getMethod("get" + property);
            Method setter = type.getMethod("set" + property, getter.getReturnType());
            // public methods of the model: accessible, so that no call looks up its caller to check access
            getter.trySetAccessible();
            setter.trySetAccessible();
            return new TopLevelField(getter, setter);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** What {@code action} gives while the field is unset on {@code object}. */
    <R> R without(Object object, Supplier<R> action) {
        Object value = invoke(getter, object);
        invoke(setter, object, (Object) null);
        try {
            return action.get();
        } finally {
            invoke(setter, object, value);
        }
    }

    Object get(Object object) {
        return invoke(getter, object);
    }

    /** What {@code action} gives while every one of {@code fields} is unset on {@code object}. */
    static <R> R without(Object object, java.util.List<TopLevelField> fields, Supplier<R> action) {
        if (fields.isEmpty()) {
            return action.get();
        }
        return fields.get(0).without(object, () -> without(object, fields.subList(1, fields.size()), action));
    }

    private static Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot use " + method, e);
        }
    }
}

package io.kubeling.controllers;

import java.util.function.Supplier;

import io.kubeling.registry.StoredChange;

/**
 * One change to an object, decoded: for a deletion, {@code object} is the object's last state.
 * {@code previous} is null on creation. Objects of a change from the feed are decoded when first
 * asked for and shared by every subscriber of the type: they are for looking, never for changing.
 */
public final class Change<T> {

    private final StoredChange.Type type;
    private final Supplier<T> object;
    private final Supplier<T> previous;

    public Change(StoredChange.Type type, T object, T previous) {
        this(type, () -> object, () -> previous);
    }

    Change(StoredChange.Type type, Supplier<T> object, Supplier<T> previous) {
        this.type = type;
        this.object = object;
        this.previous = previous;
    }

    public StoredChange.Type type() {
        return type;
    }

    public T object() {
        return object.get();
    }

    public T previous() {
        return previous.get();
    }

    public boolean deleted() {
        return type == StoredChange.Type.DELETED;
    }
}

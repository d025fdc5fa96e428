package io.kubeling.controllers;

import io.kubeling.storage.StorageEvent;

/**
 * One change to an object, decoded: for a deletion, {@code object} is the object's last state.
 * {@code previous} is null on creation.
 */
public record Change<T>(StorageEvent.Type type, T object, T previous) {

    public boolean deleted() {
        return type == StorageEvent.Type.DELETED;
    }
}

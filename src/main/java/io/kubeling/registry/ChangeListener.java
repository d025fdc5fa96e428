package io.kubeling.registry;

/** Receives committed changes in revision order, on the store's one delivering thread: must not block. */
@FunctionalInterface
public interface ChangeListener {
    void onChange(StoredChange change);
}

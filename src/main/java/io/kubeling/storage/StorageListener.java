package io.kubeling.storage;

/** Receives every committed event in revision order; must not block. */
@FunctionalInterface
public interface StorageListener {
    void onEvent(StorageEvent event);
}

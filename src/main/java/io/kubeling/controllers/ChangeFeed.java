package io.kubeling.controllers;

import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.storage.EventFanOut;
import io.kubeling.storage.StorageEvent;
import io.kubeling.storage.StorageListener;

/**
 * Tells controllers of every committed change to one resource, as an informer's event handlers
 * do. Handlers run on the writing thread, in revision order: they must only look and enqueue.
 */
@Component
public class ChangeFeed {

    private final Registry registry;
    private final EventFanOut fanOut;

    ChangeFeed(Registry registry, EventFanOut fanOut) {
        this.registry = registry;
        this.fanOut = fanOut;
    }

    /** Subscribes a handler to the changes of one type; close the subscription to stop. */
    public <T extends HasMetadata> Subscription subscribe(Class<T> type, Consumer<Change<T>> handler) {
        ResourceStore<T> store = registry.store(type);
        String prefix = store.definition().keyPrefix(null);
        StorageListener listener = event -> {
            if (event.key().startsWith(prefix)) {
                handler.accept(decode(store, event));
            }
        };
        fanOut.subscribe(listener);
        return () -> fanOut.unsubscribe(listener);
    }

    private static <T extends HasMetadata> Change<T> decode(ResourceStore<T> store, StorageEvent event) {
        T previous = event.previousValue() == null ? null
                : store.decode(event.previousValue(), event.previousRevision());
        T object = event.value() == null ? previous : store.decode(event.value(), event.revision());
        return new Change<>(event.type(), object, previous);
    }

    /** An active subscription. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}

package io.kubeling.controllers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StoredChange;

/**
 * Tells controllers of every committed change to one resource, as an informer's event handlers
 * do. Handlers run on the store's one dispatcher thread, in revision order: they must only look and
 * enqueue.
 */
@Component
public class ChangeFeed {

    private final Registry registry;
    private final Map<Class<?>, DecodedEvents<?>> decoded = new ConcurrentHashMap<>();

    public ChangeFeed(Registry registry) {
        this.registry = registry;
    }

    /** Subscribes a handler to the changes of one type; close the subscription to stop. */
    public <T extends HasMetadata> Subscription subscribe(Class<T> type, Consumer<Change<T>> handler) {
        ResourceStore<T> store = registry.store(type);
        DecodedEvents<T> decoded = decodedEvents(type, store);
        decoded.wholeReaders.incrementAndGet();
        Subscription listening = listen(store, event -> handler.accept(decoded.of(event)));
        return () -> {
            listening.close();
            decoded.wholeReaders.decrementAndGet();
        };
    }

    /**
     * Subscribes a handler to the metadata of one type's changes, as kube's garbage collector uses
     * metadata-only informers: objects that no other subscriber reads whole are not decoded whole.
     */
    public <T extends HasMetadata> Subscription subscribeMetadata(Class<T> type, Consumer<Change<ObjectMeta>> handler) {
        ResourceStore<T> store = registry.store(type);
        DecodedEvents<T> decoded = decodedEvents(type, store);
        return listen(store, event -> handler.accept(decoded.metadataOf(event)));
    }

    /**
     * Subscribes a handler to the metadata of one store's changes, whatever its type: custom resources, all
     * {@code GenericKubernetesResource}s, are found by name. The store's changes are decoded for this handler alone
     * unless it is the one store of a built-in type.
     */
    public <T extends HasMetadata> Subscription subscribeMetadata(ResourceStore<T> store,
            Consumer<Change<ObjectMeta>> handler) {
        Class<T> type = store.definition().type();
        DecodedEvents<T> decoded = !store.definition().isCustom() && typed(type) == store
                ? decodedEvents(type, store) : new DecodedEvents<>(store);
        return listen(store, event -> handler.accept(decoded.metadataOf(event)));
    }

    private ResourceStore<?> typed(Class<? extends HasMetadata> type) {
        try {
            return registry.store(type);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Subscription listen(ResourceStore<?> store, Consumer<StoredChange> handler) {
        return store.subscribe(handler::accept)::close;
    }

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> DecodedEvents<T> decodedEvents(Class<T> type, ResourceStore<T> store) {
        return (DecodedEvents<T>) decoded.computeIfAbsent(type, t -> new DecodedEvents<>(store));
    }

    /**
     * Decodes each event of one type at most once for all its subscribers and the watches, and only
     * the parts they ask for: every subscriber waits on the one dispatcher thread that decodes.
     */
    private static final class DecodedEvents<T extends HasMetadata> {

        private final ResourceStore<T> store;
        // subscribers that read whole objects: while there are any, metadata comes from those objects
        final java.util.concurrent.atomic.AtomicInteger wholeReaders = new java.util.concurrent.atomic.AtomicInteger();
        // the feed delivers one change at a time, to each subscriber in turn
        private volatile Decoded<T> last;

        DecodedEvents(ResourceStore<T> store) {
            this.store = store;
        }

        Change<T> of(StoredChange event) {
            return decoded(event).change();
        }

        Change<ObjectMeta> metadataOf(StoredChange event) {
            return decoded(event).metadata();
        }

        private Decoded<T> decoded(StoredChange event) {
            Decoded<T> current = last;
            if (current == null || current.event().revision() != event.revision()) {
                Lazy<T> previous = new Lazy<>(() -> event.previousValue() == null ? null
                        : store.shared(event.previousValue(), event.previousRevision()));
                Lazy<T> object = event.value() == null ? previous
                        : new Lazy<>(() -> store.shared(event.value(), event.revision()));
                Lazy<ObjectMeta> previousMeta = new Lazy<>(() -> event.previousValue() == null ? null
                        : wholeReaders.get() > 0 ? previous.get().getMetadata()
                        : store.metadata(event.previousValue(), event.previousRevision()));
                Lazy<ObjectMeta> objectMeta = event.value() == null ? previousMeta
                        : new Lazy<>(() -> wholeReaders.get() > 0 ? object.get().getMetadata()
                                : store.metadata(event.value(), event.revision()));
                current = new Decoded<>(event, new Change<>(event.type(), object, previous),
                        new Change<>(event.type(), objectMeta, previousMeta));
                last = current;
            }
            return current;
        }
    }

    private record Decoded<T>(StoredChange event, Change<T> change, Change<ObjectMeta> metadata) {
    }

    /** A value computed once, on first use, from whichever thread asks first. */
    private static final class Lazy<T> implements Supplier<T> {

        private Supplier<T> source;
        private T value;

        Lazy(Supplier<T> source) {
            this.source = source;
        }

        @Override
        public synchronized T get() {
            if (source != null) {
                value = source.get();
                source = null;
            }
            return value;
        }
    }

    /** An active subscription. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}

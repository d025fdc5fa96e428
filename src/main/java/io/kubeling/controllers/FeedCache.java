package io.kubeling.controllers;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The current objects of one type by namespace, kept from the change feed as an informer's cache is: a controller
 * reads the shared objects here instead of listing, and so decoding, them on every sync. The controller applies each
 * change in its feed handler before it enqueues, so a sync always finds the change that queued it. Before the first
 * full list is in, the revisions of what the feed brought are kept, so that the list cannot undo a newer change.
 */
public final class FeedCache<T extends HasMetadata> {

    private final Map<String, Map<String, T>> byNamespace = new HashMap<>();
    private final SeenBeforeTheList seen = new SeenBeforeTheList();
    private final UnaryOperator<T> held;

    /** A cache of the objects as the feed and the list bring them. */
    public FeedCache() {
        this(UnaryOperator.identity());
    }

    /**
     * A cache of what {@code held} keeps of each object (its metadata's name, namespace, uid and resourceVersion
     * among it): a controller that reads a few fields of many objects holds those, not the decoded whole.
     */
    public FeedCache(UnaryOperator<T> held) {
        this.held = held;
    }

    /** A change from the feed. */
    public synchronized void apply(Change<T> change) {
        if (change.deleted()) {
            remove(change.object());
        } else {
            put(change.object());
        }
    }

    /** The first full list is in: the feed alone keeps the cache from now on, in revision order. */
    public synchronized void listed(Collection<T> objects) {
        objects.forEach(this::put);
        seen.listed();
    }

    /** Whether the first full list is in (an informer's HasSynced): until then the cache may miss objects. */
    public synchronized boolean hasSynced() {
        return seen.isListed();
    }

    /**
     * Whether the namespace surely holds none of the objects: the first full list is in and the feed brought none
     * there since. An orphan's change there has no owner to look for it.
     */
    public synchronized boolean surelyNoneIn(String namespace) {
        return seen.isListed() && !byNamespace.containsKey(namespace == null ? "" : namespace);
    }

    /** The objects of a namespace, as shared read-only objects. */
    public synchronized List<T> inNamespace(String namespace) {
        Map<String, T> objects = byNamespace.get(namespace == null ? "" : namespace);
        return objects == null ? List.of() : List.copyOf(objects.values());
    }

    private void put(T object) {
        if (seen.stale(object.getMetadata().getUid(), revision(object))) {
            return;
        }
        byNamespace.computeIfAbsent(namespaceOf(object), n -> new HashMap<>())
                .put(object.getMetadata().getName(), held.apply(object));
    }

    private void remove(T object) {
        String uid = object.getMetadata().getUid();
        seen.deleted(uid);
        String namespace = namespaceOf(object);
        Map<String, T> objects = byNamespace.get(namespace);
        if (objects == null) {
            return;
        }
        T held = objects.get(object.getMetadata().getName());
        if (held != null && Objects.equals(held.getMetadata().getUid(), uid)) {
            objects.remove(object.getMetadata().getName());
            if (objects.isEmpty()) {
                byNamespace.remove(namespace);
            }
        }
    }

    private static String namespaceOf(HasMetadata object) {
        String namespace = object.getMetadata().getNamespace();
        return namespace == null ? "" : namespace;
    }

    private static long revision(HasMetadata object) {
        String rv = object.getMetadata().getResourceVersion();
        return rv == null || rv.isEmpty() ? 0 : Long.parseLong(rv);
    }
}

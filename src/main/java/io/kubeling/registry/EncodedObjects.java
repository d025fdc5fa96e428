package io.kubeling.registry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Objects as the API sends them, encoded once per revision and then copied into every response that sends them
 * unchanged (gets, list pages), as kube-apiserver's watch cache keeps each object's serialization. One cache for
 * every store, keyed by the store and the revision: a revision names one object, and a store names the version
 * and the definition it is read under. Bounded by the bytes held, oldest entry first out; lookups take no lock.
 */
final class EncodedObjects {

    private final ConcurrentHashMap<Key, EncodedObject> cache = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Key> order = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long maxBytes;

    record Key(int store, long revision) {
    }

    EncodedObjects(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The encoded object of {@code key}, encoded by {@code encode} unless it is cached. */
    EncodedObject get(Key key, Supplier<EncodedObject> encode) {
        EncodedObject cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        EncodedObject encoded = encode.get();
        if (encoded.json().length > maxBytes) {
            return encoded;
        }
        EncodedObject present = cache.putIfAbsent(key, encoded);
        if (present != null) {
            return present;
        }
        order.add(key);
        if (bytes.addAndGet(encoded.json().length) > maxBytes) {
            evict();
        }
        return encoded;
    }

    /** The encoded object of {@code key} if it is cached, or null. */
    EncodedObject find(Key key) {
        return cache.get(key);
    }

    private void evict() {
        while (bytes.get() > maxBytes) {
            Key eldest = order.poll();
            if (eldest == null) {
                return;
            }
            EncodedObject gone = cache.remove(eldest);
            if (gone != null) {
                bytes.addAndGet(-gone.json().length);
            }
        }
    }

    int size() {
        return cache.size();
    }

    /** The encoded bytes held. */
    long bytes() {
        return bytes.get();
    }
}

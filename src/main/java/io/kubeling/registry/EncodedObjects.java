package io.kubeling.registry;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Objects as the API sends them, encoded once per revision and then copied into every response that sends them
 * unchanged (gets, list pages), as kube-apiserver's watch cache keeps each object's serialization. One cache for
 * every store, keyed by the store and the revision: a revision names one object, and a store names the version
 * and the definition it is read under. A revision written here keeps its written form instead, whose bytes are the
 * stored value's own array, so that an object is held once and not a second time with its resourceVersion: each
 * answer is then a copy with the field put in, some microseconds against an encoding's hundred. Bounded by the
 * bytes held, oldest entry first out; lookups take no lock.
 */
final class EncodedObjects {

    /** Each key's {@link EncodedObject} or {@link WrittenForm}. */
    private final ConcurrentHashMap<Key, Object> cache = new ConcurrentHashMap<>();
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
        Object cached = cache.get(key);
        if (cached != null) {
            return answer(key, cached);
        }
        EncodedObject encoded = encode.get();
        Object present = keep(key, encoded, encoded.length());
        return present == null ? encoded : answer(key, present);
    }

    /**
     * Keeps {@code form}, the object written at {@code key}'s revision, as that revision's encoding unless one is
     * cached already.
     */
    void keep(Key key, WrittenForm form) {
        keep(key, form, form.plain().length);
    }

    /** The encoded object of {@code key} with {@code version} as its resourceVersion if it is cached, or null. */
    EncodedObject find(Key key, String version) {
        Object cached = cache.get(key);
        if (cached instanceof WrittenForm form) {
            return form.answer(version);
        }
        return cached == null ? null : ((EncodedObject) cached).withResourceVersion(Long.toString(key.revision()),
                version);
    }

    private static EncodedObject answer(Key key, Object cached) {
        return cached instanceof WrittenForm form ? form.answer(key.revision()) : (EncodedObject) cached;
    }

    /** Caches {@code value} of {@code size} bytes unless the key has one: returns that one, or null. */
    private Object keep(Key key, Object value, int size) {
        if (size > maxBytes) {
            return null;
        }
        Object present = cache.putIfAbsent(key, value);
        if (present != null) {
            return present;
        }
        order.add(key);
        if (bytes.addAndGet(size) > maxBytes) {
            evict();
        }
        return null;
    }

    private void evict() {
        while (bytes.get() > maxBytes) {
            Key eldest = order.poll();
            if (eldest == null) {
                return;
            }
            Object gone = cache.remove(eldest);
            if (gone != null) {
                bytes.addAndGet(-(gone instanceof WrittenForm form ? form.plain().length
                        : ((EncodedObject) gone).length()));
            }
        }
    }

    int size() {
        return cache.size();
    }

    /** The bytes the cached entries hold. */
    long bytes() {
        return bytes.get();
    }
}

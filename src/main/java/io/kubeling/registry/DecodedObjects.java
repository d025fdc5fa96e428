package io.kubeling.registry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Objects recently decoded from the log, by revision, so that one event going to many
 * watchers is decoded once. Cached objects are shared: they are read, never changed.
 */
final class DecodedObjects<T> {

    private final Map<String, T> cache;

    DecodedObjects(int capacity) {
        this.cache = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
                return size() > capacity;
            }
        };
    }

    T get(String key, Supplier<T> decode) {
        synchronized (cache) {
            T cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        T decoded = decode.get();
        synchronized (cache) {
            cache.putIfAbsent(key, decoded);
            return cache.get(key);
        }
    }
}

package io.kubeling.registry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Objects recently decoded from the log, or just written to it, by revision, so that one event
 * going to many watchers is decoded once, and not at all when the writer's own object is still
 * here. Cached objects are shared: they are read, never changed. With assertions on (as in the
 * tests), every hit checks that the object still encodes as it did when it was cached.
 */
final class DecodedObjects<T> {

    private static final boolean CHECKED = DecodedObjects.class.desiredAssertionStatus();

    private final Map<String, Entry<T>> cache;
    private final Function<T, byte[]> encoding;

    private record Entry<T>(T object, byte[] encoded) {
    }

    DecodedObjects(int capacity, Function<T, byte[]> encoding) {
        this.encoding = encoding;
        this.cache = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry<T>> eldest) {
                return size() > capacity;
            }
        };
    }

    T get(String key, Supplier<T> decode) {
        T cached = find(key);
        if (cached != null) {
            return cached;
        }
        T decoded = decode.get();
        Entry<T> entry = new Entry<>(decoded, CHECKED ? encoding.apply(decoded) : null);
        synchronized (cache) {
            cache.putIfAbsent(key, entry);
            return cache.get(key).object();
        }
    }

    /** The cached object, or null. */
    T find(String key) {
        Entry<T> entry;
        synchronized (cache) {
            entry = cache.get(key);
        }
        if (entry == null) {
            return null;
        }
        if (CHECKED) {
            byte[] now = encoding.apply(entry.object());
            if (!Arrays.equals(entry.encoded(), now)) {
                throw new IllegalStateException("shared object " + key + " was changed after it was cached: "
                        + new String(entry.encoded(), StandardCharsets.UTF_8) + " is now "
                        + new String(now, StandardCharsets.UTF_8));
            }
        }
        return entry.object();
    }

    /** With assertions on, checks that the cached object of {@code key}, if there is one, was not changed. */
    void recheck(String key) {
        if (CHECKED) {
            find(key);
        }
    }

    /** Caches an object just written, which from now on nobody may change. */
    void put(String key, T object) {
        Entry<T> entry = new Entry<>(object, CHECKED ? encoding.apply(object) : null);
        synchronized (cache) {
            cache.put(key, entry);
        }
    }
}

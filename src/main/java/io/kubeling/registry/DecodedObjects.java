package io.kubeling.registry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Objects recently decoded from the log, or just written to it, by revision, so that one event
 * going to many watchers is decoded once, and not at all when the writer's own object is still
 * here. One cache for every resource, since a revision names one object of one type; bounded by
 * count and by the stored size of the objects it holds, least recently used first out, so a few
 * large objects cannot fill the heap. Cached objects are shared: they are read, never changed.
 * With assertions on (as in the tests), every hit checks that the object is as it was when it was
 * cached: by its hash code, which the model's classes compute over every field, and, if that differs,
 * by its encoding, which the error shows before and after. Encoding it on every hit took 4 to 5% of
 * the CPU of the tests' JVM (JFR's samples of two groups of classes).
 */
final class DecodedObjects {

    private static final boolean CHECKED = DecodedObjects.class.desiredAssertionStatus();

    private final LinkedHashMap<String, Entry> cache = new LinkedHashMap<>(1024, 0.75f, true);
    private final int maxEntries;
    private final long maxBytes;
    private final Function<Object, byte[]> encoding;
    private long bytes;

    private record Entry(Object object, long size, byte[] encoded, int hash) {
    }

    private Entry entry(Object object, long size) {
        return CHECKED ? new Entry(object, size, encoding.apply(object), object.hashCode())
                : new Entry(object, size, null, 0);
    }

    DecodedObjects(int maxEntries, long maxBytes, Function<Object, byte[]> encoding) {
        this.maxEntries = Math.max(1, maxEntries);
        this.maxBytes = maxBytes;
        this.encoding = encoding;
    }

    /** The object of {@code key}, decoded from {@code size} stored bytes unless it is cached. */
    <T> T get(String key, int size, Supplier<T> decode) {
        T cached = find(key);
        if (cached != null) {
            return cached;
        }
        T decoded = decode.get();
        synchronized (cache) {
            Entry present = cache.get(key);
            if (present != null) {
                return cast(present.object());
            }
            add(key, entry(decoded, size));
            return decoded;
        }
    }

    /**
     * A reading of many objects in one pass (a controller's scan of a type): each is taken from the cache when there,
     * and cached when decoded only while the pass has read no more than a quarter of the cache's bytes, so that
     * scanning a set larger than the cache does not push out, object by object, what watchers and the other
     * readers share, only to be pushed out itself by the next scan.
     */
    Scan scan() {
        return new Scan(maxBytes / 4);
    }

    final class Scan {

        private long budget;

        private Scan(long budget) {
            this.budget = budget;
        }

        <T> T get(String key, int size, Supplier<T> decode) {
            budget -= size;
            if (budget >= 0) {
                return DecodedObjects.this.get(key, size, decode);
            }
            T cached = find(key);
            return cached != null ? cached : decode.get();
        }
    }

    /** The cached object, or null. */
    <T> T find(String key) {
        Entry entry;
        synchronized (cache) {
            entry = cache.get(key);
        }
        if (entry == null) {
            return null;
        }
        if (CHECKED && entry.object().hashCode() != entry.hash()) {
            byte[] now = encoding.apply(entry.object());
            if (!Arrays.equals(entry.encoded(), now)) {
                throw new IllegalStateException("shared object " + key + " was changed after it was cached: "
                        + new String(entry.encoded(), StandardCharsets.UTF_8) + " is now "
                        + new String(now, StandardCharsets.UTF_8));
            }
        }
        return cast(entry.object());
    }

    /** With assertions on, checks that the cached object of {@code key}, if there is one, was not changed. */
    void recheck(String key) {
        if (CHECKED) {
            find(key);
        }
    }

    /** Caches an object just written as {@code size} bytes, which from now on nobody may change. */
    void put(String key, int size, Object object) {
        Entry entry = entry(object, size);
        synchronized (cache) {
            Entry replaced = cache.remove(key);
            if (replaced != null) {
                bytes -= replaced.size();
            }
            add(key, entry);
        }
    }

    int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    /** The stored bytes of the objects held. */
    long bytes() {
        synchronized (cache) {
            return bytes;
        }
    }

    private void add(String key, Entry entry) {
        cache.put(key, entry);
        bytes += entry.size();
        Iterator<Entry> eldest = cache.values().iterator();
        while (cache.size() > 1 && (cache.size() > maxEntries || bytes > maxBytes)) {
            Entry gone = eldest.next();
            if (gone == entry) {
                break;
            }
            bytes -= gone.size();
            eldest.remove();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object object) {
        return (T) object;
    }
}

package io.kubeling.api;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import io.kubeling.registry.StoredChange;
import io.kubeling.registry.WatchEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes watch events as kube does: one {@code {"type":...,"object":...}} JSON document per
 * line. An event going to many watchers is encoded once, line and all, and every stream sends the
 * same bytes; the lines are held up to a bound on their bytes (each entry counted 64 bytes more, for
 * its key), oldest out first, and looked up without a lock. The streams of a store see the same events in the same
 * order, so the few most recent lines, and the few most recent runs of lines joined for one write, are also kept
 * where a stream finds them by identity, without a lookup's allocation or hashing.
 */
@Component
class WatchEncoder {

    private static final long MAX_BYTES = 16L << 20;
    /** Slots for the most recent joined runs (a power of two), and the largest kept there. */
    private static final int RECENT = 32;
    private static final int RECENT_BYTES = 256 * 1024;
    /**
     * Slots for the most recent lines, by revision (a power of two), the largest kept there, and the bytes they hold
     * at most (a line they keep may have left {@code lines}): under load the streams of a store are up to a write round
     * apart, more than a few dozen revisions.
     */
    private static final int RECENT_LINES = 512;
    private static final int RECENT_LINE_BYTES = 32 * 1024;
    private static final long RECENT_LINES_HELD = 4L << 20;

    private final JsonMapper json;
    private static final byte[] NONE = new byte[0];

    private final ConcurrentHashMap<Object, byte[]> lines = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Object> order = new ConcurrentLinkedQueue<>();
    private final AtomicLong bytes = new AtomicLong();
    // written and read without a lock: a stream that misses a slot, or reads it before it is filled, does the work
    private final AtomicReferenceArray<Recent> recent = new AtomicReferenceArray<>(RECENT_LINES);
    /** The bytes of the lines in {@code recent}: each counted as it is put there and uncounted as it leaves. */
    private final AtomicLong recentBytes = new AtomicLong();
    private final Joined[] joins = new Joined[RECENT];

    private record Recent(Object store, StoredChange change, byte[] line) {
    }

    private record Joined(byte[][] lines, byte[] all) {
    }

    WatchEncoder(Codecs codecs) {
        this.json = codecs.json();
    }

    /** The event's line; shared with other streams when the event names its object, so not to be changed. */
    byte[] encode(WatchEvent<?> event) {
        String key = event.objectKey();
        if (key == null) {
            return line(event);
        }
        // the key names the object's revision within its store's version; the class, the version's Java type
        String cacheKey = event.type().name() + ' ' + event.object().getClass().getName() + key;
        byte[] cached = lines.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        return remember(cacheKey, line(event));
    }

    /**
     * The line of a change for every watch of {@code store} without selectors, worked out by {@code translate} for
     * the first of them (null when they do not see the change): the store hands each of them the same change.
     */
    byte[] unfiltered(Object store, StoredChange change, Function<StoredChange, WatchEvent<?>> translate) {
        int slot = (int) change.revision() & (RECENT_LINES - 1);
        Recent last = recent.getPlain(slot);
        if (last != null && last.change() == change && last.store() == store) {
            return last.line() == NONE ? null : last.line();
        }
        Unfiltered key = new Unfiltered(store, change);
        byte[] cached = lines.get(key);
        if (cached == null) {
            WatchEvent<?> event = translate.apply(change);
            cached = remember(key, event == null ? NONE : line(event));
        }
        if (cached.length <= RECENT_LINE_BYTES) {
            keepRecent(slot, new Recent(store, change, cached));
        }
        return cached == NONE ? null : cached;
    }

    /** Puts {@code entry} in its slot, and takes it out again when that puts the slots over their bytes. */
    private void keepRecent(int slot, Recent entry) {
        Recent replaced = recent.getAndSet(slot, entry);
        long held = recentBytes.addAndGet(entry.line().length - (replaced == null ? 0 : replaced.line().length));
        if (held > RECENT_LINES_HELD && recent.compareAndSet(slot, entry, null)) {
            recentBytes.addAndGet(-entry.line().length);
        }
    }

    /** The bytes of the most recent lines kept outside {@code lines}' bound. */
    long recentBytes() {
        return recentBytes.get();
    }

    /**
     * The lines as one array, {@code size} bytes: a single line as it is, several copied together once for every
     * stream that writes the same lines next (they are the shared bytes of their events), so not to be changed.
     */
    byte[] joined(List<byte[]> parts, int size) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int slot = (System.identityHashCode(parts.get(0)) ^ parts.size()) & (RECENT - 1);
        Joined last = joins[slot];
        if (last != null && sameLines(last.lines(), parts)) {
            return last.all();
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] line : parts) {
            System.arraycopy(line, 0, all, at, line.length);
            at += line.length;
        }
        if (size <= RECENT_BYTES) {
            joins[slot] = new Joined(parts.toArray(byte[][]::new), all);
        }
        return all;
    }

    private static boolean sameLines(byte[][] joined, List<byte[]> parts) {
        if (joined.length != parts.size()) {
            return false;
        }
        for (int i = 0; i < joined.length; i++) {
            if (joined[i] != parts.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** A change as one store reads it: the same storage event reads differently in a custom resource's versions. */
    private record Unfiltered(Object store, StoredChange change) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Unfiltered u && u.store == store && u.change == change;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(store) * 31 + System.identityHashCode(change);
        }
    }

    private byte[] remember(Object key, byte[] line) {
        byte[] present = lines.putIfAbsent(key, line);
        if (present != null) {
            return present;
        }
        order.add(key);
        if (bytes.addAndGet(line.length + 64) > MAX_BYTES) {
            evict();
        }
        return line;
    }

    private void evict() {
        while (bytes.get() > MAX_BYTES) {
            Object eldest = order.poll();
            if (eldest == null) {
                return;
            }
            byte[] gone = lines.remove(eldest);
            if (gone != null) {
                bytes.addAndGet(-gone.length - 64);
            }
        }
    }

    private byte[] line(WatchEvent<?> event) {
        byte[] object = json.writeValueAsBytes(event.object());
        byte[] head = ("{\"type\":\"" + event.type().name() + "\",\"object\":").getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[head.length + object.length + 2];
        System.arraycopy(head, 0, line, 0, head.length);
        System.arraycopy(object, 0, line, head.length, object.length);
        line[line.length - 2] = '}';
        line[line.length - 1] = '\n';
        return line;
    }
}

package io.kubeling.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The most recent events in memory, so that a watch resuming from a recent revision needs no
 * read of the log. Revisions are consecutive: every write publishes exactly one event. Bounded by
 * count and by the bytes of the values the events hold, whichever is reached first: a few large
 * objects must not fill the heap the way thousands of small ones would not.
 */
final class EventHistory {

    /** What an event costs besides its values: the record, its key and the ring's slot. */
    private static final int OVERHEAD = 96;

    private final StorageEvent[] ring;
    private final long maxBytes;
    private long first = -1;
    private int size;
    private int start;
    private long bytes;

    EventHistory(int capacity, long maxBytes) {
        this.ring = new StorageEvent[Math.max(1, capacity)];
        this.maxBytes = maxBytes;
    }

    synchronized void append(StorageEvent event) {
        if (size > 0 && event.revision() != newest() + 1) {
            clear();
        }
        long cost = cost(event);
        while (size > 0 && (size == ring.length || bytes + cost > maxBytes)) {
            dropOldest();
        }
        ring[(start + size) % ring.length] = event;
        if (size == 0) {
            first = event.revision();
        }
        size++;
        bytes += cost;
    }

    /**
     * The events after {@code revision} up to {@code upTo}, with the key prefix given, when the
     * window still holds all of them.
     */
    synchronized Optional<List<StorageEvent>> between(long revision, long upTo, String prefix) {
        if (revision >= upTo) {
            return Optional.of(List.of());
        }
        if (size == 0 || revision + 1 < first || upTo > newest()) {
            return Optional.empty();
        }
        List<StorageEvent> out = new ArrayList<>();
        for (long r = revision + 1; r <= upTo; r++) {
            StorageEvent e = ring[(int) ((start + (r - first)) % ring.length)];
            if (e.key().startsWith(prefix)) {
                out.add(e);
            }
        }
        return Optional.of(out);
    }

    synchronized int size() {
        return size;
    }

    /** The bytes the held events are counted at. */
    synchronized long bytes() {
        return bytes;
    }

    static long cost(StorageEvent event) {
        return OVERHEAD + 2L * event.key().length() + length(event.value()) + length(event.previousValue());
    }

    private static int length(byte[] value) {
        return value == null ? 0 : value.length;
    }

    private void dropOldest() {
        bytes -= cost(ring[start]);
        ring[start] = null;
        start = (start + 1) % ring.length;
        first++;
        size--;
        if (size == 0) {
            clear();
        }
    }

    private long newest() {
        return first + size - 1;
    }

    private void clear() {
        java.util.Arrays.fill(ring, null);
        size = 0;
        start = 0;
        first = -1;
        bytes = 0;
    }
}

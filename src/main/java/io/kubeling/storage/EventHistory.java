package io.kubeling.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The most recent events in memory, so that a watch resuming from a recent revision needs no
 * read of the log. Revisions are consecutive: every write publishes exactly one event.
 */
final class EventHistory {

    private final StorageEvent[] ring;
    private long first = -1;
    private int size;
    private int start;

    EventHistory(int capacity) {
        this.ring = new StorageEvent[Math.max(1, capacity)];
    }

    synchronized void append(StorageEvent event) {
        if (size > 0 && event.revision() != newest() + 1) {
            clear();
        }
        if (size == ring.length) {
            ring[start] = event;
            start = (start + 1) % ring.length;
            first++;
        } else {
            ring[(start + size) % ring.length] = event;
            if (size == 0) {
                first = event.revision();
            }
            size++;
        }
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

    private long newest() {
        return first + size - 1;
    }

    private void clear() {
        size = 0;
        start = 0;
        first = -1;
    }
}

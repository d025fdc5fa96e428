package io.kubeling.resources.services;

import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import io.kubeling.storage.KeyValue;
import io.kubeling.storage.KeyValueStore;
import io.kubeling.storage.StorageException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The taken offsets of one range, kept under one storage key as kube keeps its allocation bitmaps in etcd
 * ({@code /registry/ranges/serviceips}), and changed only by compare-and-swap on that key, so concurrent
 * allocations never hand out one offset twice and a restart finds every allocation.
 */
final class PersistedRange {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KeyValueStore kv;
    private final String key;
    private final String range;
    private final int size;
    private final int staticBand;
    private final Random random = new Random();

    /**
     * {@code staticBand} is how many offsets at the start are kept for explicit requests as long as the
     * rest has room, as kube's allocators do since the static subrange features.
     */
    PersistedRange(KeyValueStore kv, String key, String range, int size, int staticBand) {
        this.kv = kv;
        this.key = key;
        this.range = range;
        this.size = size;
        this.staticBand = staticBand;
    }

    int size() {
        return size;
    }

    boolean isTaken(int offset) {
        return read().allocated().contains(offset);
    }

    /** Takes {@code offset}; false when it is already taken. */
    boolean allocate(int offset) {
        boolean[] taken = new boolean[1];
        change(state -> {
            taken[0] = !state.add(offset);
            return taken[0] ? null : state;
        });
        return !taken[0];
    }

    /** Takes a free offset, at random in the dynamic band first; empty when the range is full. */
    OptionalInt allocateNext() {
        int[] chosen = {-1};
        change(state -> {
            chosen[0] = pickFree(state);
            if (chosen[0] < 0) {
                return null;
            }
            state.add(chosen[0]);
            return state;
        });
        return chosen[0] < 0 ? OptionalInt.empty() : OptionalInt.of(chosen[0]);
    }

    /** A free offset without taking it, for dry runs; -1 when the range is full. */
    int peekFree() {
        return pickFree(new java.util.HashSet<>(read().allocated()));
    }

    void release(int offset) {
        change(state -> state.remove(offset) ? state : null);
    }

    /** Replaces what is taken with exactly {@code offsets}, as kube's repair loop does. */
    void reset(Set<Integer> offsets) {
        TreeSet<Integer> wanted = new TreeSet<>(offsets);
        // Written only when it differs, so that a restart with nothing to repair writes nothing.
        boolean present = kv.get(key).isPresent();
        Snapshot stored = read();
        boolean same = present ? stored.range().equals(range) && new TreeSet<>(stored.allocated()).equals(wanted)
                : wanted.isEmpty();
        if (same) {
            return;
        }
        change(state -> wanted);
    }

    private int pickFree(Set<Integer> taken) {
        int band = staticBand < size ? staticBand : 0;
        int dynamic = size - band;
        int start = random.nextInt(dynamic);
        for (int i = 0; i < dynamic; i++) {
            int candidate = band + (start + i) % dynamic;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
        for (int candidate = 0; candidate < band; candidate++) {
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
        return -1;
    }

    /** Applies {@code edit} (null from it means no change) until the swap wins. */
    private void change(UnaryOperator<TreeSet<Integer>> edit) {
        while (true) {
            KeyValue current = kv.get(key).orElse(null);
            TreeSet<Integer> state = current == null ? new TreeSet<>() : new TreeSet<>(decode(current.value()).allocated());
            TreeSet<Integer> next = edit.apply(state);
            if (next == null) {
                return;
            }
            byte[] bytes = JSON.writeValueAsBytes(new Snapshot(range, List.copyOf(next)));
            try {
                if (current == null) {
                    kv.create(key, bytes);
                } else {
                    kv.update(current, bytes);
                }
                return;
            } catch (StorageException e) {
                if (e.kind() != StorageException.Kind.CONFLICT && e.kind() != StorageException.Kind.KEY_EXISTS
                        && e.kind() != StorageException.Kind.KEY_NOT_FOUND) {
                    throw e;
                }
            }
        }
    }

    private Snapshot read() {
        return kv.get(key).map(v -> decode(v.value())).orElse(new Snapshot(range, List.of()));
    }

    private static Snapshot decode(byte[] bytes) {
        return JSON.readValue(bytes, Snapshot.class);
    }

    /** The stored value: the range it was made for and its taken offsets. */
    record Snapshot(String range, List<Integer> allocated) {
        Snapshot {
            allocated = allocated == null ? List.of() : allocated;
        }
    }
}

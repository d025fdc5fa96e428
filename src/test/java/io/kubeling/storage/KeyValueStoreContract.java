package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.kubeling.support.InMemoryStorage;

/**
 * What the store promises on any database it runs on, built without Spring: each subclass opens it
 * on a database of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KeyValueStoreContract {

    InMemoryStorage storage;
    KeyValueStore store;

    /** The store on a new database. */
    abstract InMemoryStorage openStorage();

    @BeforeAll
    void open() {
        storage = openStorage();
        store = storage.store();
    }

    @AfterAll
    void close() {
        storage.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String prefix() {
        return "/registry/test-" + UUID.randomUUID() + "/";
    }

    @Test
    void revisionsStrictlyIncreaseUnderConcurrentWriters() throws Exception {
        String prefix = prefix();
        long start = store.currentRevision();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<Long>>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                List<Long> revs = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    revs.add(store.create(prefix + thread + "-" + i, bytes("v")).revision());
                }
                return revs;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : futures) {
            List<Long> revs = f.get(60, TimeUnit.SECONDS);
            assertThat(revs).isSorted();
            all.addAll(revs);
        }
        pool.shutdown();
        assertThat(all).hasSize(320).doesNotHaveDuplicates();
        assertThat(Collections.min(all)).isGreaterThan(start);

        List<Long> logged = new ArrayList<>();
        for (StorageEvent e : store.eventsAfter(start, 100_000)) {
            if (e.key().startsWith(prefix)) {
                logged.add(e.revision());
            }
        }
        assertThat(logged).isSorted().containsExactlyInAnyOrderElementsOf(all);
        assertThat(store.list(prefix, null, 0, 0).items()).hasSize(320);
    }

    @Test
    void compareAndSwapRefusesAStaleRevision() {
        String key = prefix() + "a";
        KeyValue created = store.create(key, bytes("1"));
        KeyValue updated = store.update(key, created.revision(), bytes("2"));
        assertThat(updated.revision()).isGreaterThan(created.revision());
        assertThat(updated.createRevision()).isEqualTo(created.revision());

        assertThatThrownBy(() -> store.update(key, created.revision(), bytes("3")))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StorageException.Kind.CONFLICT);
                    assertThat(e.revision()).isEqualTo(updated.revision());
                });
        assertThatThrownBy(() -> store.create(key, bytes("x")))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.KEY_EXISTS));
        assertThat(text(store.get(key).orElseThrow().value())).isEqualTo("2");
    }

    @Test
    void concurrentReadModifyWriteLosesNoUpdate() throws Exception {
        String key = prefix() + "counter";
        store.create(key, bytes("0"));
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) {
                    while (true) {
                        KeyValue current = store.get(key).orElseThrow();
                        int next = Integer.parseInt(text(current.value())) + 1;
                        try {
                            store.update(key, current.revision(), bytes(Integer.toString(next)));
                            break;
                        } catch (StorageException e) {
                            assertThat(e.kind()).isEqualTo(StorageException.Kind.CONFLICT);
                            conflicts.incrementAndGet();
                        }
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(text(store.get(key).orElseThrow().value())).isEqualTo("150");
    }

    @Test
    void deleteKeepsTheLastValueAndLeavesATombstoneInTheLog() {
        String key = prefix() + "gone";
        KeyValue created = store.create(key, bytes("last"));
        KeyValue deleted = store.delete(key, created.revision());
        assertThat(text(deleted.value())).isEqualTo("last");
        assertThat(store.get(key)).isEmpty();
        List<StorageEvent> events = store.eventsAfter(created.revision() - 1, 1000).stream()
                .filter(e -> e.key().equals(key)).toList();
        assertThat(events).extracting(StorageEvent::type)
                .containsExactly(StorageEvent.Type.CREATED, StorageEvent.Type.DELETED);
        assertThat(text(events.get(1).previousValue())).isEqualTo("last");
        assertThat(events.get(1).previousRevision()).isEqualTo(created.revision());
        // A key can be created again after deletion.
        assertThat(store.create(key, bytes("again")).revision()).isGreaterThan(deleted.revision());
    }

    @Test
    void listAtAPastRevisionSeesTheStateOfThen() {
        String prefix = prefix();
        KeyValue a = store.create(prefix + "a", bytes("a1"));
        KeyValue b = store.create(prefix + "b", bytes("b1"));
        long then = b.revision();
        store.update(prefix + "a", a.revision(), bytes("a2"));
        store.delete(prefix + "b", b.revision());
        store.create(prefix + "c", bytes("c1"));

        Range past = store.list(prefix, null, 0, then);
        assertThat(past.items()).extracting(kv -> text(kv.value())).containsExactly("a1", "b1");
        Range now = store.list(prefix, null, 0, 0);
        assertThat(now.items()).extracting(kv -> text(kv.value())).containsExactly("a2", "c1");

        Range page = store.list(prefix, null, 1, then);
        assertThat(page.more()).isTrue();
        Range rest = store.list(prefix, page.items().get(0).key(), 1, then);
        assertThat(rest.items()).extracting(kv -> text(kv.value())).containsExactly("b1");
        assertThat(rest.more()).isFalse();
    }

    @Test
    void compactionDropsHistoryButKeepsLiveState() {
        String prefix = prefix();
        KeyValue a = store.create(prefix + "a", bytes("a1"));
        KeyValue a2 = store.update(prefix + "a", a.revision(), bytes("a2"));
        KeyValue b = store.create(prefix + "b", bytes("b1"));
        store.delete(prefix + "b", b.revision());
        KeyValue untouched = store.create(prefix + "c", bytes("c1"));
        long target = store.currentRevision();

        store.compact(target);

        assertThat(store.compactedRevision()).isGreaterThanOrEqualTo(target);
        assertThat(store.list(prefix, null, 0, 0).items()).extracting(kv -> text(kv.value()))
                .containsExactly("a2", "c1");
        assertThat(text(store.get(prefix + "a").orElseThrow().value())).isEqualTo("a2");
        assertThat(store.get(prefix + "a").orElseThrow().revision()).isEqualTo(a2.revision());
        assertThat(store.get(prefix + "c").orElseThrow().revision()).isEqualTo(untouched.revision());
        assertThatThrownBy(() -> store.eventsAfter(a.revision(), 10))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.COMPACTED));
        assertThatThrownBy(() -> store.list(prefix, null, 0, a.revision()))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.COMPACTED));
        // The state at the compaction point itself is whole, and read as etcd reads it.
        assertThat(store.list(prefix, null, 0, store.compactedRevision()).items()).extracting(kv -> text(kv.value()))
                .containsExactly("a2", "c1");
        // Live keys still update with compare-and-swap after their history is gone.
        KeyValue a3 = store.update(prefix + "a", a2.revision(), bytes("a3"));
        assertThat(a3.revision()).isGreaterThan(target);
        assertThat(store.list(prefix, null, 0, store.currentRevision()).items()).extracting(kv -> text(kv.value()))
                .containsExactly("a3", "c1");
    }

    @Test
    void eventsReachListenersOnlyAfterCommitAndInOrder() {
        String prefix = prefix();
        List<StorageEvent> seen = Collections.synchronizedList(new ArrayList<>());
        StorageListener listener = e -> {
            if (e.key().startsWith(prefix)) {
                // What a listener sees is already readable: the write has committed.
                assertThat(store.currentRevision()).isGreaterThanOrEqualTo(e.revision());
                seen.add(e);
            }
        };
        store.subscribe(listener);
        try {
            KeyValue x = store.create(prefix + "x", bytes("1"));
            store.update(prefix + "x", x.revision(), bytes("2"));
            assertThatThrownBy(() -> store.update(prefix + "x", x.revision(), bytes("3")))
                    .isInstanceOf(StorageException.class);
            long last = store.delete(prefix + "x", store.get(prefix + "x").orElseThrow().revision()).revision();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (store.settledRevision() < last && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(store.settledRevision()).isGreaterThanOrEqualTo(last);
        } finally {
            store.unsubscribe(listener);
        }
        assertThat(seen).extracting(StorageEvent::type).containsExactly(StorageEvent.Type.CREATED,
                StorageEvent.Type.UPDATED, StorageEvent.Type.DELETED);
        assertThat(seen).extracting(StorageEvent::revision).isSorted();
    }

    @Test
    void aFollowerHearsOfTheLaterEventsUnderItsPrefixOnlyUntilItStops() {
        String prefix = prefix();
        store.create(prefix + "before", bytes("1"));
        List<StorageEvent> seen = Collections.synchronizedList(new ArrayList<>());
        StorageListener follower = seen::add;
        store.follow(prefix, follower);
        long followed;
        try {
            followed = store.create(prefix + "x", bytes("1")).revision();
            store.create(prefix() + "elsewhere", bytes("1"));
            awaitSettled(store.currentRevision());
        } finally {
            store.unwatch(prefix, follower);
        }
        awaitSettled(store.create(prefix + "after", bytes("1")).revision());
        assertThat(seen).extracting(StorageEvent::revision).containsExactly(followed);
    }

    private void awaitSettled(long revision) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.settledRevision() < revision && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(store.settledRevision()).isGreaterThanOrEqualTo(revision);
    }

    @Test
    void aWritersHookRunsAfterCommitAndBeforeAnyListenerSeesTheEvent() {
        String prefix = prefix();
        java.util.Set<Long> told = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<String> misses = Collections.synchronizedList(new ArrayList<>());
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        StorageListener listener = e -> {
            if (e.key().startsWith(prefix)) {
                if (!told.contains(e.revision())) {
                    misses.add(e.type() + " r" + e.revision());
                }
                seen.add(e.revision());
            }
        };
        store.subscribe(listener);
        long last;
        try {
            KeyValue x = store.create(prefix + "x", bytes("1"), revision -> {
                assertThat(store.currentRevision()).isEqualTo(revision);
                told.add(revision);
            });
            last = store.update(x, bytes("2"), told::add).revision();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (store.settledRevision() < last && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        } finally {
            store.unsubscribe(listener);
        }
        assertThat(seen).hasSize(2).containsExactlyInAnyOrderElementsOf(told);
        assertThat(misses).isEmpty();
        assertThat(told).contains(last);
    }

    @Test
    void eventsReadBackFromTheLogCarryPreviousValuesThatOnlyDeletionsStore() throws Exception {
        String prefix = prefix();
        KeyValue v1 = store.create(prefix + "k", bytes("v1"));
        KeyValue v2 = store.update(v1, bytes("v2"));
        KeyValue v3 = store.update(v2, bytes("v3"));
        store.delete(v3);

        List<StorageEvent> events = store.eventsAfter(v1.revision() - 1, 1000).stream()
                .filter(e -> e.key().startsWith(prefix)).toList();

        assertThat(events).extracting(StorageEvent::type).containsExactly(StorageEvent.Type.CREATED,
                StorageEvent.Type.UPDATED, StorageEvent.Type.UPDATED, StorageEvent.Type.DELETED);
        assertThat(events).extracting(e -> e.previousValue() == null ? null : text(e.previousValue()))
                .containsExactly(null, "v1", "v2", "v3");
        try (var connection = storage.dataSource().getConnection();
                var query = connection.prepareStatement(
                        "select count(*) from revision_log where item_key = ? and old_value is not null")) {
            query.setString(1, prefix + "k");
            try (var result = query.executeQuery()) {
                result.next();
                assertThat(result.getInt(1)).as("rows storing a previous value").isEqualTo(1);
            }
        }
    }
}

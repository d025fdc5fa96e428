package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.PostgresServer;

/**
 * Three stores on one PostgreSQL database, as three replicas: each follows what the others append,
 * so each sees every write as an event, once, in revision order, and the compare-and-swap holds across them.
 */
class ReplicasOnPostgresTest {

    static final int REPLICAS = 3;
    static final List<InMemoryStorage> replicas = new ArrayList<>();

    @BeforeAll
    static void open() {
        String url = PostgresServer.shared().newDatabase();
        for (int i = 0; i < REPLICAS; i++) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(PostgresServer.USER);
            config.setMaximumPoolSize(4);
            HikariDataSource dataSource = new HikariDataSource(config);
            replicas.add(InMemoryStorage.on(dataSource, Clock.systemUTC(), dataSource::close));
        }
    }

    @AfterAll
    static void close() {
        replicas.forEach(InMemoryStorage::close);
        replicas.clear();
    }

    static KeyValueStore replica(int i) {
        return replicas.get(i % REPLICAS).store();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static String prefix() {
        return "/registry/replicas-" + UUID.randomUUID() + "/";
    }

    @Test
    void everyReplicaSeesEveryWriteOnceInRevisionOrder() throws Exception {
        String prefix = prefix();
        List<List<StorageEvent>> seen = new ArrayList<>();
        List<StorageListener> listeners = new ArrayList<>();
        for (int r = 0; r < REPLICAS; r++) {
            List<StorageEvent> events = Collections.synchronizedList(new ArrayList<>());
            seen.add(events);
            StorageListener listener = e -> {
                if (e.key().startsWith(prefix)) {
                    events.add(e);
                }
            };
            listeners.add(listener);
            replica(r).watch(prefix, replica(r).currentRevision(), false, listener);
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            int thread = t;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    // each key is created, updated and deleted, each step on another replica
                    String key = prefix + thread + "-" + i;
                    KeyValue created = replica(thread + i).create(key, bytes("1"));
                    KeyValue updated = update(replica(thread + i + 1), key, created.revision(), "2");
                    delete(replica(thread + i + 2), key, updated.revision());
                }
                return null;
            }));
        }
        for (Future<?> writer : writers) {
            writer.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        int expected = 6 * 20 * 3;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (seen.stream().anyMatch(events -> events.size() < expected) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        for (int r = 0; r < REPLICAS; r++) {
            replica(r).unwatch(prefix, listeners.get(r));
            List<StorageEvent> events = List.copyOf(seen.get(r));
            assertThat(events).as("replica %d's events", r).hasSize(expected);
            assertThat(events).extracting(StorageEvent::revision).as("replica %d's revisions", r)
                    .isSorted().doesNotHaveDuplicates();
            assertThat(events).extracting(StorageEvent::revision)
                    .containsExactlyElementsOf(seen.get(0).stream().map(StorageEvent::revision).toList());
            assertThat(events).filteredOn(e -> e.type() == StorageEvent.Type.UPDATED)
                    .allSatisfy(e -> assertThat(text(e.previousValue())).isEqualTo("1"));
            assertThat(replica(r).list(prefix, null, 0, 0).items()).isEmpty();
        }
    }

    /** An update of a key another replica just wrote: this replica may not have read it yet. */
    private static KeyValue update(KeyValueStore store, String key, long revision, String value) {
        awaitRevision(store, revision);
        return store.update(key, revision, bytes(value));
    }

    private static KeyValue delete(KeyValueStore store, String key, long revision) {
        awaitRevision(store, revision);
        return store.delete(key, revision);
    }

    private static void awaitRevision(KeyValueStore store, long revision) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.currentRevision() < revision && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Test
    void compareAndSwapHoldsAcrossReplicas() throws Exception {
        String key = prefix() + "counter";
        replica(0).create(key, bytes("0"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            KeyValueStore store = replica(t);
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 15; i++) {
                    while (true) {
                        KeyValue current = store.get(key).orElse(null);
                        if (current == null) {
                            Thread.onSpinWait();
                            continue;
                        }
                        int next = Integer.parseInt(text(current.value())) + 1;
                        try {
                            store.update(current, bytes(Integer.toString(next)));
                            break;
                        } catch (StorageException e) {
                            assertThat(e.kind()).isEqualTo(StorageException.Kind.CONFLICT);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        long last = 0;
        for (int r = 0; r < REPLICAS; r++) {
            last = Math.max(last, replica(r).currentRevision());
        }
        for (int r = 0; r < REPLICAS; r++) {
            awaitRevision(replica(r), last);
            assertThat(text(replica(r).get(key).orElseThrow().value())).as("replica %d", r).isEqualTo("90");
        }
    }

    @Test
    void aCreateRacedByAnotherReplicaIsRefusedAsExisting() {
        String key = prefix() + "once";
        KeyValue first = replica(0).create(key, bytes("first"));
        // replica 1 may not have followed the create yet: the log's unique (key, previous revision) refuses it
        assertThatThrownBy(() -> replica(1).create(key, bytes("second")))
                .isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.kind()).isEqualTo(StorageException.Kind.KEY_EXISTS));
        assertThat(replica(1).get(key).orElseThrow().revision()).isEqualTo(first.revision());
    }

    @Test
    void aCompactionOnOneReplicaReachesTheOthers() {
        String prefix = prefix();
        KeyValue a = replica(0).create(prefix + "a", bytes("1"));
        KeyValue a2 = replica(0).update(a, bytes("2"));
        awaitRevision(replica(1), a2.revision());
        replica(1).compact(a2.revision());
        for (int r = 0; r < REPLICAS; r++) {
            KeyValueStore store = replica(r);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (store.compactedRevision() < a2.revision() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(store.compactedRevision()).as("replica %d", r).isGreaterThanOrEqualTo(a2.revision());
            assertThat(text(store.get(prefix + "a").orElseThrow().value())).isEqualTo("2");
        }
        // a replica behind the others never lowers the compacted revision
        assertThat(replica(2).compact(a.revision())).isZero();
    }

    @Test
    void eventsReachAnotherReplicaQuickly() throws Exception {
        String prefix = prefix();
        ConcurrentHashMap<Long, Long> arrived = new ConcurrentHashMap<>();
        StorageListener listener = e -> {
            if (e.key().startsWith(prefix)) {
                arrived.put(e.revision(), System.nanoTime());
            }
        };
        replica(1).subscribe(listener);
        List<Long> delays = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                long sent = System.nanoTime();
                long revision = replica(0).create(prefix + i, bytes("v")).revision();
                long deadline = sent + TimeUnit.SECONDS.toNanos(5);
                while (!arrived.containsKey(revision) && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(arrived).containsKey(revision);
                delays.add(arrived.get(revision) - sent);
            }
        } finally {
            replica(1).unsubscribe(listener);
        }
        Collections.sort(delays);
        long median = delays.get(delays.size() / 2);
        System.out.printf("cross-replica event delay from the write's call: median %.2f ms, max %.2f ms over %d writes%n",
                median / 1e6, delays.get(delays.size() - 1) / 1e6, delays.size());
        // the safety-net poll alone would take up to a second: the notification wakes the follower first
        assertThat(median).isLessThan(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void aReplicaWhoseConnectionDropsCatchesUpFromTheLog() throws Exception {
        String prefix = prefix();
        List<StorageEvent> seen = Collections.synchronizedList(new ArrayList<>());
        StorageListener listener = e -> {
            if (e.key().startsWith(prefix)) {
                seen.add(e);
            }
        };
        replica(1).subscribe(listener);
        try {
            // the server ends every listening connection, as a restart or a network failure would
            try (var c = replicas.get(0).dataSource().getConnection(); var s = c.createStatement();
                    var rs = s.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity"
                            + " where query like 'LISTEN%' and pid <> pg_backend_pid()")) {
                rs.next();
                assertThat(rs.getInt(1)).as("listening connections ended").isGreaterThanOrEqualTo(REPLICAS);
            }
            long last = 0;
            for (int i = 0; i < 5; i++) {
                last = replica(0).create(prefix + i, bytes("v")).revision();
            }
            awaitRevision(replica(1), last);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (seen.size() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            replica(1).unsubscribe(listener);
        }
        assertThat(seen).extracting(StorageEvent::key).containsExactly(prefix + 0, prefix + 1, prefix + 2,
                prefix + 3, prefix + 4);
    }
}

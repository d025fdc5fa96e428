package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kubeling.support.InMemoryStorage;

/**
 * Writes that queue behind the writers' lock commit in one transaction, each checked against the state
 * the writes before it in the group leave, and each acknowledged with its own outcome.
 */
class GroupCommitTest {

    private static final String PREFIX = "/registry/configmaps/ns/";

    private InMemoryStorage storage;
    private LogStore store;
    private ExecutorService writers;

    @BeforeEach
    void open() {
        storage = InMemoryStorage.open(Clock.systemUTC());
        store = (LogStore) storage.store();
        writers = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void close() {
        writers.shutdownNow();
        storage.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs {@code write} on a writer thread once the ones before it have queued, and waits until it has. */
    private CompletableFuture<Object> queue(Supplier<Object> write) throws InterruptedException {
        int before = store.queuedWrites();
        CompletableFuture<Object> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                return write.get();
            } catch (StorageException e) {
                return e.kind();
            }
        }, writers);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.queuedWrites() == before) {
            assertThat(System.nanoTime()).as("the write queued").isLessThan(deadline);
            Thread.sleep(1);
        }
        return outcome;
    }

    /** Starts a write whose hook holds the writers' lock until released, so the next writes queue behind it. */
    private CompletableFuture<KeyValue> holdLock(CountDownLatch holding, CountDownLatch release) {
        return CompletableFuture.supplyAsync(() -> store.create(PREFIX + "holder", bytes("h"), revision -> {
            holding.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), writers);
    }

    @Test
    void queuedWritesShareOneTransactionAndSeeEachOthersEffects() throws Exception {
        KeyValue x = store.create(PREFIX + "x", bytes("x0"));
        store.create(PREFIX + "z", bytes("z0"));
        long start = store.currentRevision();
        long commitsBefore = store.commits();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<KeyValue> holder = holdLock(holding, release);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        List<CompletableFuture<Object>> group = new ArrayList<>();
        group.add(queue(() -> store.update(x, bytes("x1"))));
        group.add(queue(() -> store.update(x, bytes("x2"))));
        group.add(queue(() -> store.create(PREFIX + "y", bytes("y1"))));
        group.add(queue(() -> store.create(PREFIX + "y", bytes("y2"))));
        group.add(queue(() -> store.delete(PREFIX + "z", store.get(PREFIX + "z").orElseThrow().revision())));
        group.add(queue(() -> store.create(PREFIX + "z", bytes("z1"))));
        release.countDown();

        assertThat(holder.get(10, TimeUnit.SECONDS).revision()).isEqualTo(start + 1);
        List<Object> outcomes = new ArrayList<>();
        for (CompletableFuture<Object> write : group) {
            Object outcome = write.get(10, TimeUnit.SECONDS);
            outcomes.add(outcome instanceof KeyValue kv ? kv.revision() : outcome);
        }
        // the second update and create each lose to the first of the group, as they would one at a time
        assertThat(outcomes).containsExactly(start + 2, StorageException.Kind.CONFLICT, start + 3,
                StorageException.Kind.KEY_EXISTS, start + 4, start + 5);
        assertThat(store.commits() - commitsBefore).as("the holder's transaction and one for the group").isEqualTo(2);

        assertThat(new String(store.get(PREFIX + "x").orElseThrow().value(), StandardCharsets.UTF_8)).isEqualTo("x1");
        assertThat(new String(store.get(PREFIX + "y").orElseThrow().value(), StandardCharsets.UTF_8)).isEqualTo("y1");
        KeyValue z = store.get(PREFIX + "z").orElseThrow();
        assertThat(z.revision()).isEqualTo(start + 5);
        assertThat(z.createRevision()).isEqualTo(start + 5);

        // the log holds the group's rows as single writes would have left them
        List<StorageEvent> logged = store.eventsAfter(start, 100);
        assertThat(logged).extracting(StorageEvent::revision).containsExactly(start + 1, start + 2, start + 3,
                start + 4, start + 5);
        assertThat(logged).extracting(StorageEvent::type).containsExactly(StorageEvent.Type.CREATED,
                StorageEvent.Type.UPDATED, StorageEvent.Type.CREATED, StorageEvent.Type.DELETED,
                StorageEvent.Type.CREATED);
        assertThat(logged.get(1).previousRevision()).isEqualTo(x.revision());
        assertThat(new String(logged.get(1).previousValue(), StandardCharsets.UTF_8)).isEqualTo("x0");
        // the re-created key follows its deletion in the same transaction
        assertThat(logged.get(4).previousRevision()).isEqualTo(start + 4);
    }

    @Test
    void aWriteTheDatabaseRefusesFailsAloneAndTheRestOfItsGroupCommits() throws Exception {
        long start = store.currentRevision();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<KeyValue> holder = holdLock(holding, release);
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Object> before = queue(() -> store.create(PREFIX + "a", bytes("a")));
        // longer than the log's key column: the insert fails, and with it the group's transaction
        CompletableFuture<Object> refused = CompletableFuture.supplyAsync(() -> {
            try {
                return store.create(PREFIX + "k".repeat(2000), bytes("k"));
            } catch (RuntimeException e) {
                return e;
            }
        }, writers);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.queuedWrites() < 2) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(1);
        }
        CompletableFuture<Object> after = queue(() -> store.create(PREFIX + "b", bytes("b")));
        release.countDown();

        holder.get(10, TimeUnit.SECONDS);
        assertThat(refused.get(10, TimeUnit.SECONDS)).isInstanceOf(RuntimeException.class);
        assertThat(((KeyValue) before.get(10, TimeUnit.SECONDS)).revision()).isEqualTo(start + 2);
        assertThat(((KeyValue) after.get(10, TimeUnit.SECONDS)).revision()).isEqualTo(start + 3);
        assertThat(store.currentRevision()).isEqualTo(start + 3);
        assertThat(store.eventsAfter(start, 100)).extracting(StorageEvent::key).containsExactly(PREFIX + "holder",
                PREFIX + "a", PREFIX + "b");
    }

    @Test
    void aWriteMadeFromAWritersHookCommitsWithoutWaitingForItsOwnGroup() throws Exception {
        long start = store.currentRevision();
        KeyValue outer = CompletableFuture.supplyAsync(() -> store.create(PREFIX + "outer", bytes("o"),
                revision -> store.create(PREFIX + "inner", bytes("i"))), writers).get(10, TimeUnit.SECONDS);
        assertThat(outer.revision()).isEqualTo(start + 1);
        assertThat(store.get(PREFIX + "inner").orElseThrow().revision()).isEqualTo(start + 2);
    }

    @Test
    void concurrentWritersGetGaplessRevisionsAndEveryCompareAndSwapHolds() throws Exception {
        int keys = 8;
        int rounds = 60;
        for (int k = 0; k < keys; k++) {
            store.create(PREFIX + "c" + k, bytes("0"));
        }
        long start = store.currentRevision();
        List<CompletableFuture<Integer>> done = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int writer = w;
            done.add(CompletableFuture.supplyAsync(() -> {
                int won = 0;
                for (int i = 0; i < rounds; i++) {
                    String key = PREFIX + "c" + ((writer + i) % keys);
                    // read-increment-write: a lost update would show in the final counts
                    while (true) {
                        KeyValue current = store.get(key).orElseThrow();
                        int count = Integer.parseInt(new String(current.value(), StandardCharsets.UTF_8));
                        try {
                            store.update(current, bytes(Integer.toString(count + 1)));
                            won++;
                            break;
                        } catch (StorageException e) {
                            assertThat(e.kind()).isEqualTo(StorageException.Kind.CONFLICT);
                        }
                    }
                }
                return won;
            }, writers));
        }
        int total = 0;
        for (CompletableFuture<Integer> d : done) {
            total += d.get(60, TimeUnit.SECONDS);
        }
        assertThat(total).isEqualTo(8 * rounds);
        int sum = 0;
        for (int k = 0; k < keys; k++) {
            sum += Integer.parseInt(new String(store.get(PREFIX + "c" + k).orElseThrow().value(), StandardCharsets.UTF_8));
        }
        assertThat(sum).isEqualTo(8 * rounds);
        assertThat(store.currentRevision()).isEqualTo(start + 8 * rounds);
        List<StorageEvent> logged = store.eventsAfter(start, 8 * rounds + 10);
        assertThat(logged).hasSize(8 * rounds);
        for (int i = 0; i < logged.size(); i++) {
            assertThat(logged.get(i).revision()).isEqualTo(start + 1 + i);
        }
    }
}

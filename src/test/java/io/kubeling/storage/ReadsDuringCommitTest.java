package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * Readers do not wait for a commit under way in the database: a get, a list and a watch's start made
 * while a write's transaction is held open answer at once with the state before it, and a watch
 * started then gets the write's event once it commits, and only once.
 */
class ReadsDuringCommitTest {

    private static final String PREFIX = "/registry/configmaps/ns/";

    private final HeldClock clock = new HeldClock();
    private InMemoryStorage storage;
    private LogStore store;
    private ExecutorService threads;

    @BeforeEach
    void open() {
        storage = InMemoryStorage.open(clock);
        store = (LogStore) storage.store();
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void close() {
        clock.release();
        threads.shutdownNow();
        storage.close();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(KeyValue kv) {
        return new String(kv.value(), StandardCharsets.UTF_8);
    }

    /** Starts an update of {@code current} whose transaction stays open until the clock is released. */
    private CompletableFuture<KeyValue> heldUpdate(KeyValue current, String value) throws InterruptedException {
        CountDownLatch holding = clock.hold();
        CompletableFuture<KeyValue> write = CompletableFuture.supplyAsync(() -> store.update(current, bytes(value)),
                threads);
        // the write reads the clock inside its transaction, for the row's time
        assertThat(holding.await(10, TimeUnit.SECONDS)).as("the write's transaction began").isTrue();
        return write;
    }

    /** Runs {@code read} on a thread of its own and expects it done within seconds, while the commit is held. */
    private <T> T promptly(Supplier<T> read) throws Exception {
        return CompletableFuture.supplyAsync(read, threads).get(5, TimeUnit.SECONDS);
    }

    @Test
    void aGetAListAndAWatchStartDuringACommitAnswerAtOnceWithTheStateBeforeIt() throws Exception {
        KeyValue a = store.create(PREFIX + "a", bytes("a0"));
        long before = store.currentRevision();
        CompletableFuture<KeyValue> write = heldUpdate(a, "a1");

        assertThat(text(promptly(() -> store.get(PREFIX + "a")).orElseThrow())).isEqualTo("a0");
        Range listed = promptly(() -> store.list(PREFIX, null, 0, 0));
        assertThat(listed.revision()).isEqualTo(before);
        assertThat(listed.items()).extracting(ReadsDuringCommitTest::text).containsExactly("a0");
        WatchStart started = promptly(() -> store.watch(PREFIX, 0, true, event -> {
        }));
        assertThat(started.revision()).isEqualTo(before);
        assertThat(started.backlog()).extracting(StorageEvent::revision).containsExactly(a.revision());
        assertThat(promptly(() -> store.currentRevision()).longValue()).isEqualTo(before);
        assertThat(write).isNotDone();

        clock.release();
        assertThat(write.get(10, TimeUnit.SECONDS).revision()).isEqualTo(before + 1);
        assertThat(text(store.get(PREFIX + "a").orElseThrow())).isEqualTo("a1");
        assertThat(store.list(PREFIX, null, 0, 0).revision()).isEqualTo(before + 1);
    }

    @Test
    void aWatchStartedDuringACommitGetsItsEventOnce() throws Exception {
        KeyValue a = store.create(PREFIX + "a", bytes("a0"));
        long before = store.currentRevision();
        CompletableFuture<KeyValue> write = heldUpdate(a, "a1");

        List<StorageEvent> resumed = new CopyOnWriteArrayList<>();
        List<StorageEvent> listed = new CopyOnWriteArrayList<>();
        WatchStart resume = promptly(() -> store.watch(PREFIX, before, false, resumed::add));
        WatchStart list = promptly(() -> store.watch(PREFIX, 0, true, listed::add));
        assertThat(resume.backlog()).isEmpty();
        assertThat(resume.revision()).isEqualTo(before);
        assertThat(list.revision()).isEqualTo(before);

        clock.release();
        write.get(10, TimeUnit.SECONDS);
        // a later write, so that once its event is in, every earlier one is
        KeyValue b = store.create(PREFIX + "b", bytes("b0"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (resumed.size() < 2 || listed.size() < 2) {
            assertThat(System.nanoTime()).as("the events arrived").isLessThan(deadline);
            Thread.sleep(5);
        }
        Thread.sleep(50);
        assertThat(resumed).extracting(StorageEvent::revision).containsExactly(before + 1, b.revision());
        assertThat(listed).extracting(StorageEvent::revision).containsExactly(before + 1, b.revision());
        assertThat(resumed.get(0).type()).isEqualTo(StorageEvent.Type.UPDATED);
        assertThat(new String(resumed.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("a1");
    }

    /** A clock whose reading, once held, waits until released: it holds a write's transaction open. */
    private static final class HeldClock extends Clock {

        private volatile CountDownLatch holding;
        private volatile CountDownLatch released = new CountDownLatch(0);

        CountDownLatch hold() {
            holding = new CountDownLatch(1);
            released = new CountDownLatch(1);
            return holding;
        }

        void release() {
            released.countDown();
        }

        @Override
        public long millis() {
            CountDownLatch held = holding;
            if (held != null) {
                holding = null;
                held.countDown();
                try {
                    released.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return System.currentTimeMillis();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

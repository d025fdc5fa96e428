package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tick hands the waiting streams to the writers, unless those it handed over last are still being written, or
 * were written more recently than that round took.
 */
class WatchFlusherTest {

    private final ExecutorService writers = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        writers.shutdownNow();
        ticker.shutdownNow();
    }

    @Test
    void streamsWaitForTheRoundBeforeThemToBeWritten() throws Exception {
        // ticks far apart: the test releases them itself
        WatchFlusher flusher = new WatchFlusher(writers, 2, ticker, TimeUnit.HOURS.toMicros(1));
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch slowMayEnd = new CountDownLatch(1);
        AtomicInteger written = new AtomicInteger();
        flusher.submit(() -> {
            slowStarted.countDown();
            await(slowMayEnd);
        }, false);
        assertThat(slowStarted.getCount()).isEqualTo(1);
        flusher.release();
        assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

        CountDownLatch next = new CountDownLatch(1);
        flusher.submit(() -> {
            written.incrementAndGet();
            next.countDown();
        }, false);
        flusher.release();
        assertThat(next.await(200, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(written).hasValue(0);

        slowMayEnd.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (next.getCount() > 0 && System.nanoTime() < deadline) {
            flusher.release();
            next.await(10, TimeUnit.MILLISECONDS);
        }
        assertThat(written).hasValue(1);
    }

    @Test
    void aRoundThatTakesTooLongHoldsTheNextStreamsBackNoLonger() throws Exception {
        // 20 ticks of 1 ms: a round still running after 20 ms no longer holds the next one
        WatchFlusher flusher = new WatchFlusher(writers, 2, ticker, TimeUnit.HOURS.toMicros(1) / 3_600_000);
        CountDownLatch slowMayEnd = new CountDownLatch(1);
        CountDownLatch next = new CountDownLatch(1);
        try {
            flusher.submit(() -> await(slowMayEnd), false);
            flusher.submit(() -> { }, false);
            flusher.release();
            flusher.submit(next::countDown, false);
            assertThat(next.await(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            slowMayEnd.countDown();
        }
    }

    @Test
    void afterARoundTheWritersRestAsLongAsItTook() {
        AtomicLong clock = new AtomicLong(TimeUnit.SECONDS.toNanos(1));
        // the writers run each drain at once, on the releasing thread, with time moved by hand
        WatchFlusher flusher = new WatchFlusher(Runnable::run, 1, ticker, TimeUnit.HOURS.toMicros(1), clock::get);
        AtomicInteger written = new AtomicInteger();
        flusher.submit(() -> clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(8)), false);
        flusher.release();

        flusher.submit(written::incrementAndGet, false);
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(7));
        flusher.release();
        assertThat(written).as("7 ms after a round of 8 ms").hasValue(0);

        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        flusher.release();
        assertThat(written).as("8 ms after it").hasValue(1);

        // that round took no time: the next goes at the next tick
        flusher.submit(written::incrementAndGet, false);
        flusher.release();
        assertThat(written).hasValue(2);
    }

    @Test
    void theWritersRestNoLongerThanFourTicks() {
        // ticks of 1 ms that never come: the ticker's one thread is kept busy, and the test releases them itself
        CountDownLatch tickerBusy = new CountDownLatch(1);
        ticker.execute(() -> await(tickerBusy));
        AtomicLong clock = new AtomicLong(TimeUnit.SECONDS.toNanos(1));
        WatchFlusher flusher = new WatchFlusher(Runnable::run, 1, ticker, TimeUnit.HOURS.toMicros(1) / 3_600_000, clock::get);
        AtomicInteger written = new AtomicInteger();
        flusher.submit(() -> clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(100)), false);
        flusher.release();

        flusher.submit(written::incrementAndGet, false);
        clock.addAndGet(TimeUnit.MICROSECONDS.toNanos(3_900));
        flusher.release();
        assertThat(written).as("3.9 ms after a round of 100 ms, with ticks of 1 ms").hasValue(0);
        clock.addAndGet(TimeUnit.MICROSECONDS.toNanos(100));
        flusher.release();
        assertThat(written).as("4 ms after it").hasValue(1);
        tickerBusy.countDown();
    }

    @Test
    void aRoundGoesToNoMoreTasksThanThereAreWriters() {
        java.util.List<Runnable> tasks = new java.util.ArrayList<>();
        WatchFlusher flusher = new WatchFlusher(tasks::add, 2, ticker, TimeUnit.HOURS.toMicros(1));
        AtomicInteger written = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            flusher.submit(written::incrementAndGet, false);
        }
        flusher.release();
        assertThat(tasks).hasSize(2);
        tasks.get(0).run();
        assertThat(written).as("the first task writes every stream the second has not taken").hasValue(10);
        tasks.get(1).run();
        assertThat(written).hasValue(10);
    }

    @Test
    void aStreamTheSocketCanTakeMoreOfIsWrittenAtOnce() throws Exception {
        WatchFlusher flusher = new WatchFlusher(writers, 2, ticker, TimeUnit.HOURS.toMicros(1));
        CountDownLatch now = new CountDownLatch(1);
        flusher.submit(now::countDown, true);
        assertThat(now.await(10, TimeUnit.SECONDS)).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aTickIsSetOnlyWhileADrainWaits() throws Exception {
        ScheduledThreadPoolExecutor idle = new ScheduledThreadPoolExecutor(1);
        try {
            WatchFlusher flusher = new WatchFlusher(Runnable::run, 1, idle, 1000);
            assertThat(idle.getQueue()).isEmpty();
            CountDownLatch written = new CountDownLatch(1);
            flusher.submit(written::countDown, false);
            assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> idle.getQueue().isEmpty() && idle.getActiveCount() == 0);
            assertThat(idle.getCompletedTaskCount()).isEqualTo(1);
        } finally {
            idle.shutdownNow();
        }
    }
}

package io.kubeling.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.kubeling.registry.Errors;

class WorkQueueTest {

    @Test
    void aKeyQueuedTwiceBeforeItsSyncIsSyncedOnce() throws InterruptedException {
        List<String> synced = new CopyOnWriteArrayList<>();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        WorkQueue queue = new WorkQueue("test-queue", key -> {
            synced.add(key);
            if (key.equals("first")) {
                busy.countDown();
                await(release);
            }
            if (key.equals("last")) {
                done.countDown();
            }
        });
        queue.start();
        try {
            queue.add("first");
            assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
            queue.add("a");
            queue.add("b");
            queue.add("a");
            queue.add("last");
            release.countDown();
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(synced).containsExactly("first", "a", "b", "last");
        } finally {
            queue.stop();
        }
    }

    @Test
    void aKeyAddedWhileItsSyncRunsIsSyncedAgainAfterIt() throws InterruptedException {
        List<String> synced = new CopyOnWriteArrayList<>();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch twice = new CountDownLatch(2);
        WorkQueue queue = new WorkQueue("test-queue", key -> {
            synced.add(key);
            busy.countDown();
            twice.countDown();
            if (twice.getCount() == 1) {
                await(release);
            }
        });
        queue.start();
        try {
            queue.add("a");
            assertThat(busy.await(5, TimeUnit.SECONDS)).isTrue();
            queue.add("a");
            release.countDown();
            assertThat(twice.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(synced).containsExactly("a", "a");
        } finally {
            queue.stop();
        }
    }

    /** client-go's delaying queue: an Add does not wait for an AddAfter of the same key, which still adds it later. */
    @Test
    void aKeyAddedWhileItWaitsForADelayIsSyncedAtOnceAndAgainWhenTheDelayHasPassed() throws InterruptedException {
        SimulatedTime time = new SimulatedTime(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), 0);
        BlockingQueue<String> synced = new LinkedBlockingQueue<>();
        WorkQueue queue = new WorkQueue("test-queue", synced::add, time);
        queue.start();
        try {
            queue.addAfter("a", Duration.ofMinutes(5));
            queue.add("a");
            assertThat(synced.poll(5, TimeUnit.SECONDS)).isEqualTo("a");

            time.advance(Duration.ofMinutes(4));
            assertThat(synced).isEmpty();
            time.advance(Duration.ofMinutes(1));
            assertThat(synced).containsExactly("a");
        } finally {
            queue.stop();
            time.close();
        }
    }

    @Test
    void aKeyWaitingTwiceIsAddedOnceAtTheEarlierDeadline() throws InterruptedException {
        SimulatedTime time = new SimulatedTime(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), 0);
        List<String> synced = new CopyOnWriteArrayList<>();
        WorkQueue queue = new WorkQueue("test-queue", synced::add, time);
        queue.start();
        try {
            queue.addAfter("late-first", Duration.ofMinutes(5));
            queue.addAfter("late-first", Duration.ofMinutes(1));
            queue.addAfter("early-first", Duration.ofMinutes(1));
            queue.addAfter("early-first", Duration.ofMinutes(5));
            assertThat(time.pending()).isEqualTo(2);

            time.advance(Duration.ofMinutes(1));
            assertThat(synced).containsExactlyInAnyOrder("late-first", "early-first");
            time.advance(Duration.ofMinutes(10));
            assertThat(synced).hasSize(2);
        } finally {
            queue.stop();
            time.close();
        }
    }

    /** client-go's AddRateLimited: the back-off holds back the retry, not a change that queues the key again. */
    @Test
    void aKeyAddedWhileItsRetryBacksOffIsSyncedAtOnce() throws InterruptedException {
        BlockingQueue<String> synced = new LinkedBlockingQueue<>();
        AtomicInteger attempts = new AtomicInteger();
        WorkQueue queue = new WorkQueue("test-queue", key -> {
            if (key.equals("k") && attempts.incrementAndGet() == 1) {
                throw Errors.error(409, "Conflict", "the object has been modified", null);
            }
            synced.add(key);
        }, null, Duration.ofHours(1));
        queue.start();
        try {
            queue.add("k");
            // the one worker syncs in order: once "after" is synced, the failed sync of "k" has set its retry
            queue.add("after");
            assertThat(synced.poll(5, TimeUnit.SECONDS)).isEqualTo("after");
            assertThat(attempts.get()).isEqualTo(1);

            queue.add("k");
            assertThat(synced.poll(5, TimeUnit.SECONDS)).isEqualTo("k");
            assertThat(attempts.get()).isEqualTo(2);
        } finally {
            queue.stop();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aFailedSyncIsRetriedUntilItSucceeds() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch succeeded = new CountDownLatch(1);
        WorkQueue queue = new WorkQueue("test-queue", key -> {
            if (attempts.incrementAndGet() < 3) {
                throw Errors.error(409, "Conflict", "the object has been modified", null);
            }
            succeeded.countDown();
        });
        queue.start();
        try {
            queue.add("x");
            assertThat(succeeded.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(attempts.get()).isEqualTo(3);
        } finally {
            queue.stop();
        }
    }

    @Test
    void aStoppedQueueTakesNoKeysAndStartsAgain() throws InterruptedException {
        CountDownLatch synced = new CountDownLatch(1);
        WorkQueue queue = new WorkQueue("test-queue", key -> synced.countDown());
        queue.start();
        queue.stop();
        queue.add("ignored");
        assertThat(queue.isRunning()).isFalse();
        queue.start();
        queue.add("k");
        assertThat(synced.await(5, TimeUnit.SECONDS)).isTrue();
        queue.stop();
    }

    @Test
    void aDelayedKeyWaitsForTheSimulatedClockWhileARetryTakesRealTime() throws InterruptedException {
        SimulatedTime time = new SimulatedTime(java.time.Clock.systemUTC(), 0);
        List<String> synced = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        CountDownLatch retried = new CountDownLatch(1);
        WorkQueue queue = new WorkQueue("test-queue", key -> {
            if (key.equals("flaky") && failures.incrementAndGet() == 1) {
                throw Errors.error(409, "Conflict", "the object has been modified", null);
            }
            synced.add(key);
            if (key.equals("flaky")) {
                retried.countDown();
            }
        }, time);
        queue.start();
        try {
            queue.addAfter("deadline", Duration.ofMinutes(5));
            queue.add("flaky");
            assertThat(retried.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(synced).containsExactly("flaky");

            time.advance(Duration.ofMinutes(5));

            assertThat(synced).containsExactly("flaky", "deadline");
        } finally {
            queue.stop();
            time.close();
        }
    }
}

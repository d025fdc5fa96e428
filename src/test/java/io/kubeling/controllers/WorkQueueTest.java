package io.kubeling.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.kubeling.registry.Errors;

class WorkQueueTest {

    @Test
    void aKeyQueuedTwiceBeforeItsSyncIsSyncedOnce() throws InterruptedException {
        List<String> synced = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        WorkQueue queue = new WorkQueue("test-queue", key -> {
            synced.add(key);
            done.countDown();
        });
        queue.start();
        try {
            queue.addAfter("a", Duration.ofMillis(100));
            queue.add("a");
            queue.add("b");
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(200);
            assertThat(synced).containsExactlyInAnyOrder("a", "b");
        } finally {
            queue.stop();
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

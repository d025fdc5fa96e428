package io.kubeling.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ExecutorLagTest {

    @Test
    void theLagIsHowLongTheOldestDueTaskHasWaited() throws Exception {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("lag-test"));
        try {
            assertThat(ExecutorLag.nanos(executor)).isZero();
            executor.schedule(() -> { }, 1, TimeUnit.HOURS);
            assertThat(ExecutorLag.nanos(executor)).as("a task not yet due").isZero();
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(1);
            executor.execute(() -> {
                running.countDown();
                await(busy);
            });
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
            CountDownLatch done = new CountDownLatch(1);
            executor.execute(done::countDown);
            Thread.sleep(60);
            assertThat(ExecutorLag.nanos(executor)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
            busy.countDown();
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ExecutorLag.nanos(executor)).isZero();
        } finally {
            executor.shutdownNow();
        }
        assertThat(ExecutorLag.nanos(null)).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

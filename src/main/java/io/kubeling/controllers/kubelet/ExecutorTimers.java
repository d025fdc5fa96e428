package io.kubeling.controllers.kubelet;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Timers on a single-threaded scheduled executor, so the simulation's state needs no locks. */
final class ExecutorTimers implements Timers {

    private static final Logger log = LoggerFactory.getLogger(ExecutorTimers.class);

    private final ScheduledExecutorService executor;

    ExecutorTimers(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        try {
            ScheduledFuture<?> future = executor.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("kubelet task failed", e);
                }
            }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> {
            };
        }
    }
}

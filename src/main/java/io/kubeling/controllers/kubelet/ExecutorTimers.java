package io.kubeling.controllers.kubelet;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kubeling.controllers.SimulatedTime;

/**
 * Timers on a single-threaded scheduled executor, so the simulation's state needs no locks; delays pass on the
 * simulation's clock, so that a test advancing it runs what falls due.
 */
final class ExecutorTimers implements Timers {

    private static final Logger log = LoggerFactory.getLogger(ExecutorTimers.class);

    private final ScheduledExecutorService executor;
    private final SimulatedTime time;

    ExecutorTimers(ScheduledExecutorService executor, SimulatedTime time) {
        this.executor = executor;
        this.time = time;
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("kubelet task failed", e);
            }
        };
        try {
            if ((!delay.isNegative() && !delay.isZero())) {
                SimulatedTime.Cancellable later = time.schedule(delay, executor, guarded);
                return later::cancel;
            }
            ScheduledFuture<?> future = executor.schedule(guarded, 0, TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            return () -> {
            };
        }
    }
}

package io.kubeling.controllers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kubeling.registry.StatusException;

/**
 * A controller's work queue, as client-go's: keys, not objects, so that many changes to one object make one sync;
 * one worker thread; a key whose sync fails is retried with a doubling delay. As in client-go, a key waiting for a
 * delay (a deadline, a retry's back-off) is apart from the keys to sync now: adding it meanwhile syncs it at once,
 * and it is added again when its delay has passed. Restartable, since test contexts stop and start their beans.
 */
public final class WorkQueue {

    private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(50);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);

    private final String name;
    private final Consumer<String> sync;
    private final Duration firstRetry;
    /** Keys queued for a sync and not yet started (client-go's dirty set). */
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    /** Keys waiting for a delay on the simulated clock, and for a retry's back-off in real time. */
    private final Waits delayed;
    private final Waits retries = new Waits(null);
    private final Map<String, Long> failures = new ConcurrentHashMap<>();
    private volatile ScheduledThreadPoolExecutor worker;

    public WorkQueue(String name, Consumer<String> sync) {
        this(name, sync, null);
    }

    /** A queue whose {@link #addAfter} delays pass on {@code time}'s clock; retries after failures take real time. */
    public WorkQueue(String name, Consumer<String> sync, SimulatedTime time) {
        this(name, sync, time, FIRST_RETRY);
    }

    WorkQueue(String name, Consumer<String> sync, SimulatedTime time, Duration firstRetry) {
        this.name = name;
        this.sync = sync;
        this.firstRetry = firstRetry;
        this.delayed = new Waits(time);
    }

    public synchronized void start() {
        if (worker != null) {
            return;
        }
        dirty.clear();
        failures.clear();
        worker = new ScheduledThreadPoolExecutor(1, DaemonThreads.named(name));
    }

    public synchronized void stop() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
        delayed.clear();
        retries.clear();
    }

    public boolean isRunning() {
        return worker != null;
    }

    /** How long the oldest key due for a sync has waited for the worker, in nanoseconds. */
    public long lagNanos() {
        return ExecutorLag.nanos(worker);
    }

    /** Queues a key for a sync now, unless it is queued already; a sync running meanwhile is followed by another. */
    public void add(String key) {
        ScheduledExecutorService current = worker;
        if (current != null && dirty.add(key)) {
            try {
                current.execute(() -> run(key));
            } catch (RejectedExecutionException e) {
                dirty.remove(key);
            }
        }
    }

    /** Queues a key for a sync once a delay has passed, unless it already waits for one that ends no later. */
    public void addAfter(String key, Duration delay) {
        delayed.add(key, delay);
    }

    private void run(String key) {
        dirty.remove(key);
        try {
            sync.accept(key);
            failures.remove(key);
        } catch (StatusException e) {
            // A conflict means another writer was first: sync again against the new state.
            retry(key, e.code() == 409 ? null : e);
        } catch (RuntimeException e) {
            retry(key, e);
        }
    }

    private void retry(String key, RuntimeException cause) {
        long attempts = failures.merge(key, 1L, Long::sum);
        Duration delay = firstRetry.multipliedBy(1L << Math.min(20, attempts - 1));
        if (delay.compareTo(MAX_RETRY) > 0) {
            delay = MAX_RETRY;
        }
        if (cause != null) {
            log.warn("{}: sync of {} failed (attempt {}), retrying in {} ms: {}", name, key, attempts,
                    delay.toMillis(), cause.toString());
        }
        retries.add(key, delay);
    }

    /**
     * The keys waiting for a delay on one clock, each at most once, at its earliest deadline (client-go's
     * waitingForQueue): when it passes, the key is added.
     */
    private final class Waits {

        private final SimulatedTime on;
        private final Clock clock;
        private final Map<String, Wait> byKey = new HashMap<>();

        /** Waits on {@code on}'s clock, or in real time when null. */
        Waits(SimulatedTime on) {
            this.on = on;
            this.clock = on == null ? Clock.systemUTC() : on.clock();
        }

        void add(String key, Duration delay) {
            ScheduledExecutorService current = worker;
            if (current == null) {
                return;
            }
            if (delay.isNegative() || delay.isZero()) {
                WorkQueue.this.add(key);
                return;
            }
            Wait wait = new Wait(clock.instant().plus(delay));
            synchronized (this) {
                Wait earlier = byKey.get(key);
                if (earlier != null && !earlier.at.isAfter(wait.at)) {
                    return;
                }
                if (earlier != null) {
                    earlier.cancel();
                }
                byKey.put(key, wait);
            }
            Runnable due = () -> {
                if (remove(key, wait)) {
                    WorkQueue.this.add(key);
                }
            };
            try {
                if (on != null) {
                    wait.cancel = on.schedule(delay, current, due)::cancel;
                } else {
                    ScheduledFuture<?> future = current.schedule(due, delay.toNanos(), TimeUnit.NANOSECONDS);
                    wait.cancel = () -> future.cancel(false);
                }
            } catch (RejectedExecutionException e) {
                remove(key, wait);
            }
        }

        private synchronized boolean remove(String key, Wait wait) {
            return byKey.remove(key, wait);
        }

        synchronized void clear() {
            byKey.values().forEach(Wait::cancel);
            byKey.clear();
        }
    }

    private static final class Wait {
        final Instant at;
        volatile Runnable cancel;

        Wait(Instant at) {
            this.at = at;
        }

        void cancel() {
            Runnable c = cancel;
            if (c != null) {
                c.run();
            }
        }
    }
}

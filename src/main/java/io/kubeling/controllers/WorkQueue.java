package io.kubeling.controllers;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kubeling.registry.StatusException;

/**
 * A controller's work queue, as client-go's: keys, not objects, so that many changes to one
 * object make one sync; one worker thread; a key whose sync fails is retried with a doubling
 * delay. Restartable, since test contexts stop and start their beans.
 */
public final class WorkQueue {

    private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);
    private static final long FIRST_RETRY_MILLIS = 50;
    private static final long MAX_RETRY_MILLIS = 10_000;

    private final String name;
    private final Consumer<String> sync;
    private final SimulatedTime time;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> failures = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService worker;

    public WorkQueue(String name, Consumer<String> sync) {
        this(name, sync, null);
    }

    /** A queue whose {@link #addAfter} delays pass on {@code time}'s clock; retries after failures take real time. */
    public WorkQueue(String name, Consumer<String> sync, SimulatedTime time) {
        this.name = name;
        this.sync = sync;
        this.time = time;
    }

    public synchronized void start() {
        if (worker != null) {
            return;
        }
        queued.clear();
        failures.clear();
        worker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(name));
    }

    public synchronized void stop() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }

    public boolean isRunning() {
        return worker != null;
    }

    /** Queues a key for a sync now, unless it is queued already. */
    public void add(String key) {
        addAfter(key, Duration.ZERO);
    }

    /** Queues a key for a sync after a delay, unless it is queued already. */
    public void addAfter(String key, Duration delay) {
        enqueue(key, delay, time);
    }

    private void enqueue(String key, Duration delay, SimulatedTime on) {
        ScheduledExecutorService current = worker;
        if (current != null && queued.add(key)) {
            try {
                if (on != null && (!delay.isNegative() && !delay.isZero())) {
                    on.schedule(delay, current, () -> run(key));
                    return;
                }
                current.schedule(() -> run(key), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.remove(key);
            }
        }
    }

    private void run(String key) {
        queued.remove(key);
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
        long delay = Math.min(MAX_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(20, attempts - 1));
        if (cause != null) {
            log.warn("{}: sync of {} failed (attempt {}), retrying in {} ms: {}", name, key, attempts, delay,
                    cause.toString());
        }
        enqueue(key, Duration.ofMillis(delay), null);
    }
}

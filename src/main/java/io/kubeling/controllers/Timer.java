package io.kubeling.controllers;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs small actions later (queueing a key again once a deadline passes), apart from the work queue
 * so that a far-off resync never holds back an immediate one. Restartable.
 */
public final class Timer {

    private final String name;
    private final SimulatedTime time;
    private volatile ScheduledExecutorService executor;

    /** Delays measured on {@code time}'s clock, so that advancing it fires them. */
    public Timer(String name, SimulatedTime time) {
        this.name = name;
        this.time = time;
    }

    public synchronized void start() {
        if (executor == null) {
            executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(name));
        }
    }

    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    public void after(Duration delay, Runnable action) {
        ScheduledExecutorService current = executor;
        if (current != null) {
            try {
                if (time != null) {
                    time.schedule(delay, current, action);
                    return;
                }
                current.schedule(action, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // stopped meanwhile
            }
        }
    }
}

package io.kubeling.api;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Gathers the watch streams that have something to write and hands them to the writer pool
 * on a short tick, so that events arriving close together leave in one write and one flush
 * per stream instead of one each: with a thousand watchers, flushes are what cost.
 */
final class WatchFlusher {

    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final ExecutorService writers;

    WatchFlusher(ExecutorService writers, ScheduledExecutorService ticker, long tickMicros) {
        this.writers = writers;
        if (tickMicros > 0) {
            ticker.scheduleWithFixedDelay(this::release, tickMicros, tickMicros, TimeUnit.MICROSECONDS);
        }
    }

    /** Queues a stream's drain for the next tick (or runs it at once when ticks are off). */
    void submit(Runnable drain, boolean now) {
        if (now) {
            writers.execute(drain);
        } else {
            pending.add(drain);
        }
    }

    private void release() {
        Runnable drain;
        while ((drain = pending.poll()) != null) {
            writers.execute(drain);
        }
    }
}

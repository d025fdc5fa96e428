package io.kubeling.api;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Gathers the watch streams that have something to write and hands them to the writer pool
 * on a short tick, so that events arriving close together leave in one write and one flush
 * per stream instead of one each: with a thousand watchers, the writes to the sockets are what
 * cost. A tick releases nothing while the streams it released last are still being written: when
 * the writers fall behind, each stream's next write then carries more events, so the writes per
 * event fall as the load grows instead of the backlog. A round that takes longer than 20 ticks (a
 * stream whose event waits for a conversion webhook) holds the others back no longer. After a round, the
 * writers rest as long as it took, up to 4 ticks, before the next (with few streams a round takes less than a
 * tick, so nothing changes): with a thousand streams a round takes milliseconds of socket writes, and rounds
 * back to back would spend them on one event per stream each, taking the core from the requests that write.
 */
final class WatchFlusher {

    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final Executor writers;
    private final boolean ticking;
    private final AtomicInteger writing = new AtomicInteger();
    private final long longestHoldNanos;
    private final long longestRestNanos;
    private final LongSupplier nanoTime;
    private volatile long roundStarted;
    private volatile long roundEnded;
    private volatile long lastRoundNanos;

    WatchFlusher(Executor writers, ScheduledExecutorService ticker, long tickMicros) {
        this(writers, ticker, tickMicros, System::nanoTime);
    }

    WatchFlusher(Executor writers, ScheduledExecutorService ticker, long tickMicros, LongSupplier nanoTime) {
        this.writers = writers;
        this.nanoTime = nanoTime;
        this.ticking = tickMicros > 0;
        this.longestHoldNanos = TimeUnit.MICROSECONDS.toNanos(tickMicros) * 20;
        this.longestRestNanos = TimeUnit.MICROSECONDS.toNanos(tickMicros) * 4;
        if (ticking) {
            ticker.scheduleWithFixedDelay(this::release, tickMicros, tickMicros, TimeUnit.MICROSECONDS);
        }
    }

    /** Queues a stream's drain for the next tick (or runs it at once when ticks are off). */
    void submit(Runnable drain, boolean now) {
        if (now || !ticking) {
            writers.execute(drain);
        } else {
            pending.add(drain);
        }
    }

    void release() {
        long now = nanoTime.getAsLong();
        if (writing.get() > 0 ? now - roundStarted < longestHoldNanos
                : now - roundEnded < Math.min(lastRoundNanos, longestRestNanos)) {
            return;
        }
        roundStarted = now;
        Runnable drain;
        while ((drain = pending.poll()) != null) {
            writing.incrementAndGet();
            Runnable counted = drain;
            try {
                writers.execute(() -> {
                    try {
                        counted.run();
                    } finally {
                        if (writing.decrementAndGet() == 0) {
                            long end = nanoTime.getAsLong();
                            lastRoundNanos = end - roundStarted;
                            roundEnded = end;
                        }
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the server is stopping
                writing.decrementAndGet();
            }
        }
    }
}

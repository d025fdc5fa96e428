package io.kubeling.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * A round goes to as many tasks as there are writers, each writing the round's next stream until none is left,
 * rather than to a task per stream: a task costs the pool's queue a lock and a wake-up, a thousand of them a round.
 * The tick is set only while a drain waits, so that a server without busy watches does not wake for it.
 */
final class WatchFlusher {

    private static final Logger log = LoggerFactory.getLogger(WatchFlusher.class);

    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final Executor writers;
    private final int writerThreads;
    private final boolean ticking;
    private final ScheduledExecutorService ticker;
    private final long tickMicros;
    private final AtomicBoolean tickSet = new AtomicBoolean();
    private final AtomicInteger writing = new AtomicInteger();
    private final long longestHoldNanos;
    private final long longestRestNanos;
    private final LongSupplier nanoTime;
    private volatile long roundStarted;
    private volatile long roundEnded;
    private volatile long lastRoundNanos;

    WatchFlusher(Executor writers, int writerThreads, ScheduledExecutorService ticker, long tickMicros) {
        this(writers, writerThreads, ticker, tickMicros, System::nanoTime);
    }

    WatchFlusher(Executor writers, int writerThreads, ScheduledExecutorService ticker, long tickMicros,
            LongSupplier nanoTime) {
        this.writers = writers;
        this.writerThreads = Math.max(1, writerThreads);
        this.nanoTime = nanoTime;
        this.ticking = tickMicros > 0;
        this.ticker = ticker;
        this.tickMicros = tickMicros;
        this.longestHoldNanos = TimeUnit.MICROSECONDS.toNanos(tickMicros) * 20;
        this.longestRestNanos = TimeUnit.MICROSECONDS.toNanos(tickMicros) * 4;
    }

    /** Queues a stream's drain for the next tick (or runs it at once when ticks are off). */
    void submit(Runnable drain, boolean now) {
        if (now || !ticking) {
            writers.execute(drain);
        } else {
            pending.add(drain);
            setTick();
        }
    }

    private void setTick() {
        if (tickSet.compareAndSet(false, true)) {
            try {
                ticker.schedule(this::tick, tickMicros, TimeUnit.MICROSECONDS);
            } catch (RejectedExecutionException e) {
                // the server is stopping
                tickSet.set(false);
            }
        }
    }

    private void tick() {
        // cleared first: a drain queued from here on sets a tick of its own
        tickSet.set(false);
        release();
        if (!pending.isEmpty()) {
            setTick();
        }
    }

    void release() {
        long now = nanoTime.getAsLong();
        if (writing.get() > 0 ? now - roundStarted < longestHoldNanos
                : now - roundEnded < Math.min(lastRoundNanos, longestRestNanos)) {
            return;
        }
        roundStarted = now;
        List<Runnable> drains = new ArrayList<>();
        Runnable drain;
        while ((drain = pending.poll()) != null) {
            drains.add(drain);
        }
        if (drains.isEmpty()) {
            return;
        }
        Round round = new Round(drains.toArray(Runnable[]::new));
        int tasks = Math.min(writerThreads, drains.size());
        // counted before the first starts, so that the round ends when its last task does
        writing.addAndGet(tasks);
        for (int i = tasks; i > 0; i--) {
            try {
                writers.execute(round);
            } catch (RejectedExecutionException e) {
                // the server is stopping
                writing.decrementAndGet();
            }
        }
    }

    /** The streams of one round, written by every task it is given to, each taking the next one left. */
    private final class Round implements Runnable {

        private final Runnable[] drains;
        private final AtomicInteger next = new AtomicInteger();

        Round(Runnable[] drains) {
            this.drains = drains;
        }

        @Override
        public void run() {
            try {
                for (int i = next.getAndIncrement(); i < drains.length; i = next.getAndIncrement()) {
                    try {
                        drains[i].run();
                    } catch (RuntimeException e) {
                        // the stream's own failure: the round's other streams are still written
                        log.warn("a watch stream's write failed", e);
                    }
                }
            } finally {
                if (writing.decrementAndGet() == 0) {
                    long end = nanoTime.getAsLong();
                    lastRoundNanos = end - roundStarted;
                    roundEnded = end;
                }
            }
        }
    }
}

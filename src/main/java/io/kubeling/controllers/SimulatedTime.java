package io.kubeling.controllers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.kubeling.config.SimulationProperties;

/**
 * The simulation's one notion of time: the clock every timestamp is read from, the factor each simulated delay is
 * multiplied by ({@code kubeling.simulation.time-scale}), and the deadlines that fall due on that clock.
 * <p>
 * A positive scale runs the clock with the system's and multiplies delays (0.1: ten times faster). A scale of 0
 * stops the clock: delays keep their simulated length, and time passes only when {@link #advance} moves it, which
 * fires what falls due on the way, in order, each deadline's work finished before the next. Advancing a running
 * clock makes it jump ahead the same way.
 */
@Component
public final class SimulatedTime implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedTime.class);
    /** How long advance waits for the work of one deadline, so that a stuck task cannot hang a test. */
    private static final Duration TASK_WAIT = Duration.ofSeconds(10);

    private final SteppedClock clock;
    private final double scale;
    private final PriorityQueue<Deadline> deadlines = new PriorityQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private Thread driver;
    private boolean closed;

    @Autowired
    public SimulatedTime(SimulationProperties properties) {
        this(Clock.systemUTC(), properties.timeScale());
    }

    /** Time on {@code base}, stopped at its current instant when {@code scale} is 0. */
    public SimulatedTime(Clock base, double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("kubeling.simulation.time-scale must be 0 (a stopped clock that "
                    + "tests advance) or a positive factor, not " + scale);
        }
        this.scale = scale;
        this.clock = new SteppedClock(base, scale == 0);
    }

    /** The clock of the whole server: timestamps, deadlines, heartbeats. */
    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    public double scale() {
        return scale;
    }

    /** True when time passes only by {@link #advance}. */
    public boolean stopped() {
        return scale == 0;
    }

    /** A simulated delay as the clock sees it: multiplied by the scale, or as it is on a stopped clock. */
    public Duration scaled(Duration simulated) {
        if (scale == 0 || scale == 1.0) {
            return simulated;
        }
        return Duration.ofNanos(Math.round(simulated.toNanos() * scale));
    }

    /** Runs {@code task} on {@code executor} once {@code delay} has passed on the clock. */
    public Cancellable schedule(Duration delay, Executor executor, Runnable task) {
        return add(new Deadline(now().plus(positive(delay)), Duration.ZERO, executor, task, sequence.incrementAndGet()));
    }

    /** Runs {@code task} on {@code executor} every {@code period} of the clock, first after one period. */
    public Cancellable every(Duration period, Executor executor, Runnable task) {
        Duration p = period.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : period;
        return add(new Deadline(now().plus(p), p, executor, task, sequence.incrementAndGet()));
    }

    /**
     * Moves the clock {@code by} ahead, running each deadline met on the way at its own instant and waiting for its
     * work, so that what it schedules within the span (a restart after back-off, the next heartbeat) runs too.
     */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time cannot be moved back: " + by);
        }
        Instant target = now().plus(by);
        while (true) {
            List<Deadline> due = new ArrayList<>();
            synchronized (this) {
                Deadline next = deadlines.peek();
                if (next == null || next.at.isAfter(target)) {
                    break;
                }
                clock.moveTo(next.at);
                Instant now = clock.instant();
                while (!deadlines.isEmpty() && !deadlines.peek().at.isAfter(now)) {
                    due.add(deadlines.poll());
                }
            }
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (Deadline d : due) {
                done.add(fire(d));
            }
            if (!await(done)) {
                return;
            }
            // what the tasks handed their own (single-threaded) executors to do next runs before time moves on
            List<CompletableFuture<Void>> drained = new ArrayList<>();
            due.stream().map(d -> d.executor).distinct().forEach(e -> drained.add(marker(e)));
            if (!await(drained)) {
                return;
            }
        }
        synchronized (this) {
            clock.moveTo(target);
            notifyAll();
        }
    }

    private boolean await(List<CompletableFuture<Void>> work) {
        try {
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(TASK_WAIT.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("simulated time: work due at {} still runs after {}", now(), TASK_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            // each task's failure is the task's own
        }
        return true;
    }

    private static CompletableFuture<Void> marker(Executor executor) {
        CompletableFuture<Void> reached = new CompletableFuture<>();
        try {
            executor.execute(() -> reached.complete(null));
        } catch (RejectedExecutionException e) {
            reached.complete(null);
        }
        return reached;
    }

    @Override
    public synchronized void close() {
        closed = true;
        deadlines.clear();
        notifyAll();
    }

    /** Deadlines not yet run, for tests. */
    synchronized int pending() {
        return deadlines.size();
    }

    private synchronized Cancellable add(Deadline deadline) {
        if (closed) {
            return () -> {
            };
        }
        deadlines.add(deadline);
        if (driver == null) {
            driver = DaemonThreads.named("simulated-time").newThread(this::drive);
            driver.start();
        }
        notifyAll();
        return () -> cancel(deadline);
    }

    private synchronized void cancel(Deadline deadline) {
        deadline.cancelled = true;
        deadlines.remove(deadline);
    }

    private CompletableFuture<Void> fire(Deadline d) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (d.cancelled) {
            done.complete(null);
            return done;
        }
        if (!d.period.isZero()) {
            synchronized (this) {
                if (!closed && !d.cancelled) {
                    d.at = d.at.plus(d.period);
                    deadlines.add(d);
                }
            }
        }
        try {
            d.executor.execute(() -> {
                try {
                    if (!d.cancelled) {
                        d.task.run();
                    }
                } catch (RuntimeException e) {
                    log.warn("simulated time: task failed", e);
                } finally {
                    done.complete(null);
                }
            });
        } catch (RejectedExecutionException e) {
            cancel(d);
            done.complete(null);
        }
        return done;
    }

    /** Fires deadlines as the running clock reaches them; on a stopped clock only {@link #advance} does. */
    private void drive() {
        while (true) {
            List<Deadline> due = new ArrayList<>();
            synchronized (this) {
                if (closed) {
                    return;
                }
                Deadline next = deadlines.peek();
                long wait = next == null || stopped() ? 0 : untilMillis(clock.instant(), next.at);
                if (next == null || stopped() || wait > 0) {
                    try {
                        wait(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                Instant now = clock.instant();
                while (!deadlines.isEmpty() && !deadlines.peek().at.isAfter(now)) {
                    due.add(deadlines.poll());
                }
            }
            due.forEach(this::fire);
        }
    }

    /**
     * Whole milliseconds from now until {@code at}, rounded up: a deadline less than a millisecond away is waited
     * for, not polled for in a loop until it comes (with thousands of kubelet and heartbeat timers a second, that
     * loop kept a core busy), at the cost of firing it up to a millisecond late.
     */
    static long untilMillis(Instant now, Instant at) {
        long nanos = Duration.between(now, at).toNanos();
        return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
    }

    private static Duration positive(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** A scheduled task that may be called off. */
    @FunctionalInterface
    public interface Cancellable {
        void cancel();
    }

    private static final class Deadline implements Comparable<Deadline> {
        volatile Instant at;
        final Duration period;
        final Executor executor;
        final Runnable task;
        final long order;
        volatile boolean cancelled;

        Deadline(Instant at, Duration period, Executor executor, Runnable task, long order) {
            this.at = at;
            this.period = period;
            this.executor = executor;
            this.task = task;
            this.order = order;
        }

        @Override
        public int compareTo(Deadline o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }

    /** The system clock plus how far time was advanced, or an instant that moves only when advanced. */
    private static final class SteppedClock extends Clock {
        private final Clock base;
        private final boolean stopped;
        private volatile Duration offset = Duration.ZERO;
        private volatile Instant frozen;

        SteppedClock(Clock base, boolean stopped) {
            this.base = base;
            this.stopped = stopped;
            this.frozen = base.instant();
        }

        /** Forward only. */
        synchronized void moveTo(Instant at) {
            if (stopped) {
                if (at.isAfter(frozen)) {
                    frozen = at;
                }
            } else {
                Instant now = instant();
                if (at.isAfter(now)) {
                    offset = offset.plus(Duration.between(now, at));
                }
            }
        }

        @Override
        public Instant instant() {
            return stopped ? frozen : base.instant().plus(offset);
        }

        @Override
        public long millis() {
            return instant().toEpochMilli();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

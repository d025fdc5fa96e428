package io.kubeling.api;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.StatusDetails;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.Errors;
import io.kubeling.registry.SimulationLag;

/**
 * A bounded number of client writes in progress at once, the rest queued per user and a free seat given to the
 * users' queues in turn, as kube-apiserver's priority and fairness queues client requests by flow: one client
 * flooding writes waits behind its own requests while another client's write waits for one turn at most. The
 * simulated kubelets, scheduler and controllers write in-process, like kube's system priority levels with seats
 * of their own; as they share the cores with the request threads, fewer seats are given while they lag behind
 * their work ({@link SimulationLag}), down to one, so that a flood of client writes cannot starve them. A request
 * that waits longer than kube's queue wait gets kube's 429.
 */
@Component
class MutatingSeats {

    /** How long kube's priority and fairness lets a request wait in its queue. */
    private static final Duration QUEUE_WAIT = Duration.ofSeconds(15);

    /** Up to this lag of the simulation every seat is given. */
    static final Duration FULL_BELOW = Duration.ofMillis(10);
    /** From this lag on one seat only is given; in between, fewer the longer the lag. */
    static final Duration ONE_FROM = Duration.ofMillis(60);

    private final ReentrantLock lock = new ReentrantLock();
    private final Duration queueWait;
    private final int seats;
    private final SimulationLag lag;
    /** Seats taken. */
    private int taken;
    /** Each waiting user's requests in arrival order. */
    private final Map<String, ArrayDeque<Waiter>> queues = new HashMap<>();
    /** The users with waiting requests, in the order their queues get the next free seat. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();

    @Autowired
    MutatingSeats(KubelingProperties properties, SimulationLag lag) {
        this(properties.api().mutatingSeats(), QUEUE_WAIT, lag);
    }

    MutatingSeats(int seats, Duration queueWait) {
        this(seats, queueWait, new SimulationLag());
    }

    MutatingSeats(int seats, Duration queueWait, SimulationLag lag) {
        this.seats = Math.max(1, seats);
        this.queueWait = queueWait;
        this.lag = lag;
    }

    /** The seats given at the simulation's current lag. */
    int given() {
        return given(seats, lag.nanos());
    }

    static int given(int seats, long lagNanos) {
        long full = FULL_BELOW.toNanos();
        long one = ONE_FROM.toNanos();
        if (lagNanos <= full) {
            return seats;
        }
        if (lagNanos >= one) {
            return 1;
        }
        return Math.max(1, seats - (int) ((seats - 1) * (lagNanos - full) / (one - full)));
    }

    static boolean mutating(String method) {
        return !"GET".equals(method) && !"HEAD".equals(method) && !"OPTIONS".equals(method);
    }

    <T> T hold(String user, Supplier<T> request) {
        acquire(user);
        try {
            return request.get();
        } finally {
            release();
        }
    }

    private void acquire(String user) {
        // read before the lock: the lag peeks at each kubelet thread's queue, under that queue's own lock
        int given = given();
        lock.lock();
        try {
            if (turns.isEmpty() && taken < given) {
                taken++;
                return;
            }
            Waiter waiter = new Waiter(lock.newCondition());
            ArrayDeque<Waiter> queue = queues.computeIfAbsent(user, u -> new ArrayDeque<>());
            if (queue.isEmpty()) {
                turns.addLast(user);
            }
            queue.addLast(waiter);
            long left = queueWait.toNanos();
            boolean interrupted = false;
            while (!waiter.seated && left > 0) {
                try {
                    left = waiter.seat.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            if (waiter.seated) {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            queue.remove(waiter);
            if (queue.isEmpty()) {
                queues.remove(user);
                turns.remove(user);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            throw tooManyRequests();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The seats given now go to the heads of the next users' queues, each user going to the back of the turns: the
     * seat freed, and those given again since the simulation caught up; when it lags, seats taken above what it
     * allows are not given again.
     */
    private void release() {
        lock.lock();
        try {
            taken--;
            if (turns.isEmpty()) {
                return;
            }
            int given = given();
            while (taken < given) {
                String next = turns.pollFirst();
                if (next == null) {
                    return;
                }
                ArrayDeque<Waiter> queue = queues.get(next);
                Waiter waiter = queue.pollFirst();
                if (queue.isEmpty()) {
                    queues.remove(next);
                } else {
                    turns.addLast(next);
                }
                taken++;
                waiter.seated = true;
                waiter.seat.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many requests wait for a seat. */
    int waiting() {
        lock.lock();
        try {
            return queues.values().stream().mapToInt(ArrayDeque::size).sum();
        } finally {
            lock.unlock();
        }
    }

    private static RuntimeException tooManyRequests() {
        StatusDetails details = new StatusDetails();
        details.setRetryAfterSeconds(1);
        return Errors.error(429, "TooManyRequests", "Too many requests, please try again later.", details);
    }

    private static final class Waiter {
        final Condition seat;
        boolean seated;

        Waiter(Condition seat) {
            this.seat = seat;
        }
    }
}

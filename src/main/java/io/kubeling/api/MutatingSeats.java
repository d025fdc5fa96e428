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

/**
 * A bounded number of client writes in progress at once, the rest queued per user and a free seat given to the
 * users' queues in turn, as kube-apiserver's priority and fairness queues client requests by flow: one client
 * flooding writes waits behind its own requests while another client's write waits for one turn at most. The
 * simulated kubelets, scheduler and controllers write in-process, like kube's system priority levels with seats
 * of their own, so a flood of client writes cannot starve them. A request that waits longer than kube's queue
 * wait gets kube's 429.
 */
@Component
class MutatingSeats {

    /** How long kube's priority and fairness lets a request wait in its queue. */
    private static final Duration QUEUE_WAIT = Duration.ofSeconds(15);

    private final ReentrantLock lock = new ReentrantLock();
    private final Duration queueWait;
    private int free;
    /** Each waiting user's requests in arrival order. */
    private final Map<String, ArrayDeque<Waiter>> queues = new HashMap<>();
    /** The users with waiting requests, in the order their queues get the next free seat. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();

    @Autowired
    MutatingSeats(KubelingProperties properties) {
        this(properties.api().mutatingSeats(), QUEUE_WAIT);
    }

    MutatingSeats(int seats, Duration queueWait) {
        this.free = Math.max(1, seats);
        this.queueWait = queueWait;
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
        lock.lock();
        try {
            if (free > 0 && turns.isEmpty()) {
                free--;
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

    /** The seat goes to the head of the next user's queue, that user going to the back of the turns. */
    private void release() {
        lock.lock();
        try {
            String next = turns.pollFirst();
            if (next == null) {
                free++;
                return;
            }
            ArrayDeque<Waiter> queue = queues.get(next);
            Waiter waiter = queue.pollFirst();
            if (queue.isEmpty()) {
                queues.remove(next);
            } else {
                turns.addLast(next);
            }
            waiter.seated = true;
            waiter.seat.signal();
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

package io.kubeling.api;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.StatusDetails;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.Errors;

/**
 * A bounded number of client writes in progress at once, the rest queued in arrival order, as
 * kube-apiserver's priority and fairness queues client requests. The simulated kubelets,
 * scheduler and controllers write in-process, like kube's system priority levels with seats of
 * their own, so a flood of client writes cannot starve them. A request that waits longer than
 * kube's queue wait gets kube's 429.
 */
@Component
class MutatingSeats {

    /** How long kube's priority and fairness lets a request wait in its queue. */
    private static final Duration QUEUE_WAIT = Duration.ofSeconds(15);

    private final Semaphore seats;
    private final Duration queueWait;

    @Autowired
    MutatingSeats(KubelingProperties properties) {
        this(properties.api().mutatingSeats(), QUEUE_WAIT);
    }

    MutatingSeats(int seats, Duration queueWait) {
        this.seats = new Semaphore(Math.max(1, seats), true);
        this.queueWait = queueWait;
    }

    static boolean mutating(String method) {
        return !"GET".equals(method) && !"HEAD".equals(method) && !"OPTIONS".equals(method);
    }

    <T> T hold(Supplier<T> request) {
        try {
            if (!seats.tryAcquire(queueWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw tooManyRequests();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw tooManyRequests();
        }
        try {
            return request.get();
        } finally {
            seats.release();
        }
    }

    private static RuntimeException tooManyRequests() {
        StatusDetails details = new StatusDetails();
        details.setRetryAfterSeconds(1);
        return Errors.error(429, "TooManyRequests", "Too many requests, please try again later.", details);
    }
}

package io.kubeling.controllers.kubelet;

import java.time.Duration;

/** Delayed tasks, all run on one thread; tests drive a manual implementation on a fake clock. */
public interface Timers {

    /** Runs {@code task} after {@code delay} of real time. */
    Timer schedule(Duration delay, Runnable task);

    /** A scheduled task that may be called off. */
    @FunctionalInterface
    interface Timer {
        void cancel();
    }
}

package io.kubeling.controllers;

import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * How long the oldest due task of a scheduled executor has waited: its queue holds its tasks by the time they fall
 * due, a task handed over to run now falling due at once, so the head's delay, once negative, is how far the
 * executor's threads lag behind.
 */
public final class ExecutorLag {

    private ExecutorLag() {
    }

    /** The lag in nanoseconds, 0 when nothing due waits. */
    public static long nanos(ScheduledThreadPoolExecutor executor) {
        if (executor == null) {
            return 0;
        }
        Runnable head = executor.getQueue().peek();
        return head instanceof Delayed due ? Math.max(0, -due.getDelay(TimeUnit.NANOSECONDS)) : 0;
    }
}

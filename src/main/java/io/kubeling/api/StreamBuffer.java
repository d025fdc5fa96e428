package io.kubeling.api;

import java.util.ArrayDeque;

/**
 * A watch stream's bounded queue of items to write: filled by the dispatcher (and the timers), emptied by one writer
 * at a time, a few items at once. A monitor guards it: the server runs on the C1 compiler, where a monitor's fast
 * path is compiled in place and a queue's lock is a chain of calls, paid for every event of every watch.
 */
final class StreamBuffer {

    private final Object[] ring;
    private int head;
    private int size;

    StreamBuffer(int capacity) {
        this.ring = new Object[Math.max(1, capacity)];
    }

    /** Adds {@code item} unless the buffer is full. */
    synchronized boolean offer(Object item) {
        if (size == ring.length) {
            return false;
        }
        int at = head + size;
        ring[at < ring.length ? at : at - ring.length] = item;
        size++;
        return true;
    }

    /** Moves up to {@code max} of the oldest items to the end of {@code to}. */
    synchronized void drainTo(ArrayDeque<Object> to, int max) {
        for (int n = Math.min(max, size); n > 0; n--) {
            to.add(ring[head]);
            ring[head] = null;
            head = head + 1 < ring.length ? head + 1 : 0;
            size--;
        }
    }
}

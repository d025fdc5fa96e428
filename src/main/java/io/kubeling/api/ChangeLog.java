package io.kubeling.api;

import java.util.concurrent.atomic.AtomicReferenceArray;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.kubeling.registry.ChangeListener;
import io.kubeling.registry.StoredChange;

/**
 * The live changes of one store's watches in one namespace (or in all): the store hands each change over once, it is
 * put in a ring once, and every stream reads it by its position, rather than each of a thousand streams queueing it
 * for itself. Handing a change over tells each stream how far behind it is, which ends one that is more than its
 * buffer behind, and clears the positions that no stream reads again, so the ring holds no more than the streams need.
 * A monitor guards the stream list and the clearing: it is taken once a change, and by the rare join or leave.
 * A slot is written with release and read with acquire semantics, after the head that its position moved past: a
 * reader that sees a change put in a slot over an older one therefore sees the head that tells it the older is gone.
 */
final class ChangeLog implements ChangeListener {

    private static final Logger log = LoggerFactory.getLogger(ChangeLog.class);
    private static final WatchStream<?>[] NONE = new WatchStream<?>[0];

    private final AtomicReferenceArray<StoredChange> ring;
    private final int length;
    private final int mask;
    /** The position the next change takes. */
    private volatile long head;
    /** The positions before this one are cleared; guarded by the monitor. */
    private long cleared;
    private WatchStream<?>[] streams = NONE;

    /** A ring for streams ended when they fall more than {@code behind} positions back. */
    ChangeLog(int behind) {
        int size = Integer.highestOneBit(Math.max(2, behind) * 2 + 64);
        this.ring = new AtomicReferenceArray<>(size);
        this.length = size;
        this.mask = size - 1;
    }

    /** The position of the next change. */
    long head() {
        return head;
    }

    /**
     * The change at {@code position}, or null when it is cleared or overwritten (its reader fell too far back): read
     * before {@code head}, a slot whose next position has not yet been taken still holds its change.
     */
    StoredChange at(long position) {
        StoredChange change = ring.getAcquire((int) position & mask);
        return change != null && head - position < length ? change : null;
    }

    /** Adds {@code stream}, which reads from the next change on. */
    synchronized void join(WatchStream<?> stream) {
        stream.follow(this, head);
        WatchStream<?>[] now = java.util.Arrays.copyOf(streams, streams.length + 1);
        now[streams.length] = stream;
        streams = now;
    }

    /** Removes {@code stream}; answers whether none is left. */
    synchronized boolean leave(WatchStream<?> stream) {
        int at = -1;
        for (int i = 0; i < streams.length && at < 0; i++) {
            if (streams[i] == stream) {
                at = i;
            }
        }
        if (at >= 0) {
            WatchStream<?>[] now = new WatchStream<?>[streams.length - 1];
            System.arraycopy(streams, 0, now, 0, at);
            System.arraycopy(streams, at + 1, now, at, now.length - at);
            streams = now;
        }
        return streams.length == 0;
    }

    @Override
    public synchronized void onChange(StoredChange change) {
        long at = head;
        ring.setRelease((int) at & mask, change);
        head = at + 1;
        long oldest = at + 1;
        for (WatchStream<?> stream : streams) {
            try {
                oldest = Math.min(oldest, stream.changed(at + 1));
            } catch (RuntimeException e) {
                // one stream's failure (its writers stopping with the server) keeps no other from hearing of the change
                log.warn("watch stream failed on revision {}", change.revision(), e);
            }
        }
        for (long p = Math.max(cleared, at + 1 - length); p < oldest; p++) {
            ring.setRelease((int) p & mask, null);
        }
        cleared = Math.max(cleared, oldest);
    }
}

package io.kubeling.api;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The messages a streaming session sends, one at a time as the client takes them, from whatever
 * thread produced them and without ever blocking it. What a client has not yet taken is bounded:
 * past {@code limit} bytes {@link #offer} refuses, and the session ends rather than holding a
 * growing backlog for a client that does not read.
 */
final class OutboundFrames {

    private final Session session;
    private final long limit;
    private final Deque<Object> queue = new ArrayDeque<>();
    private long pending;
    private boolean sending;
    private boolean closed;

    /** A close frame, sent once what was queued before it has gone. */
    private record Close(int code, String reason) {
    }

    OutboundFrames(Session session, long limit) {
        this.session = session;
        this.limit = limit;
    }

    /** Queues a binary message; false when the client is too far behind to queue more (or the session ended). */
    boolean offer(ByteBuffer frame) {
        return enqueue(frame, frame.remaining(), false);
    }

    /** Queues a text message, as {@link #offer(ByteBuffer)}. */
    boolean offer(String text) {
        return enqueue(text, text.length(), false);
    }

    /** Queues a message past the limit: the last words of a session (its status). */
    void force(ByteBuffer frame) {
        enqueue(frame, frame.remaining(), true);
    }

    void force(String text) {
        enqueue(text, text.length(), true);
    }

    /** Closes the session once everything queued has been sent. */
    void closeAfterSent(int code, String reason) {
        enqueue(new Close(code, reason), 0, true);
    }

    /** Drops what is queued: the client has gone. */
    synchronized void abandon() {
        closed = true;
        queue.clear();
        pending = 0;
    }

    synchronized long pending() {
        return pending;
    }

    private boolean enqueue(Object message, long size, boolean force) {
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (!force && pending + size > limit) {
                return false;
            }
            if (message instanceof Close) {
                closed = true;
            }
            queue.add(message);
            pending += size;
            if (sending) {
                return true;
            }
            sending = true;
        }
        sendNext();
        return true;
    }

    /**
     * Sends what is queued, one message at a time; a send that completes at once loops here instead
     * of recursing through its callback, so a long backlog does not grow the stack.
     */
    private void sendNext() {
        while (true) {
            Object next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    sending = false;
                    return;
                }
            }
            if (next instanceof Close close) {
                session.close(close.code(), close.reason(), Callback.NOOP);
                synchronized (this) {
                    sending = false;
                    queue.clear();
                }
                return;
            }
            long size = sizeOf(next);
            AtomicInteger state = new AtomicInteger();
            Callback done = Callback.from(() -> {
                synchronized (this) {
                    pending -= size;
                }
                if (!state.compareAndSet(0, 1)) {
                    sendNext();
                }
            }, failure -> {
                abandon();
                session.disconnect();
            });
            if (next instanceof ByteBuffer frame) {
                session.sendBinary(frame, done);
            } else {
                session.sendText((String) next, done);
            }
            if (state.compareAndSet(0, 2)) {
                return;
            }
        }
    }

    private static long sizeOf(Object message) {
        if (message instanceof ByteBuffer frame) {
            return frame.limit();
        }
        if (message instanceof String text) {
            return text.length();
        }
        return 0;
    }
}

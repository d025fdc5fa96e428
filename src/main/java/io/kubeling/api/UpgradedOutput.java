package io.kubeling.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;

/**
 * The bytes an upgraded connection sends, written with the container's non-blocking output as the
 * client takes them, from whatever thread produced them and without blocking it; bounded as
 * {@link OutboundFrames} is.
 */
final class UpgradedOutput implements FrameSink, WriteListener {

    private final WebConnection connection;
    private final long limit;
    private final Deque<ByteBuffer> queue = new ArrayDeque<>();
    private long pending;
    private boolean unflushed;
    private boolean closing;
    private boolean closed;

    UpgradedOutput(WebConnection connection, long limit) {
        this.connection = connection;
        this.limit = limit;
    }

    @Override
    public boolean offer(ByteBuffer bytes) {
        return enqueue(bytes, false);
    }

    @Override
    public void force(ByteBuffer bytes) {
        enqueue(bytes, true);
    }

    private boolean enqueue(ByteBuffer bytes, boolean force) {
        synchronized (this) {
            if (closed || closing) {
                return false;
            }
            if (!force && pending + bytes.remaining() > limit) {
                return false;
            }
            queue.add(bytes);
            pending += bytes.remaining();
        }
        pump();
        return true;
    }

    @Override
    public void closeAfterSent() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closing = true;
        }
        pump();
    }

    @Override
    public void abandon() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
            pending = 0;
        }
        close();
    }

    @Override
    public void onWritePossible() {
        pump();
    }

    @Override
    public void onError(Throwable cause) {
        abandon();
    }

    /** Writes while the connection takes bytes; the container calls again once it can take more. */
    private void pump() {
        boolean end = false;
        try {
            synchronized (this) {
                if (closed) {
                    return;
                }
                ServletOutputStream out = connection.getOutputStream();
                while (out.isReady()) {
                    ByteBuffer next = queue.poll();
                    if (next != null) {
                        pending -= next.remaining();
                        byte[] bytes = new byte[next.remaining()];
                        next.get(bytes);
                        out.write(bytes);
                        unflushed = true;
                    } else if (unflushed) {
                        unflushed = false;
                        out.flush();
                    } else {
                        if (closing) {
                            closed = true;
                            end = true;
                        }
                        break;
                    }
                }
            }
        } catch (IOException | IllegalStateException e) {
            synchronized (this) {
                closed = true;
                queue.clear();
            }
            end = true;
        }
        if (end) {
            close();
        }
    }

    private void close() {
        try {
            connection.close();
        } catch (Exception e) {
            // already closed
        }
    }
}

package io.kubeling.api.connector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Jetty's HTTP/1.1 connection with kube-apiserver's bounds on a client's time:
 * <ul>
 * <li>a request's headers must all arrive within the header timeout, counted from the connection's
 * opening for its first request and from a request's first byte for the next ones, as Go's
 * {@code ReadHeaderTimeout} counts, so that a client trickling its headers cannot hold a connection;
 * over it the connection is closed without an answer, as Go closes it;</li>
 * <li>each read and write waits at most the connector's idle timeout, and a kept-alive connection
 * waits for its next request for the keep-alive timeout instead: the connection's idle timeout stays the per-read
 * one and its expiries are let pass while the wait for the next request is shorter than the keep-alive timeout,
 * as lowering it for each request would cancel and schedule Jetty's idle timer again every time.</li>
 * </ul>
 * A request answered asynchronously with nothing to send yet (a quiet watch) is not timed out: Jetty
 * times out only the reads and writes in progress. A connection that will not be kept because its
 * answer left the request's body unread (a write refused by its declared length) ends as a
 * {@link ClosingConnection} does, not at once.
 */
final class BoundedHttpConnection extends HttpConnection {

    private final ClientConnections clients;
    private final long keepAliveMillis;
    private final long perReadMillis;
    private final long headerNanos;
    private final Object lock = new Object();
    private volatile boolean answering;
    /** Whether the connection waits for its next request, since {@link #waitingSince} ({@link System#nanoTime}). */
    private volatile boolean waiting;
    private volatile long waitingSince;
    private boolean readingHeaders;
    private long headersSince;
    private Scheduler.Task headerDeadline;

    BoundedHttpConnection(HttpConfiguration configuration, Connector connector, EndPoint endPoint,
            ClientConnections clients, long keepAliveMillis, long headerMillis) {
        super(configuration, connector, endPoint);
        this.clients = clients;
        this.keepAliveMillis = keepAliveMillis;
        this.perReadMillis = endPoint.getIdleTimeout();
        this.headerNanos = TimeUnit.MILLISECONDS.toNanos(headerMillis);
    }

    @Override
    protected RequestHandler newRequestHandler() {
        return new BoundedRequestHandler();
    }

    @Override
    protected HttpStreamOverHTTP1 newHttpStream(String method, String uri, HttpVersion version) {
        return new BoundedStream(method, uri, version);
    }

    @Override
    public void onOpen() {
        clients.opened(this);
        beginHeaders();
        super.onOpen();
    }

    @Override
    public void onClose(Throwable cause) {
        try {
            synchronized (lock) {
                readingHeaders = false;
                if (headerDeadline != null) {
                    headerDeadline.cancel();
                    headerDeadline = null;
                }
            }
            clients.closed(this);
        } finally {
            super.onClose(cause);
        }
    }

    /** An idle expiry while the connection waits for its next request closes it only once the keep-alive is over. */
    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        if (waiting) {
            long left = keepAliveMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - waitingSince);
            if (left > 0) {
                EndPoint endPoint = getEndPoint();
                if (left < endPoint.getIdleTimeout()) {
                    endPoint.setIdleTimeout(left);
                }
                return false;
            }
        }
        return super.onIdleExpired(timeout);
    }

    /**
     * Whether the client has closed or reset the connection, asked while its request is answered and
     * nothing reads the connection: reads one byte without waiting, and hands a byte the client did send
     * back to the connection, which parses it once the answer is complete.
     */
    boolean closedByPeer() {
        EndPoint endPoint = getEndPoint();
        if (!endPoint.isOpen() || endPoint.isInputShutdown()) {
            return true;
        }
        if (!answering || isFillInterested()) {
            return false;
        }
        ByteBuffer one = BufferUtil.allocate(1);
        try {
            int n = endPoint.fill(one);
            if (n > 0) {
                onUpgradeTo(one);
            }
            return n < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private void beginHeaders() {
        synchronized (lock) {
            if (readingHeaders) {
                return;
            }
            readingHeaders = true;
            headersSince = System.nanoTime();
            if (headerDeadline == null) {
                headerDeadline = getConnector().getScheduler().schedule(this::checkHeaders, headerNanos,
                        TimeUnit.NANOSECONDS);
            }
        }
    }

    private void endHeaders() {
        synchronized (lock) {
            readingHeaders = false;
        }
    }

    /** One timer a connection at most: it looks again at the request whose headers are being read then. */
    private void checkHeaders() {
        synchronized (lock) {
            headerDeadline = null;
            if (!readingHeaders) {
                return;
            }
            long left = headerNanos - (System.nanoTime() - headersSince);
            if (left > 0) {
                headerDeadline = getConnector().getScheduler().schedule(this::checkHeaders, left, TimeUnit.NANOSECONDS);
                return;
            }
        }
        getEndPoint().close(new TimeoutException("request headers not received within "
                + TimeUnit.NANOSECONDS.toMillis(headerNanos) + " ms"));
    }

    private final class BoundedRequestHandler extends RequestHandler {

        @Override
        public void messageBegin() {
            super.messageBegin();
            // The parser begins each time it is handed bytes between requests, even none.
            if (!isRequestBufferEmpty()) {
                waiting = false;
                // raised again only where the keep-alive wait lowered it, which costs Jetty no new timer
                EndPoint endPoint = getEndPoint();
                if (endPoint.getIdleTimeout() != perReadMillis) {
                    endPoint.setIdleTimeout(perReadMillis);
                }
                beginHeaders();
            }
        }

        @Override
        public boolean headerComplete() {
            endHeaders();
            answering = true;
            return super.headerComplete();
        }
    }

    private final class BoundedStream extends HttpStreamOverHTTP1 {

        BoundedStream(String method, String uri, HttpVersion version) {
            super(method, uri, version);
        }

        @Override
        public void succeeded() {
            answering = false;
            Request request = getHttpChannel().getRequest();
            if (request != null && !getGenerator().isPersistent() && getParser().inContentState()) {
                // Jetty hands the connection over once the answer is complete, instead of closing it
                request.setAttribute(HttpStream.UPGRADE_CONNECTION_ATTRIBUTE,
                        new ClosingConnection(getEndPoint(), getConnector().getScheduler()));
            }
            // set before the next request, which the connection may parse at once, ends the wait
            waitingSince = System.nanoTime();
            waiting = true;
            if (keepAliveMillis < perReadMillis) {
                getEndPoint().setIdleTimeout(keepAliveMillis);
            }
            super.succeeded();
        }

        @Override
        public void failed(Throwable x) {
            if ((x == HttpStream.CONTENT_NOT_CONSUMED || x.getCause() == HttpStream.CONTENT_NOT_CONSUMED)
                    && getGenerator().isEnd()) {
                // the answer is all sent: only the body was left unread (Jetty's servlet layer wraps the mark)
                succeeded();
                return;
            }
            answering = false;
            super.failed(x);
        }
    }
}

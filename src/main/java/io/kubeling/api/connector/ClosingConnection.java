package io.kubeling.api.connector;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * What a connection becomes once it has answered a request whose body it left unread and will not
 * keep: it shuts its output (the client reads the answer, then the end of the stream), reads nothing,
 * and closes a moment later, as Go's server does ({@code closeWriteAndWait}). Closed at once, with the
 * client's body still arriving, the socket answers it with a reset, and a client still sending loses
 * the answer already in its receive buffer (the JDK's client: "header parser received no bytes").
 * The wait holds a timer, not a thread.
 */
final class ClosingConnection extends AbstractConnection implements Connection.UpgradeTo {

    /** Go's rstAvoidanceDelay. */
    static final long LINGER_MILLIS = 500;

    private final Scheduler scheduler;

    ClosingConnection(EndPoint endPoint, Scheduler scheduler) {
        super(endPoint, Runnable::run);
        this.scheduler = scheduler;
    }

    @Override
    public void onOpen() {
        super.onOpen();
        EndPoint endPoint = getEndPoint();
        endPoint.shutdownOutput();
        scheduler.schedule(endPoint::close, LINGER_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onUpgradeTo(ByteBuffer buffer) {
        // the rest of a body nobody reads
    }

    @Override
    public void onFillable() {
        // never asked for: nothing is read
    }
}

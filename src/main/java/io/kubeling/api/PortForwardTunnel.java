package io.kubeling.api;

import java.nio.ByteBuffer;
import java.time.Duration;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import io.kubeling.registry.StreamTarget;

/**
 * Port forwarding as kubectl 1.31 and later speak it: SPDY/3.1 tunnelled in the binary messages of a
 * WebSocket ({@code SPDY/3.1+portforward.k8s.io}), with the kubelet's port-forward protocol
 * ({@link SpdyPortForward}) on top.
 * Public because Jetty calls a listener through method handles, which need a public class.
 */
public final class PortForwardTunnel implements Session.Listener.AutoDemanding {

    static final String PROTOCOL = "SPDY/3.1+portforward.k8s.io";

    private final StreamTarget.Ports target;
    private final long outputLimit;
    private final Duration idleTimeout;
    private volatile SpdyPortForward session;

    PortForwardTunnel(StreamTarget.Ports target, long outputLimit, Duration idleTimeout) {
        this.target = target;
        this.outputLimit = outputLimit;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void onWebSocketOpen(Session webSocket) {
        webSocket.setIdleTimeout(idleTimeout);
        session = new SpdyPortForward(target, FrameSink.of(new OutboundFrames(webSocket, outputLimit)));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        try {
            session.received(payload);
            callback.succeed();
        } catch (RuntimeException e) {
            callback.fail(e);
            session.gone();
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        gone();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        gone();
    }

    private void gone() {
        SpdyPortForward s = session;
        if (s != null) {
            s.gone();
        }
    }
}

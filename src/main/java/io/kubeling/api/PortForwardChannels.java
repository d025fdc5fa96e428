package io.kubeling.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

import io.kubeling.registry.StreamTarget;

/**
 * Port forwarding over the kubelet's own WebSocket protocol ({@code v4.channel.k8s.io},
 * {@code portforward.k8s.io}), as fabric8's and the Java client's port forwarders speak it: the
 * ports of the query each get a data channel (2n) and an error channel (2n+1), each of which first
 * carries its port as two bytes, little endian; one connection per port is opened at once, and the
 * session ends when they all have. Public because Jetty calls a listener through method handles,
 * which need a public class.
 */
public final class PortForwardChannels implements Session.Listener.AutoDemanding {

    static final List<String> PROTOCOLS = List.of("v4.channel.k8s.io", "portforward.k8s.io");

    private final StreamTarget.Ports target;
    private final long outputLimit;
    private final Duration idleTimeout;
    private final List<StreamTarget.PortConnection> connections = new ArrayList<>();
    private volatile OutboundFrames out;
    private int open;
    private boolean ended;

    PortForwardChannels(StreamTarget.Ports target, long outputLimit, Duration idleTimeout) {
        this.target = target;
        this.outputLimit = outputLimit;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        session.setIdleTimeout(idleTimeout);
        out = new OutboundFrames(session, outputLimit);
        List<Integer> ports = target.requested();
        synchronized (this) {
            open = ports.size();
            for (int i = 0; i < ports.size(); i++) {
                int port = ports.get(i);
                byte[] prefix = {(byte) (port & 0xff), (byte) ((port >> 8) & 0xff)};
                out.offer(ChannelProtocol.V4.frame(2 * i, prefix));
                out.offer(ChannelProtocol.V4.frame(2 * i + 1, prefix));
            }
        }
        for (int i = 0; i < ports.size(); i++) {
            int data = 2 * i;
            StreamTarget.PortConnection connection = target.connect(ports.get(i), bytes -> toClient(data, bytes),
                    message -> {
                        out.force(ChannelProtocol.V4.frame(data + 1, message.getBytes(StandardCharsets.UTF_8)));
                        closed();
                    }, this::closed);
            synchronized (this) {
                connections.add(connection);
            }
        }
        if (ports.isEmpty()) {
            out.closeAfterSent(StatusCode.NORMAL, null);
        }
    }

    private void toClient(int channel, byte[] bytes) {
        if (!out.offer(ChannelProtocol.V4.frame(channel, bytes))) {
            gone();
        }
    }

    /** One port's connection ended; the session ends with the last. */
    private void closed() {
        synchronized (this) {
            if (ended || --open > 0) {
                return;
            }
            ended = true;
        }
        out.closeAfterSent(StatusCode.NORMAL, null);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        ChannelProtocol.Message message = ChannelProtocol.readBinary(payload);
        callback.succeed();
        if (message == null || message.channel() % 2 != 0) {
            return;
        }
        StreamTarget.PortConnection connection;
        synchronized (this) {
            int index = message.channel() / 2;
            connection = index < connections.size() ? connections.get(index) : null;
        }
        if (connection != null && message.bytes().length > 0) {
            connection.send(message.bytes());
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
        List<StreamTarget.PortConnection> all;
        synchronized (this) {
            ended = true;
            all = List.copyOf(connections);
            connections.clear();
        }
        all.forEach(StreamTarget.PortConnection::close);
        OutboundFrames o = out;
        if (o != null) {
            o.abandon();
        }
    }
}

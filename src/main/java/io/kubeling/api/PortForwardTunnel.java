package io.kubeling.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

import io.kubeling.registry.StreamTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * Port forwarding as kubectl 1.31 and later speak it: SPDY/3.1 tunnelled in the binary messages of a
 * WebSocket ({@code SPDY/3.1+portforward.k8s.io}), with the kubelet's port-forward protocol on top.
 * For each forwarded connection the client opens an error stream and a data stream sharing a
 * {@code requestid} and naming the {@code port}; the data stream carries the connection's bytes
 * both ways, and the error stream the kubelet's message if the port cannot be reached. Netty's
 * SPDY codec reads and writes the frames (its zlib header blocks included), run in an embedded
 * channel under this object's lock, so no thread is held between messages.
 * Public because Jetty calls a listener through method handles, which need a public class.
 */
public final class PortForwardTunnel implements Session.Listener.AutoDemanding {

    static final String PROTOCOL = "SPDY/3.1+portforward.k8s.io";

    private final StreamTarget.Ports target;
    private final long outputLimit;
    private final Duration idleTimeout;
    private final EmbeddedChannel codec = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
    private final Map<String, Pair> pairs = new HashMap<>();
    private final Map<Integer, Pair> byStream = new HashMap<>();
    private volatile OutboundFrames out;
    private boolean closed;

    /** The two streams of one forwarded connection. */
    private static final class Pair {
        int port;
        int errorStream;
        int dataStream;
        StreamTarget.PortConnection connection;
        boolean clientDone;
        boolean podDone;
    }

    PortForwardTunnel(StreamTarget.Ports target, long outputLimit, Duration idleTimeout) {
        this.target = target;
        this.outputLimit = outputLimit;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        session.setIdleTimeout(idleTimeout);
        out = new OutboundFrames(session, outputLimit);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        try {
            synchronized (this) {
                if (!closed) {
                    codec.writeInbound(Unpooled.copiedBuffer(payload));
                    Object frame;
                    while ((frame = codec.readInbound()) != null) {
                        try {
                            handle(frame);
                        } finally {
                            ReferenceCountUtil.release(frame);
                        }
                    }
                }
            }
            callback.succeed();
        } catch (RuntimeException e) {
            callback.fail(e);
            gone();
        }
    }

    private void handle(Object frame) {
        if (frame instanceof SpdySynStreamFrame syn) {
            opened(syn);
        } else if (frame instanceof SpdyDataFrame data) {
            Pair pair = byStream.get(data.streamId());
            if (pair == null || data.streamId() != pair.dataStream) {
                return;
            }
            if (data.content().isReadable() && pair.connection != null) {
                byte[] bytes = new byte[data.content().readableBytes()];
                data.content().readBytes(bytes);
                pair.connection.send(bytes);
            }
            if (data.isLast()) {
                pair.clientDone = true;
                if (pair.connection != null) {
                    pair.connection.close();
                }
                forgetIfDone(pair);
            }
        } else if (frame instanceof SpdyPingFrame ping) {
            write(new DefaultSpdyPingFrame(ping.id()));
        } else if (frame instanceof SpdyRstStreamFrame rst) {
            Pair pair = byStream.get(rst.streamId());
            if (pair != null) {
                if (pair.connection != null) {
                    pair.connection.close();
                }
                forget(pair);
            }
        } else if (frame instanceof SpdyGoAwayFrame) {
            closeAll();
        }
    }

    /** A stream the client opened: answered at once, and connected once both streams of its request exist. */
    private void opened(SpdySynStreamFrame syn) {
        int id = syn.streamId();
        String type = syn.headers().getAsString("streamtype");
        String portHeader = syn.headers().getAsString("port");
        String request = syn.headers().getAsString("requestid");
        // Netty writes no header block at all for a reply without headers, which Go's framer cannot read
        DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(id);
        reply.headers().set("streamtype", type == null ? "" : type);
        write(reply);
        int port;
        try {
            port = Integer.parseInt(portHeader == null ? "" : portHeader.trim());
        } catch (NumberFormatException e) {
            write(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.PROTOCOL_ERROR));
            return;
        }
        Pair pair = pairs.computeIfAbsent(request == null ? String.valueOf(id) : request, k -> new Pair());
        pair.port = port;
        if ("error".equals(type)) {
            pair.errorStream = id;
        } else if ("data".equals(type)) {
            pair.dataStream = id;
        } else {
            write(new DefaultSpdyRstStreamFrame(id, SpdyStreamStatus.PROTOCOL_ERROR));
            return;
        }
        byStream.put(id, pair);
        if (pair.errorStream != 0 && pair.dataStream != 0 && pair.connection == null) {
            connect(pair);
        }
    }

    private void connect(Pair pair) {
        pair.connection = target.connect(pair.port, bytes -> toClient(pair, bytes), message -> failed(pair, message),
                () -> podClosed(pair));
    }

    private void toClient(Pair pair, byte[] bytes) {
        synchronized (this) {
            if (closed || !byStream.containsKey(pair.dataStream)) {
                return;
            }
            if (!write(new DefaultSpdyDataFrame(pair.dataStream, Unpooled.wrappedBuffer(bytes)))) {
                // the client is this far behind: the connection is reset rather than buffered without end
                if (pair.connection != null) {
                    pair.connection.close();
                }
                forceWrite(new DefaultSpdyRstStreamFrame(pair.dataStream, SpdyStreamStatus.CANCEL));
                forget(pair);
            }
        }
    }

    /** The kubelet's error for a port it cannot reach, on the error stream, which then ends with the data stream. */
    private void failed(Pair pair, String message) {
        synchronized (this) {
            if (closed) {
                return;
            }
            ByteBuf text = Unpooled.copiedBuffer(message, StandardCharsets.UTF_8);
            forceWrite(new DefaultSpdyDataFrame(pair.errorStream, text).setLast(true));
            forceWrite(new DefaultSpdyDataFrame(pair.dataStream).setLast(true));
            forget(pair);
        }
    }

    private void podClosed(Pair pair) {
        synchronized (this) {
            if (closed || !byStream.containsKey(pair.dataStream)) {
                return;
            }
            pair.podDone = true;
            forceWrite(new DefaultSpdyDataFrame(pair.dataStream).setLast(true));
            forceWrite(new DefaultSpdyDataFrame(pair.errorStream).setLast(true));
            forgetIfDone(pair);
        }
    }

    private void forgetIfDone(Pair pair) {
        if (pair.clientDone && pair.podDone) {
            forget(pair);
        }
    }

    private void forget(Pair pair) {
        byStream.remove(pair.dataStream);
        byStream.remove(pair.errorStream);
        pairs.values().remove(pair);
    }

    /** Encodes a frame and queues it as one message; false when the client is too far behind. */
    private boolean write(Object frame) {
        ByteBuffer bytes = encode(frame);
        return bytes == null || out.offer(bytes);
    }

    private void forceWrite(Object frame) {
        ByteBuffer bytes = encode(frame);
        if (bytes != null) {
            out.force(bytes);
        }
    }

    private ByteBuffer encode(Object frame) {
        codec.writeOutbound(frame);
        ByteBuf encoded = Unpooled.buffer();
        Object next;
        while ((next = codec.readOutbound()) != null) {
            ByteBuf buf = (ByteBuf) next;
            encoded.writeBytes(buf);
            buf.release();
        }
        if (!encoded.isReadable()) {
            encoded.release();
            return null;
        }
        byte[] bytes = new byte[encoded.readableBytes()];
        encoded.readBytes(bytes);
        encoded.release();
        return ByteBuffer.wrap(bytes);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        gone();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        gone();
    }

    private synchronized void closeAll() {
        for (Pair pair : pairs.values()) {
            if (pair.connection != null) {
                pair.connection.close();
            }
        }
        pairs.clear();
        byStream.clear();
    }

    /** The client went away: every forwarded connection is closed and the codec's buffers freed. */
    private void gone() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closeAll();
            closed = true;
            codec.finishAndReleaseAll();
        }
        OutboundFrames o = out;
        if (o != null) {
            o.abandon();
            o.closeAfterSent(StatusCode.NORMAL, null);
        }
    }
}

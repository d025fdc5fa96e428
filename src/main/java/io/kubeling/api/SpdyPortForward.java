package io.kubeling.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.kubeling.registry.StreamTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;

/**
 * The kubelet's port-forward protocol ({@code portforward.k8s.io}) in SPDY frames: for each
 * forwarded connection the client opens an error stream and a data stream sharing a
 * {@code requestID} and naming the {@code port}; the data stream carries the connection's bytes
 * both ways, and the error stream the kubelet's message if the port cannot be reached. Runs under
 * this object's lock, so no thread is held between frames.
 */
final class SpdyPortForward implements SpdySession {

    private final StreamTarget.Ports target;
    private final FrameSink out;
    private final SpdyFrames codec = new SpdyFrames();
    private final Map<String, Pair> pairs = new HashMap<>();
    private final Map<Integer, Pair> byStream = new HashMap<>();
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

    SpdyPortForward(StreamTarget.Ports target, FrameSink out) {
        this.target = target;
        this.out = out;
    }

    @Override
    public synchronized void received(ByteBuffer bytes) {
        if (!closed) {
            codec.decode(bytes, this::handle);
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
        write(SpdyReplies.reply(id, type));
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
            pair.connection = target.connect(pair.port, bytes -> toClient(pair, bytes),
                    message -> failed(pair, message), () -> podClosed(pair));
        }
    }

    private synchronized void toClient(Pair pair, byte[] bytes) {
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

    /** The kubelet's error for a port it cannot reach, on the error stream, which then ends with the data stream. */
    private synchronized void failed(Pair pair, String message) {
        if (closed) {
            return;
        }
        ByteBuf text = Unpooled.copiedBuffer(message, StandardCharsets.UTF_8);
        forceWrite(new DefaultSpdyDataFrame(pair.errorStream, text).setLast(true));
        forceWrite(new DefaultSpdyDataFrame(pair.dataStream).setLast(true));
        forget(pair);
    }

    private synchronized void podClosed(Pair pair) {
        if (closed || !byStream.containsKey(pair.dataStream)) {
            return;
        }
        pair.podDone = true;
        forceWrite(new DefaultSpdyDataFrame(pair.dataStream).setLast(true));
        forceWrite(new DefaultSpdyDataFrame(pair.errorStream).setLast(true));
        forgetIfDone(pair);
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

    /** Encodes a frame and queues it; false when the client is too far behind. */
    private boolean write(Object frame) {
        return codec.offer(frame, out);
    }

    private void forceWrite(Object frame) {
        codec.force(frame, out);
    }

    private void closeAll() {
        for (Pair pair : pairs.values()) {
            if (pair.connection != null) {
                pair.connection.close();
            }
        }
        pairs.clear();
        byStream.clear();
    }

    /** The client went away: every forwarded connection is closed and the codec's buffers freed. */
    @Override
    public void gone() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closeAll();
            closed = true;
            codec.release();
        }
        out.abandon();
        out.closeAfterSent();
    }
}

package io.kubeling.api;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * One side of a SPDY/3.1 connection's framing: Netty's codec (its zlib header blocks included) in an
 * embedded channel, fed bytes as they arrive, however they are cut, and asked to encode frames. Not
 * thread-safe: its session calls it under its own lock.
 */
final class SpdyFrames {

    private final EmbeddedChannel codec = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));

    /** Hands each frame completed by these bytes to {@code handler}, then releases it. */
    void decode(ByteBuffer bytes, Consumer<Object> handler) {
        codec.writeInbound(Unpooled.copiedBuffer(bytes));
        Object frame;
        while ((frame = codec.readInbound()) != null) {
            try {
                handler.accept(frame);
            } finally {
                ReferenceCountUtil.release(frame);
            }
        }
    }

    /** The bytes of a frame, or null when it encodes to nothing. */
    ByteBuffer encode(Object frame) {
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

    /** Encodes a frame and queues it; false when the client is too far behind (a frame of no bytes is sent). */
    boolean offer(Object frame, FrameSink out) {
        ByteBuffer bytes = encode(frame);
        return bytes == null || out.offer(bytes);
    }

    /** Encodes a frame and queues it past the sink's limit: a session's last words. */
    void force(Object frame, FrameSink out) {
        ByteBuffer bytes = encode(frame);
        if (bytes != null) {
            out.force(bytes);
        }
    }

    void release() {
        codec.finishAndReleaseAll();
    }
}

package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jetty.websocket.api.Callback;
import org.junit.jupiter.api.Test;

import io.kubeling.registry.StreamTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;

/** The kubelet's port-forward protocol in SPDY frames, as a Go SPDY client would send them, through the tunnel. */
class PortForwardTunnelTest {

    /** The client side: SPDY frames encoded and decoded by a codec of its own. */
    private final EmbeddedChannel client = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
    private final FakeSession fake = new FakeSession();
    private int seen;

    /** Ports: 80 echoes in upper case and closes on "bye"; nothing else listens. */
    private final StreamTarget.Ports ports = new StreamTarget.Ports() {
        @Override
        public List<Integer> requested() {
            return List.of(80);
        }

        @Override
        public StreamTarget.PortConnection connect(int port, Consumer<byte[]> toClient, Consumer<String> onError,
                Runnable onClose) {
            if (port != 80) {
                onError.accept("connection refused on " + port);
                return new StreamTarget.PortConnection() {
                    @Override
                    public void send(byte[] bytes) {
                    }

                    @Override
                    public void close() {
                    }
                };
            }
            return new StreamTarget.PortConnection() {
                @Override
                public void send(byte[] bytes) {
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    toClient.accept(text.toUpperCase().getBytes(StandardCharsets.UTF_8));
                    if (text.equals("bye")) {
                        onClose.run();
                    }
                }

                @Override
                public void close() {
                    closedByClient++;
                }
            };
        }
    };
    private int closedByClient;

    private void send(PortForwardTunnel tunnel, Object frame) {
        client.writeOutbound(frame);
        ByteBuf out;
        while ((out = client.readOutbound()) != null) {
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            out.release();
            tunnel.onWebSocketBinary(ByteBuffer.wrap(bytes), Callback.NOOP);
        }
    }

    /** The frames the tunnel sent since the last call, decoded by the client's codec. */
    private List<Object> received() {
        List<Object> sent = fake.sent();
        for (Object message : sent.subList(seen, sent.size())) {
            client.writeInbound(Unpooled.wrappedBuffer((byte[]) message));
        }
        seen = sent.size();
        List<Object> frames = new ArrayList<>();
        Object frame;
        while ((frame = client.readInbound()) != null) {
            frames.add(frame);
        }
        return frames;
    }

    private static DefaultSpdySynStreamFrame stream(int id, String type, int port) {
        DefaultSpdySynStreamFrame syn = new DefaultSpdySynStreamFrame(id, 0, (byte) 0);
        syn.headers().set("streamtype", type).set("port", String.valueOf(port)).set("requestid", "0");
        return syn;
    }

    private static String text(Object frame) {
        ByteBuf content = ((SpdyDataFrame) frame).content();
        String text = content.toString(StandardCharsets.UTF_8);
        ReferenceCountUtil.release(frame);
        return text;
    }

    @Test
    void dataFlowsBothWaysOnTheDataStreamAndPingsAreAnswered() {
        PortForwardTunnel tunnel = new PortForwardTunnel(ports, 1 << 20, Duration.ofHours(1));
        tunnel.onWebSocketOpen(fake.session());
        send(tunnel, stream(1, "error", 80));
        send(tunnel, stream(3, "data", 80));
        List<Object> replies = received();
        assertThat(replies).hasSize(2).allMatch(f -> f instanceof SpdySynReplyFrame);
        assertThat(((SpdySynReplyFrame) replies.get(1)).streamId()).isEqualTo(3);

        send(tunnel, new DefaultSpdyDataFrame(3, Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8)));
        List<Object> data = received();
        assertThat(data).hasSize(1);
        assertThat(((SpdyDataFrame) data.get(0)).streamId()).isEqualTo(3);
        assertThat(text(data.get(0))).isEqualTo("HELLO");

        send(tunnel, new DefaultSpdyPingFrame(7));
        List<Object> pong = received();
        assertThat(pong).hasSize(1);
        assertThat(((SpdyPingFrame) pong.get(0)).id()).isEqualTo(7);

        send(tunnel, new DefaultSpdyDataFrame(3, Unpooled.copiedBuffer("bye", StandardCharsets.UTF_8)));
        List<Object> end = received();
        assertThat(text(end.get(0))).isEqualTo("BYE");
        assertThat(((SpdyDataFrame) end.get(1)).isLast()).isTrue();
        assertThat(((SpdyDataFrame) end.get(1)).streamId()).isEqualTo(3);
        ReferenceCountUtil.release(end.get(1));
    }

    @Test
    void aPortNothingListensOnGetsTheErrorOnItsErrorStream() {
        PortForwardTunnel tunnel = new PortForwardTunnel(ports, 1 << 20, Duration.ofHours(1));
        tunnel.onWebSocketOpen(fake.session());
        send(tunnel, stream(1, "error", 81));
        send(tunnel, stream(3, "data", 81));
        List<Object> frames = received();
        assertThat(frames).hasSize(4);
        SpdyDataFrame error = (SpdyDataFrame) frames.get(2);
        assertThat(error.streamId()).isEqualTo(1);
        assertThat(error.isLast()).isTrue();
        assertThat(text(error)).isEqualTo("connection refused on 81");
        assertThat(((SpdyDataFrame) frames.get(3)).isLast()).isTrue();
    }

    @Test
    void theClientLeavingClosesItsConnections() {
        PortForwardTunnel tunnel = new PortForwardTunnel(ports, 1 << 20, Duration.ofHours(1));
        tunnel.onWebSocketOpen(fake.session());
        send(tunnel, stream(1, "error", 80));
        send(tunnel, stream(3, "data", 80));
        tunnel.onWebSocketClose(1006, "gone");
        assertThat(closedByClient).isEqualTo(1);
    }
}

package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Status;
import io.kubeling.registry.ProcessExits;
import io.kubeling.registry.StreamTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import tools.jackson.databind.json.JsonMapper;

/** exec over SPDY as kubectl before 1.30 drives it: one stream per streamType, then the process. */
class SpdyRemoteCommandTest {

    private final EmbeddedChannel client = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
    private final List<ByteBuffer> sent = new ArrayList<>();
    private boolean closed;
    private final FrameSink sink = new FrameSink() {
        @Override
        public boolean offer(ByteBuffer bytes) {
            sent.add(bytes);
            return true;
        }

        @Override
        public void force(ByteBuffer bytes) {
            sent.add(bytes);
        }

        @Override
        public void closeAfterSent() {
            closed = true;
        }

        @Override
        public void abandon() {
            closed = true;
        }
    };

    /** A process that echoes stdin in upper case, records sizes, and exits 3 when its stdin ends. */
    private final class Echo implements StreamTarget.Process {
        final boolean tty;
        StreamTarget.ProcessOutput io;
        final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());

        Echo(boolean tty) {
            this.tty = tty;
        }

        @Override
        public boolean stdin() {
            return true;
        }

        @Override
        public boolean stdout() {
            return true;
        }

        @Override
        public boolean stderr() {
            return true;
        }

        @Override
        public boolean tty() {
            return tty;
        }

        @Override
        public StreamTarget.ProcessHandle start(StreamTarget.ProcessOutput output) {
            io = output;
            events.add("started");
            return new StreamTarget.ProcessHandle() {
                @Override
                public void stdin(byte[] bytes) {
                    io.stdout(new String(bytes, StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8));
                }

                @Override
                public void closeStdin() {
                    io.stderr("bye".getBytes(StandardCharsets.UTF_8));
                    io.exit(ProcessExits.exited(List.of("sh"), 3));
                }

                @Override
                public void resize(int width, int height) {
                    events.add(width + "x" + height);
                }

                @Override
                public void cancel() {
                    events.add("cancelled");
                }
            };
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private void send(SpdyRemoteCommand session, Object frame) {
        client.writeOutbound(frame);
        ByteBuf out;
        while ((out = client.readOutbound()) != null) {
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            out.release();
            session.received(ByteBuffer.wrap(bytes));
        }
    }

    private int seen;

    private List<Object> received() {
        for (ByteBuffer bytes : sent.subList(seen, sent.size())) {
            client.writeInbound(Unpooled.wrappedBuffer(bytes));
        }
        seen = sent.size();
        List<Object> frames = new ArrayList<>();
        Object frame;
        while ((frame = client.readInbound()) != null) {
            frames.add(frame);
        }
        return frames;
    }

    private static DefaultSpdySynStreamFrame stream(int id, String type) {
        DefaultSpdySynStreamFrame syn = new DefaultSpdySynStreamFrame(id, 0, (byte) 0);
        syn.headers().set("streamtype", type);
        return syn;
    }

    private static String text(Object frame) {
        String text = ((SpdyDataFrame) frame).content().toString(StandardCharsets.UTF_8);
        ReferenceCountUtil.release(frame);
        return text;
    }

    private SpdyRemoteCommand session(String protocol, Echo process) {
        return new SpdyRemoteCommand(protocol, process, status -> JSON.writeValueAsBytes(status), sink);
    }

    @Test
    void theProcessStartsOnceEveryStreamExistsAndEndsWithItsStatus() throws Exception {
        Echo process = new Echo(false);
        SpdyRemoteCommand session = session("v4.channel.k8s.io", process);
        send(session, stream(1, "error"));
        send(session, stream(3, "stdin"));
        send(session, stream(5, "stdout"));
        assertThat(process.events).isEmpty();
        send(session, stream(7, "stderr"));
        assertThat(process.events).containsExactly("started");
        assertThat(received()).hasSize(4).allMatch(f -> f instanceof SpdySynReplyFrame);

        send(session, new DefaultSpdyDataFrame(3, Unpooled.copiedBuffer("hi", StandardCharsets.UTF_8)));
        List<Object> echoed = received();
        assertThat(((SpdyDataFrame) echoed.get(0)).streamId()).isEqualTo(5);
        assertThat(text(echoed.get(0))).isEqualTo("HI");

        send(session, new DefaultSpdyDataFrame(3).setLast(true));
        List<Object> end = received();
        assertThat(((SpdyDataFrame) end.get(0)).streamId()).isEqualTo(7);
        assertThat(text(end.get(0))).isEqualTo("bye");
        SpdyDataFrame error = (SpdyDataFrame) end.get(1);
        assertThat(error.streamId()).isEqualTo(1);
        assertThat(error.isLast()).isTrue();
        Status status = JSON.readValue(text(error), Status.class);
        assertThat(status.getReason()).isEqualTo("NonZeroExitCode");
        assertThat(status.getDetails().getCauses().get(0).getMessage()).isEqualTo("3");
        assertThat(end.subList(2, 5)).allMatch(f -> f instanceof SpdyDataFrame d && d.isLast());
        assertThat(end.get(5)).isInstanceOf(SpdyGoAwayFrame.class);
        assertThat(closed).isTrue();
    }

    @Test
    void aTerminalHasAResizeStreamAndNoStderrAndOlderProtocolsGetTheMessageAlone() {
        Echo process = new Echo(true);
        SpdyRemoteCommand session = session("v3.channel.k8s.io", process);
        send(session, stream(1, "error"));
        send(session, stream(3, "stdin"));
        send(session, stream(5, "stdout"));
        send(session, stream(7, "resize"));
        // on a terminal the command waits for the client's first size, which kubectl sends at once
        assertThat(process.events).isEmpty();
        send(session, new DefaultSpdyDataFrame(7, Unpooled.copiedBuffer("{\"Width\":100,\"Hei",
                StandardCharsets.UTF_8)));
        send(session, new DefaultSpdyDataFrame(7, Unpooled.copiedBuffer("ght\":40}\n{\"Width\":90,\"Height\":30}\n",
                StandardCharsets.UTF_8)));
        assertThat(process.events).containsExactly("started", "100x40", "90x30");
        received();
        send(session, new DefaultSpdyDataFrame(3).setLast(true));
        List<Object> end = received();
        SpdyDataFrame error = (SpdyDataFrame) end.get(0);
        assertThat(error.streamId()).isEqualTo(1);
        assertThat(text(error)).isEqualTo("command terminated with non-zero exit code: error executing command [sh], "
                + "exit code 3");
    }

    @Test
    void aTerminalWhoseClientSendsNoSizeStartsAfterASecond() {
        Echo process = new Echo(true);
        SpdyRemoteCommand session = session("v4.channel.k8s.io", process);
        send(session, stream(1, "error"));
        send(session, stream(3, "stdin"));
        send(session, stream(5, "stdout"));
        send(session, stream(7, "resize"));
        assertThat(process.events).isEmpty();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(process.events).containsExactly(
                "started"));
    }

    @Test
    void theClientLeavingCancelsTheProcess() {
        Echo process = new Echo(false);
        SpdyRemoteCommand session = session("v4.channel.k8s.io", process);
        for (int i = 0; i < 4; i++) {
            send(session, stream(1 + 2 * i, List.of("error", "stdin", "stdout", "stderr").get(i)));
        }
        session.gone();
        assertThat(process.events).containsExactly("started", "cancelled");
        assertThat(closed).isTrue();
    }
}

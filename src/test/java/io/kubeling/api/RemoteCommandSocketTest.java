package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jetty.websocket.api.Callback;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Status;
import io.kubeling.registry.ProcessExits;
import io.kubeling.registry.StreamTarget;
import tools.jackson.databind.json.JsonMapper;

/** One exec session over the channel protocols, against a process the test drives. */
class RemoteCommandSocketTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A process that records what the client sends and lets the test write and end. */
    static final class ScriptedProcess implements StreamTarget.Process, StreamTarget.ProcessHandle {
        final boolean stdin;
        final boolean tty;
        StreamTarget.ProcessOutput io;
        final List<String> input = new ArrayList<>();
        final List<String> resizes = new ArrayList<>();
        boolean stdinClosed;
        boolean cancelled;

        ScriptedProcess(boolean stdin, boolean tty) {
            this.stdin = stdin;
            this.tty = tty;
        }

        @Override
        public boolean stdin() {
            return stdin;
        }

        @Override
        public boolean stdout() {
            return true;
        }

        @Override
        public boolean stderr() {
            return !tty;
        }

        @Override
        public boolean tty() {
            return tty;
        }

        @Override
        public StreamTarget.ProcessHandle start(StreamTarget.ProcessOutput output) {
            this.io = output;
            return this;
        }

        @Override
        public void stdin(byte[] bytes) {
            input.add(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public void closeStdin() {
            stdinClosed = true;
        }

        @Override
        public void resize(int width, int height) {
            resizes.add(width + "x" + height);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private static RemoteCommandSocket socket(ChannelProtocol protocol, ScriptedProcess process, long limit) {
        return new RemoteCommandSocket(protocol, process, status -> JSON.writeValueAsBytes(status), limit,
                Duration.ofHours(4));
    }

    private static String text(Object frame) {
        return new String((byte[]) frame, StandardCharsets.UTF_8);
    }

    @Test
    void outputThenTheExitStatusThenANormalClose() {
        FakeSession fake = new FakeSession();
        ScriptedProcess process = new ScriptedProcess(false, false);
        RemoteCommandSocket socket = socket(ChannelProtocol.V5, process, 1 << 20);
        socket.onWebSocketOpen(fake.session());
        process.io.stdout("hi\n".getBytes(StandardCharsets.UTF_8));
        process.io.stderr("oops\n".getBytes(StandardCharsets.UTF_8));
        process.io.exit(ProcessExits.exited(List.of("sh", "-c", "exit 3"), 3));
        List<Object> sent = fake.sent();
        assertThat(sent).hasSize(4);
        assertThat((byte[]) sent.get(0)).containsExactly(1);
        assertThat(text(sent.get(1))).isEqualTo("\u0001hi\n");
        assertThat(text(sent.get(2))).isEqualTo("\u0002oops\n");
        byte[] error = (byte[]) sent.get(3);
        assertThat(error[0]).isEqualTo((byte) 3);
        Status status = JSON.readValue(new String(error, 1, error.length - 1, StandardCharsets.UTF_8), Status.class);
        assertThat(status.getReason()).isEqualTo("NonZeroExitCode");
        assertThat(status.getDetails().getCauses().get(0).getMessage()).isEqualTo("3");
        assertThat(fake.closedWith()).isEqualTo(1000);
    }

    @Test
    void stdinResizeAndTheV5CloseSignalReachTheProcess() {
        FakeSession fake = new FakeSession();
        ScriptedProcess process = new ScriptedProcess(true, true);
        RemoteCommandSocket socket = socket(ChannelProtocol.V5, process, 1 << 20);
        socket.onWebSocketOpen(fake.session());
        socket.onWebSocketBinary(ByteBuffer.wrap(new byte[] {0, 'l', 's', '\r'}), Callback.NOOP);
        socket.onWebSocketBinary(ByteBuffer.wrap("\u0004{\"Width\":120,\"Height\":40}".getBytes(StandardCharsets.UTF_8)),
                Callback.NOOP);
        socket.onWebSocketBinary(ByteBuffer.wrap(new byte[] {(byte) 255, 0}), Callback.NOOP);
        assertThat(process.input).containsExactly("ls\r");
        assertThat(process.resizes).containsExactly("120x40");
        assertThat(process.stdinClosed).isTrue();
    }

    @Test
    void v4IgnoresTheCloseSignalAndBase64IsDecoded() {
        FakeSession fake = new FakeSession();
        ScriptedProcess process = new ScriptedProcess(true, false);
        RemoteCommandSocket v4 = socket(ChannelProtocol.V4, process, 1 << 20);
        v4.onWebSocketOpen(fake.session());
        v4.onWebSocketBinary(ByteBuffer.wrap(new byte[] {(byte) 255, 0}), Callback.NOOP);
        assertThat(process.stdinClosed).isFalse();

        FakeSession textual = new FakeSession();
        ScriptedProcess other = new ScriptedProcess(true, false);
        RemoteCommandSocket base64 = socket(ChannelProtocol.V4_BASE64, other, 1 << 20);
        base64.onWebSocketOpen(textual.session());
        base64.onWebSocketText("0Zm9vCg==");
        other.io.stdout("bar".getBytes(StandardCharsets.UTF_8));
        assertThat(other.input).containsExactly("foo\n");
        assertThat(textual.sent()).contains("1YmFy");
    }

    @Test
    void beforeV4TheErrorChannelCarriesTheMessageAndNothingOnSuccess() {
        FakeSession fake = new FakeSession();
        ScriptedProcess process = new ScriptedProcess(false, false);
        RemoteCommandSocket socket = socket(ChannelProtocol.V1, process, 1 << 20);
        socket.onWebSocketOpen(fake.session());
        process.io.exit(ProcessExits.success());
        assertThat(fake.sent()).hasSize(1);
        assertThat(fake.closedWith()).isEqualTo(1000);
    }

    @Test
    void aClientTooFarBehindEndsTheSessionWithAnError() {
        FakeSession fake = new FakeSession();
        fake.hold = true;
        ScriptedProcess process = new ScriptedProcess(false, false);
        RemoteCommandSocket socket = socket(ChannelProtocol.V5, process, 1024);
        socket.onWebSocketOpen(fake.session());
        byte[] chunk = new byte[300];
        for (int i = 0; i < 10; i++) {
            process.io.stdout(chunk);
        }
        assertThat(process.cancelled).isTrue();
        fake.hold = false;
        List<org.eclipse.jetty.websocket.api.Callback> held = List.copyOf(fake.held);
        held.forEach(org.eclipse.jetty.websocket.api.Callback::succeed);
        List<Object> sent = fake.sent();
        byte[] last = (byte[]) sent.get(sent.size() - 1);
        assertThat(last[0]).isEqualTo((byte) 3);
        assertThat(new String(last, StandardCharsets.UTF_8)).contains("the client fell more than");
        assertThat(fake.closedWith()).isEqualTo(1000);
    }

    @Test
    void aClientThatLeavesCancelsTheProcessAndDropsItsBacklog() {
        FakeSession fake = new FakeSession();
        fake.hold = true;
        ScriptedProcess process = new ScriptedProcess(false, false);
        RemoteCommandSocket socket = socket(ChannelProtocol.V5, process, 1 << 20);
        socket.onWebSocketOpen(fake.session());
        process.io.stdout(new byte[100]);
        socket.onWebSocketClose(1006, "gone");
        assertThat(process.cancelled).isTrue();
        process.io.stdout(new byte[100]);
        assertThat(fake.sent()).hasSize(1);
    }
}

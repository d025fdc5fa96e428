package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Status;
import io.kubeling.registry.Errors;
import io.kubeling.registry.ProcessExits;
import tools.jackson.databind.json.JsonMapper;

class ChannelProtocolTest {

    @Test
    void theClientsFirstServedProtocolIsChosen() {
        assertThat(ChannelProtocol.negotiate(List.of("v5.channel.k8s.io", "v4.channel.k8s.io")))
                .isEqualTo(ChannelProtocol.V5);
        assertThat(ChannelProtocol.negotiate(List.of("v6.channel.k8s.io", "v4.channel.k8s.io")))
                .isEqualTo(ChannelProtocol.V4);
        assertThat(ChannelProtocol.negotiate(List.of("base64.channel.k8s.io"))).isEqualTo(ChannelProtocol.V1_BASE64);
        assertThat(ChannelProtocol.negotiate(List.of())).isEqualTo(ChannelProtocol.V1);
        assertThat(ChannelProtocol.negotiate(List.of("v3.channel.k8s.io"))).isNull();
    }

    @Test
    void binaryFramesLeadWithTheChannelByte() {
        ByteBuffer frame = ChannelProtocol.V5.frame(ChannelProtocol.STDOUT, "hi\n".getBytes(StandardCharsets.UTF_8));
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        assertThat(bytes).containsExactly(1, 'h', 'i', '\n');
        ChannelProtocol.Message read = ChannelProtocol.readBinary(ByteBuffer.wrap(new byte[] {(byte) 255, 0}));
        assertThat(read.channel()).isEqualTo(ChannelProtocol.CLOSE);
        assertThat(read.bytes()).containsExactly(0);
        assertThat(ChannelProtocol.readBinary(ByteBuffer.allocate(0))).isNull();
    }

    @Test
    void base64FramesLeadWithTheChannelDigit() {
        String text = ChannelProtocol.V4_BASE64.text(ChannelProtocol.STDERR, "foo\n".getBytes(StandardCharsets.UTF_8));
        assertThat(text).isEqualTo("2Zm9vCg==");
        ChannelProtocol.Message read = ChannelProtocol.readText("0Zm9vCg==");
        assertThat(read.channel()).isEqualTo(ChannelProtocol.STDIN);
        assertThat(new String(read.bytes(), StandardCharsets.UTF_8)).isEqualTo("foo\n");
    }

    @Test
    void onlyV5KnowsTheCloseSignalAndV4OnCarryAStatus() {
        assertThat(ChannelProtocol.V5.closeSignal()).isTrue();
        assertThat(ChannelProtocol.V4.closeSignal()).isFalse();
        assertThat(ChannelProtocol.V4.statusOnError).isTrue();
        assertThat(ChannelProtocol.V1.statusOnError).isFalse();
    }

    @Test
    void exitStatusesAreTheKubeletsJson() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.writeValueAsString(ProcessExits.exited(List.of("sh", "-c", "exit 0"), 0)))
                .isEqualTo("{\"metadata\":{},\"status\":\"Success\"}");
        Status failed = ProcessExits.exited(List.of("sh", "-c", "exit 3"), 3);
        assertThat(json.readTree(json.writeValueAsString(failed))).isEqualTo(json.readTree("{\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: error executing "
                + "command [sh -c exit 3], exit code 3\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":"
                + "[{\"reason\":\"ExitCode\",\"message\":\"3\"}]}}"));
        assertThat(ProcessExits.exitCode(failed)).isEqualTo(3);
        Status internal = ProcessExits.error(Errors.internal("unable to upgrade connection: container not found (\"x\")"));
        assertThat(internal.getMessage())
                .isEqualTo("Internal error occurred: unable to upgrade connection: container not found (\"x\")");
        assertThat(internal.getKind()).isNull();
        assertThat(ProcessExits.exitCode(internal)).isEqualTo(-1);
    }
}

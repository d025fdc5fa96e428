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

/** The kubelet's WebSocket port-forward channels, as fabric8's forwarder reads them. */
class PortForwardChannelsTest {

    private final List<String> received = new ArrayList<>();
    private int closedByClient;

    private StreamTarget.Ports ports(List<Integer> requested) {
        return new StreamTarget.Ports() {
            @Override
            public List<Integer> requested() {
                return requested;
            }

            @Override
            public StreamTarget.PortConnection connect(int port, Consumer<byte[]> toClient, Consumer<String> onError,
                    Runnable onClose) {
                if (port == 81) {
                    onError.accept("refused");
                }
                return new StreamTarget.PortConnection() {
                    @Override
                    public void send(byte[] bytes) {
                        String text = new String(bytes, StandardCharsets.UTF_8);
                        received.add(port + ":" + text);
                        toClient.accept(("re " + text).getBytes(StandardCharsets.UTF_8));
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
    }

    @Test
    void eachChannelOpensWithItsPortThenCarriesTheConnection() {
        FakeSession fake = new FakeSession();
        PortForwardChannels socket = new PortForwardChannels(ports(List.of(8080)), 1 << 20, Duration.ofHours(1));
        socket.onWebSocketOpen(fake.session());
        assertThat((byte[]) fake.sent().get(0)).containsExactly(0, 0x90, 0x1f);
        assertThat((byte[]) fake.sent().get(1)).containsExactly(1, 0x90, 0x1f);
        socket.onWebSocketBinary(ByteBuffer.wrap(new byte[] {0, 'h', 'i'}), Callback.NOOP);
        assertThat(received).containsExactly("8080:hi");
        assertThat((byte[]) fake.sent().get(2)).containsExactly(0, 'r', 'e', ' ', 'h', 'i');
        socket.onWebSocketBinary(ByteBuffer.wrap(new byte[] {0, 'b', 'y', 'e'}), Callback.NOOP);
        assertThat(fake.closedWith()).isEqualTo(1000);
    }

    @Test
    void aRefusedPortSaysSoOnItsErrorChannelAndALeavingClientClosesTheRest() {
        FakeSession fake = new FakeSession();
        PortForwardChannels socket = new PortForwardChannels(ports(List.of(81, 80)), 1 << 20, Duration.ofHours(1));
        socket.onWebSocketOpen(fake.session());
        byte[] error = (byte[]) fake.sent().get(4);
        assertThat(error[0]).isEqualTo((byte) 1);
        assertThat(new String(error, 1, error.length - 1, StandardCharsets.UTF_8)).isEqualTo("refused");
        assertThat(fake.closedWith()).isNull();
        socket.onWebSocketClose(1006, "gone");
        assertThat(closedByClient).isEqualTo(2);
    }
}

package io.kubeling.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

import io.fabric8.kubernetes.api.model.Status;
import io.kubeling.registry.ProcessExits;
import io.kubeling.registry.StreamTarget;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One exec or attach session over a WebSocket channel protocol, as the kubelet's streaming server
 * runs it: an empty message on the lowest output channel once connected, the process's output on
 * its channels, the client's stdin, resizes and (v5) close signal passed on, and at the end the
 * exit Status on the error channel, then a normal close. Nothing here holds a thread: the
 * process's output is queued for the client, the client's messages are handed to the process.
 * Public because Jetty calls a listener through method handles, which need a public class.
 */
public final class RemoteCommandSocket implements Session.Listener.AutoDemanding {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ChannelProtocol protocol;
    private final StreamTarget.Process target;
    private final Function<Status, byte[]> encoder;
    private final long outputLimit;
    private final Duration idleTimeout;
    private volatile OutboundFrames out;
    private volatile StreamTarget.ProcessHandle handle;
    private volatile boolean ended;

    RemoteCommandSocket(ChannelProtocol protocol, StreamTarget.Process target, Function<Status, byte[]> encoder,
            long outputLimit, Duration idleTimeout) {
        this.protocol = protocol;
        this.target = target;
        this.encoder = encoder;
        this.outputLimit = outputLimit;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        session.setIdleTimeout(idleTimeout);
        out = new OutboundFrames(session, outputLimit);
        int first = target.stdout() ? ChannelProtocol.STDOUT
                : target.stderr() ? ChannelProtocol.STDERR : ChannelProtocol.ERROR;
        send(first, new byte[0]);
        handle = target.start(new StreamTarget.ProcessOutput() {
            @Override
            public void stdout(byte[] bytes) {
                if (target.stdout()) {
                    output(ChannelProtocol.STDOUT, bytes);
                }
            }

            @Override
            public void stderr(byte[] bytes) {
                if (target.stderr()) {
                    output(ChannelProtocol.STDERR, bytes);
                }
            }

            @Override
            public void exit(Status status) {
                finish(status);
            }
        });
    }

    private void output(int channel, byte[] bytes) {
        if (ended || bytes.length == 0) {
            return;
        }
        if (!send(channel, bytes)) {
            // the client has fallen this far behind: end the session rather than hold its backlog
            StreamTarget.ProcessHandle h = handle;
            if (h != null) {
                h.cancel();
            }
            finish(ProcessExits.error(io.kubeling.registry.Errors.error(500, "InternalError",
                    "Internal error occurred: the client fell more than " + (outputLimit >> 20)
                            + " MiB behind the command's output; the session was ended", null)));
        }
    }

    private boolean send(int channel, byte[] bytes) {
        return protocol.binary ? out.offer(protocol.frame(channel, bytes)) : out.offer(protocol.text(channel, bytes));
    }

    /** Writes the end of the session on the error channel and closes once the client has everything. */
    private synchronized void finish(Status status) {
        if (ended) {
            return;
        }
        ended = true;
        byte[] payload;
        if (protocol.statusOnError) {
            payload = encoder.apply(status);
        } else {
            // before v4 the error channel carried the message alone, and nothing on success
            payload = "Success".equals(status.getStatus()) ? null
                    : String.valueOf(status.getMessage()).getBytes(StandardCharsets.UTF_8);
        }
        if (payload != null) {
            if (protocol.binary) {
                out.force(protocol.frame(ChannelProtocol.ERROR, payload));
            } else {
                out.force(protocol.text(ChannelProtocol.ERROR, payload));
            }
        }
        out.closeAfterSent(StatusCode.NORMAL, null);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        try {
            ChannelProtocol.Message message = ChannelProtocol.readBinary(payload);
            if (message != null) {
                received(message);
            }
            callback.succeed();
        } catch (RuntimeException e) {
            callback.fail(e);
        }
    }

    @Override
    public void onWebSocketText(String payload) {
        if (protocol.binary) {
            return;
        }
        try {
            ChannelProtocol.Message message = ChannelProtocol.readText(payload);
            if (message != null) {
                received(message);
            }
        } catch (IllegalArgumentException e) {
            // not base64: dropped, as kube drops a frame it cannot decode
        }
    }

    private void received(ChannelProtocol.Message message) {
        StreamTarget.ProcessHandle h = handle;
        if (h == null || ended) {
            return;
        }
        switch (message.channel()) {
            case ChannelProtocol.STDIN -> {
                if (target.stdin()) {
                    h.stdin(message.bytes());
                }
            }
            case ChannelProtocol.RESIZE -> resize(h, message.bytes());
            case ChannelProtocol.CLOSE -> {
                if (protocol.closeSignal() && message.bytes().length > 0
                        && message.bytes()[0] == ChannelProtocol.STDIN) {
                    h.closeStdin();
                }
            }
            default -> {
                // a channel the client may not write: ignored, as kube ignores it
            }
        }
    }

    /** A resize message is a JSON TerminalSize, {@code {"Width":80,"Height":24}}. */
    private static void resize(StreamTarget.ProcessHandle h, byte[] bytes) {
        try {
            JsonNode size = JSON.readTree(bytes);
            h.resize(size.path("Width").asInt(0), size.path("Height").asInt(0));
        } catch (RuntimeException e) {
            // a malformed size ends nothing
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

    /** The client went away: the process is told, and what was queued for the client is dropped. */
    private void gone() {
        ended = true;
        OutboundFrames o = out;
        if (o != null) {
            o.abandon();
        }
        StreamTarget.ProcessHandle h = handle;
        if (h != null) {
            h.cancel();
        }
    }
}

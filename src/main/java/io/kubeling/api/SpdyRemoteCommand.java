package io.kubeling.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Status;
import io.kubeling.registry.Errors;
import io.kubeling.registry.ProcessExits;
import io.kubeling.registry.StreamTarget;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyGoAwayFrame;
import io.netty.handler.codec.spdy.DefaultSpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One exec or attach session over SPDY, as the kubelet's streaming server runs it for kubectl before
 * 1.30: the client opens one stream per {@code streamType} (error, stdin, stdout, stderr, and resize
 * from v3 on a terminal), each answered at once; the process starts once every stream the request
 * asked for exists. Its output goes on the stdout and stderr streams, stdin's data and end reach it,
 * each JSON terminal size on the resize stream resizes it, and at the end the error stream carries
 * the exit (a JSON Status from v4, the message alone before, nothing on success), every stream is
 * ended and the connection goes away.
 */
final class SpdyRemoteCommand implements SpdySession {

    /** kube's remote command protocols over SPDY, the newest first, as the kubelet lists them. */
    static final List<String> PROTOCOLS = List.of("v4.channel.k8s.io", "v3.channel.k8s.io", "v2.channel.k8s.io",
            "channel.k8s.io");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CHUNK = 32 << 10;

    private final String protocol;
    private final StreamTarget.Process target;
    private final Function<Status, byte[]> encoder;
    private final FrameSink out;
    private final SpdyFrames codec = new SpdyFrames();
    private final int expected;
    private int received;
    private static final Duration FIRST_SIZE_WAIT = Duration.ofSeconds(1);

    private int error;
    private int stdin;
    private int stdout;
    private int stderr;
    private int resize;
    private final StringBuilder sizes = new StringBuilder();
    private final List<byte[]> early = new ArrayList<>();
    private boolean stdinEnded;
    private StreamTarget.ProcessHandle handle;
    private boolean ended;
    private boolean closed;
    /** On a terminal, the process starts with the client's first size, or without it after a second. */
    private final boolean resizing;
    private boolean awaitingSize;
    private boolean startNow;
    private boolean starting;
    private final List<String> earlySizes = new ArrayList<>();

    SpdyRemoteCommand(String protocol, StreamTarget.Process target, Function<Status, byte[]> encoder, FrameSink out) {
        this.protocol = protocol;
        this.target = target;
        this.encoder = encoder;
        this.out = out;
        // the streams the kubelet waits for: stderr not on a terminal, resize from v3 on one
        boolean stderrAsked = target.stderr() && !target.tty();
        this.resizing = target.tty() && (protocol.startsWith("v3.") || protocol.startsWith("v4."));
        this.expected = 1 + (target.stdin() ? 1 : 0) + (target.stdout() ? 1 : 0) + (stderrAsked ? 1 : 0)
                + (resizing ? 1 : 0);
    }

    @Override
    public void received(ByteBuffer bytes) {
        boolean start;
        synchronized (this) {
            if (closed) {
                return;
            }
            int before = received;
            codec.decode(bytes, this::handle);
            boolean streamsIn = before < expected && received >= expected;
            if (streamsIn && resizing && earlySizes.isEmpty()) {
                // a client on a terminal sends its size at once: a command that ended before it arrived would
                // close the connection under the client's first resize write (kubectl then logs an EOF)
                awaitingSize = true;
                CompletableFuture.delayedExecutor(FIRST_SIZE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(this::startOnce);
                streamsIn = false;
            }
            start = streamsIn || startNow;
            startNow = false;
        }
        if (start) {
            startOnce();
        }
    }

    private void startOnce() {
        List<String> sizes;
        synchronized (this) {
            if (starting || closed) {
                return;
            }
            starting = true;
            awaitingSize = false;
            sizes = List.copyOf(earlySizes);
            earlySizes.clear();
        }
        start();
        sizes.forEach(this::resize);
    }

    private void handle(Object frame) {
        if (frame instanceof SpdySynStreamFrame syn) {
            String type = syn.headers().getAsString("streamtype");
            int id = syn.streamId();
            write(SpdyReplies.reply(id, type));
            switch (type == null ? "" : type) {
                case "error" -> error = id;
                case "stdin" -> stdin = id;
                case "stdout" -> stdout = id;
                case "stderr" -> stderr = id;
                case "resize" -> resize = id;
                default -> {
                    // an unexpected stream type is logged by the kubelet and otherwise ignored
                    return;
                }
            }
            received++;
        } else if (frame instanceof SpdyDataFrame data) {
            byte[] bytes = new byte[data.content().readableBytes()];
            data.content().readBytes(bytes);
            if (data.streamId() == stdin && stdin != 0) {
                if (bytes.length > 0 && target.stdin()) {
                    if (handle == null) {
                        early.add(bytes);
                    } else {
                        handle.stdin(bytes);
                    }
                }
                if (data.isLast()) {
                    stdinEnded = true;
                    if (handle != null) {
                        handle.closeStdin();
                    }
                }
            } else if (data.streamId() == resize && resize != 0) {
                sizes.append(new String(bytes, StandardCharsets.UTF_8));
                resizes();
            }
        } else if (frame instanceof SpdyPingFrame ping) {
            write(new DefaultSpdyPingFrame(ping.id()));
        } else if (frame instanceof SpdyRstStreamFrame rst && rst.streamId() == error) {
            cancel();
        } else if (frame instanceof SpdyGoAwayFrame) {
            cancel();
        }
    }

    /** Each complete JSON object on the resize stream, {@code {"Width":80,"Height":24}}, as Go's decoder reads them. */
    private void resizes() {
        int depth = 0;
        int start = -1;
        int consumed = 0;
        for (int i = 0; i < sizes.length(); i++) {
            char c = sizes.charAt(i);
            if (c == '{') {
                if (depth++ == 0) {
                    start = i;
                }
            } else if (c == '}' && depth > 0 && --depth == 0) {
                resize(sizes.substring(start, i + 1));
                consumed = i + 1;
            }
        }
        sizes.delete(0, consumed);
    }

    private void resize(String json) {
        if (handle == null) {
            earlySizes.add(json);
            startNow = awaitingSize;
            return;
        }
        try {
            JsonNode size = JSON.readTree(json);
            handle.resize(size.path("Width").asInt(0), size.path("Height").asInt(0));
        } catch (RuntimeException e) {
            // a malformed size ends nothing
        }
    }

    private void start() {
        StreamTarget.ProcessHandle started = target.start(new StreamTarget.ProcessOutput() {
            @Override
            public void stdout(byte[] bytes) {
                output(stdout, bytes);
            }

            @Override
            public void stderr(byte[] bytes) {
                output(stderr != 0 ? stderr : 0, bytes);
            }

            @Override
            public void exit(Status status) {
                finish(status);
            }
        });
        List<byte[]> pending;
        boolean endStdin;
        synchronized (this) {
            handle = started;
            pending = new ArrayList<>(early);
            early.clear();
            endStdin = stdinEnded;
        }
        for (byte[] bytes : pending) {
            started.stdin(bytes);
        }
        if (endStdin) {
            started.closeStdin();
        }
    }

    private void output(int stream, byte[] bytes) {
        boolean behind = false;
        synchronized (this) {
            if (ended || closed || stream == 0 || bytes.length == 0) {
                return;
            }
            for (int from = 0; from < bytes.length && !behind; from += CHUNK) {
                int to = Math.min(bytes.length, from + CHUNK);
                behind = !write(new DefaultSpdyDataFrame(stream, Unpooled.wrappedBuffer(bytes, from, to - from)));
            }
        }
        if (behind) {
            // the client has fallen this far behind: end the session rather than hold its backlog
            StreamTarget.ProcessHandle h = handle;
            if (h != null) {
                h.cancel();
            }
            finish(ProcessExits.error(Errors.error(500, "InternalError",
                    "Internal error occurred: the client fell too far behind the command's output; the session "
                            + "was ended", null)));
        }
    }

    /** The end: the exit on the error stream, every stream ended, then the connection, as the kubelet closes it. */
    private synchronized void finish(Status status) {
        if (ended || closed) {
            return;
        }
        ended = true;
        byte[] payload;
        if (protocol.startsWith("v4.")) {
            payload = encoder.apply(status);
        } else {
            // before v4 the error stream carried the message alone, and nothing on success
            payload = "Success".equals(status.getStatus()) ? null
                    : String.valueOf(status.getMessage()).getBytes(StandardCharsets.UTF_8);
        }
        if (error != 0) {
            forceWrite(payload == null ? new DefaultSpdyDataFrame(error).setLast(true)
                    : new DefaultSpdyDataFrame(error, Unpooled.wrappedBuffer(payload)).setLast(true));
        }
        for (int stream : new int[] {stdout, stderr, stdin, resize}) {
            if (stream != 0) {
                forceWrite(new DefaultSpdyDataFrame(stream).setLast(true));
            }
        }
        forceWrite(new DefaultSpdyGoAwayFrame(0));
        out.closeAfterSent();
    }

    private boolean write(Object frame) {
        return codec.offer(frame, out);
    }

    private void forceWrite(Object frame) {
        codec.force(frame, out);
    }

    /** The client reset the session: the process is told, as when it leaves. */
    private void cancel() {
        StreamTarget.ProcessHandle h = handle;
        ended = true;
        if (h != null) {
            h.cancel();
        }
        out.closeAfterSent();
    }

    @Override
    public void gone() {
        StreamTarget.ProcessHandle h;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ended = true;
            h = handle;
            codec.release();
        }
        out.abandon();
        if (h != null) {
            h.cancel();
        }
    }
}

package io.kubeling.controllers.kubelet.shell;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A command's standard streams: its input ({@code null} for the host's own) and where its output and
 * errors go. Pipes and redirections make new ones.
 */
record Io(byte[] in, Sink out, Sink err) {

    /** Somewhere output goes. */
    interface Sink {

        void write(byte[] data);

        default void write(String text) {
            write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Output kept in memory, up to a limit (a pipe's buffer, since a pipe's reader runs once its writer
     * has ended): what goes past it is dropped, and {@link #reportOverflow} says so on the error stream.
     */
    static final class Buffer implements Sink {

        static final int LIMIT = 16 << 20;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean overflowed;

        @Override
        public void write(byte[] data) {
            int room = LIMIT - bytes.size();
            if (data.length > room) {
                overflowed = true;
                bytes.write(data, 0, Math.max(0, room));
                return;
            }
            bytes.writeBytes(data);
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }

        boolean overflowed() {
            return overflowed;
        }

        /** Tells the writer's error stream that output was dropped, so that a short count is never silent. */
        void reportOverflow(Sink err) {
            if (overflowed) {
                err.write("sh: write error: a pipe holds at most 16 MiB here; the output past it was dropped\n");
            }
        }
    }

    static final Sink DISCARD = data -> {
    };

    static Io of(ShellHost host) {
        return new Io(null, host::writeBytes, data -> host.writeError(new String(data, StandardCharsets.UTF_8)));
    }

    Io withIn(byte[] input) {
        return new Io(input, out, err);
    }

    Io withOut(Sink sink) {
        return new Io(in, sink, err);
    }

    Io withErr(Sink sink) {
        return new Io(in, out, sink);
    }
}

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

    /** Output kept in memory, up to a limit (a pipe's buffer); past it the writer is told so. */
    static final class Buffer implements Sink {

        static final int LIMIT = 16 << 20;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean overflowed;

        @Override
        public void write(byte[] data) {
            if (bytes.size() + data.length > LIMIT) {
                overflowed = true;
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

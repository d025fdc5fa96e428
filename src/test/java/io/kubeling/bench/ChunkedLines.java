package io.kubeling.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a chunked HTTP response body, read straight off a socket: chunk boundaries fall
 * anywhere, so lines are joined across them.
 */
final class ChunkedLines {

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int remaining;
    private boolean ended;

    ChunkedLines(InputStream in) throws IOException {
        this.in = in;
        // Skip the status line and headers.
        while (!rawLine().isEmpty()) {
            // header
        }
    }

    /** The next line of the body, or null at its end. */
    String next() throws IOException {
        while (!ended) {
            if (remaining == 0) {
                String size = rawLine();
                if (size.isEmpty()) {
                    size = rawLine();
                }
                remaining = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (remaining == 0) {
                    ended = true;
                    break;
                }
            }
            int b = in.read();
            if (b < 0) {
                ended = true;
                break;
            }
            remaining--;
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                return text;
            }
            line.write(b);
        }
        return null;
    }

    private String rawLine() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                out.write(b);
            }
        }
        if (b < 0) {
            throw new IOException("stream ended");
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}

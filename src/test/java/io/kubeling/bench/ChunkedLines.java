package io.kubeling.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a chunked HTTP response body, read straight off a socket: chunk boundaries fall
 * anywhere, so lines are joined across them. Bytes are read in blocks, to keep the watching client's
 * CPU off the server's.
 */
final class ChunkedLines {

    private final InputStream in;
    private final byte[] block = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[1 << 14];
    private int length;
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
            if (position == limit && !fill()) {
                ended = true;
                break;
            }
            int end = Math.min(limit, position + remaining);
            int newline = position;
            while (newline < end && block[newline] != '\n') {
                newline++;
            }
            append(position, newline - position);
            int taken = Math.min(end, newline + 1) - position;
            position += taken;
            remaining -= taken;
            if (newline < end) {
                String text = new String(line, 0, length, StandardCharsets.UTF_8);
                length = 0;
                return text;
            }
        }
        return null;
    }

    private void append(int from, int count) {
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(block, from, line, length, count);
        length += count;
    }

    private boolean fill() throws IOException {
        int n = in.read(block);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    private String rawLine() throws IOException {
        StringBuilder out = new StringBuilder();
        while (true) {
            if (position == limit && !fill()) {
                throw new IOException("stream ended");
            }
            byte b = block[position++];
            if (b == '\n') {
                return out.toString();
            }
            if (b != '\r') {
                out.append((char) b);
            }
        }
    }
}

package io.kubeling.bench;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 answer read into a byte array: where it ends (by its {@code Content-Length} or its last chunk), its
 * status, its body and whether it closes the connection; what a load generator writing on plain sockets needs.
 */
final class HttpAnswer {

    private HttpAnswer() {
    }

    /** The index just past the answer that begins {@code bytes}, or -1 while its first {@code length} bytes are not all of it. */
    static int end(byte[] bytes, int length) {
        int head = headEnd(bytes, length);
        if (head < 0) {
            return -1;
        }
        long contentLength = header(bytes, head, "content-length");
        if (contentLength >= 0) {
            return head + contentLength <= length ? head + (int) contentLength : -1;
        }
        if (!chunked(bytes, head)) {
            // neither: an answer without a body (a 204 or 304)
            return head;
        }
        int at = head;
        while (true) {
            int line = indexOf(bytes, at, length, "\r\n");
            if (line < 0) {
                return -1;
            }
            int size = chunkSize(bytes, at, line);
            if (size == 0) {
                // the last chunk, with no trailers
                return line + 4 <= length ? line + 4 : -1;
            }
            at = line + 2 + size + 2;
            if (at > length) {
                return -1;
            }
        }
    }

    static int status(byte[] bytes) {
        int space = indexOf(bytes, 0, bytes.length, " ");
        return Integer.parseInt(new String(bytes, space + 1, 3, StandardCharsets.US_ASCII));
    }

    /** The body of a whole answer that ends at {@code end}, its chunks joined. */
    static String body(byte[] bytes, int end) {
        int head = headEnd(bytes, end);
        if (!chunked(bytes, head) || header(bytes, head, "content-length") >= 0) {
            return new String(bytes, head, end - head, StandardCharsets.UTF_8);
        }
        StringBuilder body = new StringBuilder();
        for (int at = head, size; (size = chunkSize(bytes, at, indexOf(bytes, at, end, "\r\n"))) > 0;
                at = indexOf(bytes, at, end, "\r\n") + 2 + size + 2) {
            int data = indexOf(bytes, at, end, "\r\n") + 2;
            body.append(new String(bytes, data, size, StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    /** Whether the answer ending at {@code end} says the server closes the connection after it. */
    static boolean closes(byte[] bytes, int end) {
        String head = new String(bytes, 0, headEnd(bytes, end), StandardCharsets.US_ASCII).toLowerCase();
        return head.contains("\r\nconnection: close");
    }

    private static int headEnd(byte[] bytes, int length) {
        int at = indexOf(bytes, 0, length, "\r\n\r\n");
        return at < 0 ? -1 : at + 4;
    }

    private static boolean chunked(byte[] bytes, int head) {
        return new String(bytes, 0, head, StandardCharsets.US_ASCII).toLowerCase()
                .contains("\r\ntransfer-encoding: chunked");
    }

    /** The value of a numeric header, or -1 when the head has none. */
    private static long header(byte[] bytes, int head, String name) {
        String text = new String(bytes, 0, head, StandardCharsets.US_ASCII);
        int at = text.toLowerCase().indexOf("\r\n" + name + ":");
        if (at < 0) {
            return -1;
        }
        int from = at + name.length() + 3;
        return Long.parseLong(text.substring(from, text.indexOf("\r\n", from)).trim());
    }

    private static int chunkSize(byte[] bytes, int from, int lineEnd) {
        int size = 0;
        for (int i = from; i < lineEnd && bytes[i] != ';'; i++) {
            size = size * 16 + Character.digit(bytes[i], 16);
        }
        return size;
    }

    private static int indexOf(byte[] bytes, int from, int to, String wanted) {
        outer:
        for (int i = from; i <= to - wanted.length(); i++) {
            for (int j = 0; j < wanted.length(); j++) {
                if (bytes[i + j] != wanted.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

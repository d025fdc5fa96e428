package io.kubeling.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 connection read byte by byte, with no leniency: a response must start exactly where
 * the previous one ended, and its body must end exactly where its framing says, so that bytes
 * written into the wrong response show up as a failure instead of being skipped by a client.
 */
public final class FramedHttp implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public FramedHttp(int port, Duration readTimeout) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    /** Sends a request without a body and reads its whole response. */
    public Response get(String pathAndQuery, boolean close) throws IOException {
        send("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
                + (close ? "Connection: close\r\n" : "") + "\r\n");
        return read();
    }

    public void send(String head) throws IOException {
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one response: status line, headers and the body as its framing delimits it. */
    public Response read() throws IOException {
        Response head = readHead();
        byte[] body;
        if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
            body = readChunked();
        } else if (head.header("content-length") != null) {
            body = readExactly(Integer.parseInt(head.header("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Response(head.code(), head.headers(), body);
    }

    /** Reads the status line and headers only, leaving the body on the wire. */
    public Response readHead() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not a status line: " + printable(status));
        }
        int code = Integer.parseInt(status.substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        String header;
        while (!(header = line()).isEmpty()) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IOException("not a header: " + printable(header));
            }
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        return new Response(code, headers, new byte[0]);
    }

    /** Whether the server closed the connection with nothing more sent. */
    public boolean endsWithoutMoreBytes() throws IOException {
        int next = in.read();
        if (next != -1) {
            throw new IOException("bytes after the last response: " + printable((char) next
                    + new String(in.readNBytes(Math.max(0, Math.min(200, in.available()))), StandardCharsets.ISO_8859_1)));
        }
        return true;
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semicolon = size.indexOf(';');
            int length;
            try {
                length = Integer.parseInt(semicolon < 0 ? size : size.substring(0, semicolon), 16);
            } catch (NumberFormatException e) {
                throw new IOException("not a chunk size: " + printable(size));
            }
            if (length == 0) {
                while (!line().isEmpty()) {
                    // trailer fields
                }
                return body.toByteArray();
            }
            body.write(readExactly(length));
            if (!line().isEmpty()) {
                throw new IOException("chunk longer than its size");
            }
        }
    }

    private byte[] readExactly(int n) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new EOFException("body cut short at " + bytes.length + " of " + n + " bytes");
        }
        return bytes;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b == -1) {
                throw new EOFException("connection closed" + (line.isEmpty() ? "" : " after " + printable(line.toString())));
            }
            if (b == '\n') {
                if (line.isEmpty() || line.charAt(line.length() - 1) != '\r') {
                    throw new IOException("bare LF after " + printable(line.toString()));
                }
                return line.substring(0, line.length() - 1);
            }
            line.append((char) b);
            if (line.length() > 16 * 1024) {
                throw new IOException("line too long: " + printable(line.substring(0, 200)));
            }
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 300 ? s.substring(0, 300) + "..." : s;
        return cut.replace("\r", "\\r").replace("\n", "\\n");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A response as read off the wire; header names are lower case. */
    public record Response(int code, Map<String, String> headers, byte[] body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}

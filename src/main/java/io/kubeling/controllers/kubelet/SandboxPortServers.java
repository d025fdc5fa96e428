package io.kubeling.controllers.kubelet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import io.kubeling.controllers.kubelet.shell.HttpServer;

/**
 * The servers listening in a pod's sandbox (what its containers' images and commands bound), as
 * port-forward reaches them: each HTTP/1.1 request read from the stream is handed to the server on
 * the port, kept alive until the client asks to close. A head over 8 KiB is refused with 400.
 */
@Component
class SandboxPortServers implements PortServers {

    private static final int MAX_HEAD = 8 * 1024;

    @Override
    public Connection connect(PodWorker worker, int port, Consumer<byte[]> toClient, Runnable onClose) {
        HttpServer server = worker.sandbox.server(port);
        if (server == null) {
            return null;
        }
        return new Connection() {
            private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
            private boolean closed;

            @Override
            public void received(byte[] bytes) {
                if (closed) {
                    return;
                }
                pending.writeBytes(bytes);
                while (!closed) {
                    byte[] buffered = pending.toByteArray();
                    String text = new String(buffered, StandardCharsets.ISO_8859_1);
                    int end = text.indexOf("\r\n\r\n");
                    if (end < 0) {
                        if (buffered.length > MAX_HEAD) {
                            toClient.accept(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close"
                                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                            close();
                        }
                        return;
                    }
                    String[] lines = text.substring(0, end).split("\r\n");
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (int i = 1; i < lines.length; i++) {
                        int colon = lines[i].indexOf(':');
                        if (colon > 0) {
                            headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
                        }
                    }
                    int length = contentLength(headers);
                    if (buffered.length < end + 4 + length) {
                        return;
                    }
                    byte[] body = java.util.Arrays.copyOfRange(buffered, end + 4, end + 4 + length);
                    pending.reset();
                    pending.write(buffered, end + 4 + length, buffered.length - end - 4 - length);
                    String[] requestLine = lines[0].split(" ");
                    if (requestLine.length < 2) {
                        toClient.accept(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        close();
                        return;
                    }
                    HttpServer.Response response = server.handle(new HttpServer.Request(requestLine[0], requestLine[1],
                            headers, body, "127.0.0.1"));
                    if (response != null) {
                        toClient.accept(PodNetwork.encode(response));
                    }
                    String connection = headers.entrySet().stream()
                            .filter(e -> e.getKey().equalsIgnoreCase("Connection")).map(Map.Entry::getValue)
                            .findFirst().orElse("");
                    if (connection.toLowerCase(Locale.ROOT).equals("close")) {
                        close();
                    }
                }
            }

            private void close() {
                if (!closed) {
                    closed = true;
                    onClose.run();
                }
            }

            @Override
            public void clientClosed() {
                close();
            }
        };
    }

    private static int contentLength(Map<String, String> headers) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase("Content-Length")) {
                try {
                    return Math.max(0, Integer.parseInt(e.getValue().trim()));
                } catch (NumberFormatException ex) {
                    return 0;
                }
            }
        }
        return 0;
    }
}

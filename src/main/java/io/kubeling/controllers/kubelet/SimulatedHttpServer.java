package io.kubeling.controllers.kubelet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One HTTP/1.1 connection to a simulated web server: requests are read as they arrive (kept alive
 * until the client asks to close), {@code /} and {@code /index.html} answer the image's default
 * page, anything else nginx's or httpd's 404, and each request is written to the access log in
 * the server's format. A request head over 8 KiB is refused with 400 and the connection closed,
 * as nginx refuses a header too large for its buffers.
 */
final class SimulatedHttpServer implements PortServers.Connection {

    enum Flavour { NGINX, HTTPD }

    private static final int MAX_HEAD = 8 * 1024;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOG_DATE = DateTimeFormatter
            .ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    static final String NGINX_INDEX = """
            <!DOCTYPE html>
            <html>
            <head>
            <title>Welcome to nginx!</title>
            <style>
            html { color-scheme: light dark; }
            body { width: 35em; margin: 0 auto;
            font-family: Tahoma, Verdana, Arial, sans-serif; }
            </style>
            </head>
            <body>
            <h1>Welcome to nginx!</h1>
            <p>If you see this page, the nginx web server is successfully installed and
            working. Further configuration is required.</p>

            <p>For online documentation and support please refer to
            <a href="http://nginx.org/">nginx.org</a>.<br/>
            Commercial support is available at
            <a href="http://nginx.com/">nginx.com</a>.</p>

            <p><em>Thank you for using nginx.</em></p>
            </body>
            </html>
            """;
    static final String HTTPD_INDEX = "<html><body><h1>It works!</h1></body></html>\n";

    private final Flavour flavour;
    private final String version;
    private final Supplier<Instant> clock;
    private final Consumer<byte[]> toClient;
    private final Runnable onClose;
    private final Consumer<String> accessLog;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long bodyToSkip;
    private boolean closed;

    SimulatedHttpServer(Flavour flavour, String version, Supplier<Instant> clock, Consumer<byte[]> toClient,
            Runnable onClose, Consumer<String> accessLog) {
        this.flavour = flavour;
        this.version = version;
        this.clock = clock;
        this.toClient = toClient;
        this.onClose = onClose;
        this.accessLog = accessLog;
    }

    @Override
    public void received(byte[] bytes) {
        if (closed) {
            return;
        }
        int offset = 0;
        if (bodyToSkip > 0) {
            int skipped = (int) Math.min(bodyToSkip, bytes.length);
            bodyToSkip -= skipped;
            offset = skipped;
        }
        pending.write(bytes, offset, bytes.length - offset);
        while (!closed) {
            byte[] buffered = pending.toByteArray();
            int end = headEnd(buffered);
            if (end < 0) {
                if (buffered.length > MAX_HEAD) {
                    respond("GET", "/", "HTTP/1.1", 400, true, "");
                }
                return;
            }
            String head = new String(buffered, 0, end, StandardCharsets.ISO_8859_1);
            pending.reset();
            int after = end + 4;
            long body = contentLength(head);
            int inBuffer = (int) Math.min(body, buffered.length - after);
            pending.write(buffered, after + inBuffer, buffered.length - after - inBuffer);
            bodyToSkip = body - inBuffer;
            request(head);
        }
    }

    private void request(String head) {
        String[] lines = head.split("\r\n");
        String[] parts = lines[0].split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
            respond("-", "-", "-", 400, true, "");
            return;
        }
        String userAgent = "-";
        boolean close = parts[2].equals("HTTP/1.0");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("connection")) {
                close = value.equalsIgnoreCase("close") || (close && !value.equalsIgnoreCase("keep-alive"));
            } else if (name.equals("user-agent")) {
                userAgent = value;
            }
        }
        String path = parts[1];
        int query = path.indexOf('?');
        String plain = query >= 0 ? path.substring(0, query) : path;
        boolean index = plain.equals("/") || plain.equals("/index.html");
        int code = !parts[0].equals("GET") && !parts[0].equals("HEAD") ? 405 : index ? 200 : 404;
        respond(parts[0], path, parts[2], code, close, userAgent);
    }

    private void respond(String method, String path, String protocol, int code, boolean close, String userAgent) {
        String body = switch (code) {
            case 200 -> flavour == Flavour.NGINX ? NGINX_INDEX : HTTPD_INDEX;
            default -> errorPage(code);
        };
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        Instant now = clock.get();
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(code).append(' ').append(reason(code))
                .append("\r\n");
        head.append("Server: ").append(server()).append("\r\n");
        head.append("Date: ").append(HTTP_DATE.format(now)).append("\r\n");
        head.append("Content-Type: text/html\r\n");
        head.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        head.append("Connection: ").append(close ? "close" : "keep-alive").append("\r\n");
        if (code == 200) {
            head.append("Accept-Ranges: bytes\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        toClient.accept(headBytes);
        if (!method.equals("HEAD")) {
            toClient.accept(bodyBytes);
        }
        String request = method + " " + path + " " + protocol;
        int sent = method.equals("HEAD") ? 0 : bodyBytes.length;
        if (flavour == Flavour.NGINX) {
            accessLog.accept("127.0.0.1 - - [" + LOG_DATE.format(now) + "] \"" + request + "\" " + code + " " + sent
                    + " \"-\" \"" + userAgent + "\" \"-\"");
        } else {
            accessLog.accept("127.0.0.1 - - [" + LOG_DATE.format(now) + "] \"" + request + "\" " + code + " " + sent);
        }
        if (close) {
            closed = true;
            onClose.run();
        }
    }

    private String server() {
        return flavour == Flavour.NGINX ? "nginx/" + (version == null ? "1.27.3" : version)
                : "Apache/" + (version == null ? "2.4.62" : version) + " (Unix)";
    }

    private String errorPage(int code) {
        if (flavour == Flavour.NGINX) {
            return "<html>\r\n<head><title>" + code + " " + reason(code) + "</title></head>\r\n<body>\r\n<center><h1>"
                    + code + " " + reason(code) + "</h1></center>\r\n<hr><center>" + server()
                    + "</center>\r\n</body>\r\n</html>\r\n";
        }
        return "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>" + code + " "
                + reason(code) + "</title>\n</head><body>\n<h1>" + reason(code)
                + "</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n";
    }

    private static String reason(int code) {
        return switch (code) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Not Allowed";
            default -> "Error";
        };
    }

    private static int headEnd(byte[] bytes) {
        for (int i = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static long contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                try {
                    return Math.max(0, Long.parseLong(line.substring(15).trim()));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    @Override
    public void clientClosed() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }
}

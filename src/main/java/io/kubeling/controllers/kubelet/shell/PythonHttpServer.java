package io.kubeling.controllers.kubelet.shell;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

import io.kubeling.controllers.kubelet.fs.ContainerFs;
import io.kubeling.controllers.kubelet.fs.FsException;

/**
 * {@code python -m http.server [port] [--bind addr] [--directory dir]}: Python's simple file server
 * over the container's files, as the python images run it: the working directory's files, a listing
 * for a directory without an index, a redirect for one asked without its slash, Python's error page,
 * and a log line on stderr for each request. Its start line goes to stdout, which Python buffers when
 * it is not a terminal, so it shows only with {@code -u} or {@code PYTHONUNBUFFERED}.
 */
final class PythonHttpServer {

    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy HH:mm:ss",
            Locale.ROOT);

    private PythonHttpServer() {
    }

    static void run(ShellEvaluator sh, boolean unbuffered, List<String> args, Io io, IntConsumer k) {
        int port = 8000;
        String bind = null;
        String directory = sh.vars.getOrDefault("PWD", "/");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("-b") || a.equals("--bind")) && i + 1 < args.size()) {
                bind = args.get(++i);
            } else if ((a.equals("-d") || a.equals("--directory")) && i + 1 < args.size()) {
                directory = sh.path(args.get(++i));
            } else if (a.startsWith("--bind=")) {
                bind = a.substring("--bind=".length());
            } else if (a.startsWith("--directory=")) {
                directory = sh.path(a.substring("--directory=".length()));
            } else if (a.matches("\\d+")) {
                port = Integer.parseInt(a);
            }
        }
        String version = sh.vars.getOrDefault("PYTHON_VERSION", "3.13.1");
        String root = directory;
        HttpServer server = request -> serve(sh, io, root, request, version);
        if (!sh.host.listen(port, server)) {
            io.err().write("Traceback (most recent call last):\n"
                    + "  File \"<frozen runpy>\", line 198, in _run_module_as_main\n"
                    + "  File \"<frozen runpy>\", line 88, in _run_code\n"
                    + "  File \"/usr/local/lib/python" + version.replaceAll("^(\\d+\\.\\d+).*", "$1")
                    + "/http/server.py\", line 1314, in <module>\n"
                    + "OSError: [Errno 98] Address already in use\n");
            k.accept(1);
            return;
        }
        if (unbuffered || !sh.vars.getOrDefault("PYTHONUNBUFFERED", "").isEmpty()) {
            String host = bind == null ? "::" : bind;
            String url = host.contains(":") ? "[" + host + "]" : host;
            io.out().write("Serving HTTP on " + host + " port " + port + " (http://" + url + ":" + port + "/) ...\n");
        }
    }

    private static HttpServer.Response serve(ShellEvaluator sh, Io io, String root, HttpServer.Request request,
            String version) {
        String raw = request.path();
        String path = raw.replaceAll("[?#].*$", "");
        String decoded = URLDecoder.decode(path, StandardCharsets.UTF_8);
        ContainerFs fs = sh.host.fs();
        String file = ContainerFs.normalize(root, "." + decoded);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Server", "SimpleHTTP/0.6 Python/" + version);
        headers.put("Date", Servers.HTTP_DATE.format(sh.host.now().atZone(ZoneOffset.UTC)));
        int status;
        String reason;
        byte[] body;
        try {
            if (fs == null) {
                throw new FsException(FsException.NO_ENTRY);
            }
            ContainerFs.Stat stat = fs.stat(file);
            if (stat.directory() && !path.endsWith("/")) {
                status = 301;
                reason = "Moved Permanently";
                headers.put("Location", path + "/" + raw.substring(path.length()));
                headers.put("Content-Length", "0");
                body = new byte[0];
            } else if (stat.directory() && !fs.exists(ContainerFs.normalize(file, "index.html"))
                    && !fs.exists(ContainerFs.normalize(file, "index.htm"))) {
                status = 200;
                reason = "OK";
                body = listing(fs, file, decoded);
                headers.put("Content-type", "text/html; charset=utf-8");
                headers.put("Content-Length", Integer.toString(body.length));
            } else {
                String target = !stat.directory() ? file : fs.exists(ContainerFs.normalize(file, "index.html"))
                        ? ContainerFs.normalize(file, "index.html") : ContainerFs.normalize(file, "index.htm");
                body = fs.read(target);
                status = 200;
                reason = "OK";
                headers.put("Content-type", contentType(target));
                headers.put("Content-Length", Integer.toString(body.length));
                headers.put("Last-Modified", Servers.HTTP_DATE.format(
                        Instant.ofEpochMilli(fs.stat(target).mtime()).atZone(ZoneOffset.UTC)));
            }
        } catch (FsException e) {
            status = 404;
            reason = "File not found";
            body = errorPage(404, "File not found", "Nothing matches the given URI.");
            headers.put("Connection", "close");
            headers.put("Content-Type", "text/html;charset=utf-8");
            headers.put("Content-Length", Integer.toString(body.length));
            log(sh, io, request, "code 404, message File not found");
        }
        log(sh, io, request, "\"" + request.method() + " " + raw + " HTTP/1.1\" " + status + " -");
        return new HttpServer.Response(status, reason, headers, request.method().equals("HEAD") ? new byte[0] : body);
    }

    private static void log(ShellEvaluator sh, Io io, HttpServer.Request request, String message) {
        io.err().write(request.client() + " - - [" + LOG_TIME.format(sh.host.now().atZone(ZoneOffset.UTC)) + "] "
                + message + "\n");
    }

    /** Python's listing: entries sorted without case, directories with a slash. */
    private static byte[] listing(ContainerFs fs, String dir, String shown) throws FsException {
        List<String> names = new ArrayList<>(fs.list(dir));
        names.sort(Comparator.comparing(n -> n.toLowerCase(Locale.ROOT)));
        String title = "Directory listing for " + escape(shown);
        StringBuilder out = new StringBuilder("<!DOCTYPE HTML>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>" + title + "</title>\n</head>\n<body>\n<h1>" + title + "</h1>\n<hr>\n<ul>\n");
        for (String name : names) {
            boolean directory = fs.stat(ContainerFs.normalize(dir, name)).directory();
            String display = directory ? name + "/" : name;
            out.append("<li><a href=\"").append(URLEncoder.encode(display, StandardCharsets.UTF_8)
                    .replace("+", "%20").replace("%2F", "/")).append("\">").append(escape(display))
                    .append("</a></li>\n");
        }
        out.append("</ul>\n<hr>\n</body>\n</html>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] errorPage(int code, String message, String explanation) {
        return ("<!DOCTYPE HTML>\n<html lang=\"en\">\n    <head>\n        <meta charset=\"utf-8\">\n"
                + "        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n"
                + "        <p>Error code: " + code + "</p>\n        <p>Message: " + message + ".</p>\n"
                + "        <p>Error code explanation: " + code + " - " + explanation + "</p>\n    </body>\n</html>\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String contentType(String file) {
        String name = file.toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return "text/html";
        }
        if (name.endsWith(".py")) {
            return "text/x-python";
        }
        if (name.endsWith(".txt") || name.endsWith(".md") || name.endsWith(".yaml")
                || name.endsWith(".conf")) {
            return "text/plain";
        }
        if (name.endsWith(".json")) {
            return "application/json";
        }
        if (name.endsWith(".css")) {
            return "text/css";
        }
        if (name.endsWith(".js")) {
            return "text/javascript";
        }
        return "application/octet-stream";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}

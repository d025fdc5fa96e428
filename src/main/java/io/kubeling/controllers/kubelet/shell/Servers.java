package io.kubeling.controllers.kubelet.shell;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kubeling.controllers.kubelet.fs.ContainerFs;
import io.kubeling.controllers.kubelet.fs.FsException;

/**
 * The server programs of the well-known images: they print what the real ones print on start, bind
 * their port in the pod (failing as the real ones fail when another container holds it) and run until
 * stopped; nginx and httpd serve their document root from the container's files and log each request.
 */
final class Servers {

    private static final DateTimeFormatter NGINX_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss",
            Locale.ROOT);
    private static final DateTimeFormatter ACCESS_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z",
            Locale.ROOT);
    /** HTTP's date, with the day in two digits as servers write it (Java's RFC 1123 form drops the zero). */
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'",
            Locale.ROOT);
    private static final DateTimeFormatter REDIS_TIME = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS",
            Locale.ROOT);
    private static final Duration BIND_RETRY = Duration.ofMillis(500);
    private static final int BIND_TRIES = 5;
    private static final Pattern LISTEN = Pattern.compile("(?m)^\\s*listen\\s+(?:[0-9.]+:)?(\\d+)");
    private static final Pattern ROOT = Pattern.compile("(?m)^\\s*root\\s+([^;\\s]+);");

    private static final List<String> ENTRYPOINT_PROGRAMS = List.of("curl", "redis-server", "postgres", "mysqld",
            "mongod", "rabbitmq-server", "memcached", "haproxy", "traefik", "registry", "consul", "vault");

    private Servers() {
    }

    /** Runs a server program or an image's entrypoint script; false when {@code name} is neither. */
    static boolean run(ShellEvaluator sh, String name, List<String> args, Io io, IntConsumer k) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        switch (base) {
            case "docker-entrypoint.sh", "entrypoint.sh" -> {
                if (!args.isEmpty() && (args.get(0).equals("nginx") || args.get(0).equals("nginx-debug"))
                        && name.equals("/docker-entrypoint.sh")) {
                    io.out().write(String.join("\n", nginxEntrypointLines()) + "\n");
                }
                if (args.isEmpty()) {
                    k.accept(0);
                    return true;
                }
                List<String> argv = new ArrayList<>(args);
                if (args.get(0).startsWith("-") || args.get(0).contains("://")) {
                    // the entrypoints' rule: options alone are handed to the image's own program
                    ENTRYPOINT_PROGRAMS.stream().filter(sh.host::hasProgram).findFirst().ifPresent(p -> argv.add(0, p));
                }
                sh.command(argv, io, k);
                return true;
            }
            case "nginx", "nginx-debug" -> {
                nginx(sh, args, io, k);
                return true;
            }
            case "httpd", "httpd-foreground", "apache2-foreground" -> {
                httpd(sh, io, k);
                return true;
            }
            case "redis-server" -> {
                redis(sh, io, k);
                return true;
            }
            case "postgres" -> {
                generic(sh, io, k, 5432, List.of("PostgreSQL init process complete; ready for start up.",
                        "LOG:  database system is ready to accept connections"));
                return true;
            }
            case "mysqld", "mariadbd" -> {
                generic(sh, io, k, 3306, List.of("[Server] /usr/sbin/mysqld: ready for connections. Version: '"
                        + sh.vars.getOrDefault("MYSQL_VERSION", "9.1.0").replaceAll("-.*", "")
                        + "'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306"));
                return true;
            }
            case "pause" -> {
                return true;
            }
            case "hello" -> {
                io.out().write("\nHello from Docker!\nThis message shows that your installation appears to be working "
                        + "correctly.\n\n");
                k.accept(0);
                return true;
            }
            case "python", "python3" -> {
                int module = args.indexOf("-m");
                if (module >= 0 && module + 1 < args.size() && args.get(module + 1).equals("http.server")) {
                    PythonHttpServer.run(sh, args.contains("-u"), args.subList(module + 2, args.size()), io, k);
                    return true;
                }
                interpreter(sh, args, io, k);
                return true;
            }
            case "node", "irb", "jshell", "perl", "php", "ruby" -> {
                interpreter(sh, args, io, k);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * An interpreter without a script reads its input: closed, it ends; a script runs until stopped, a
     * server as far as anyone can tell, on the ports the container declares.
     */
    private static void interpreter(ShellEvaluator sh, List<String> args, Io io, IntConsumer k) {
        boolean script = args.stream().anyMatch(a -> !a.startsWith("-"));
        if (!script) {
            if (io.in() != null) {
                k.accept(0);
            } else {
                sh.host.readInput(input -> k.accept(0));
            }
        } else {
            sh.host.listenOnDeclaredPorts();
        }
    }

    /** Whether {@link #run} knows the program. */
    static boolean provides(String base) {
        return List.of("docker-entrypoint.sh", "entrypoint.sh", "nginx", "nginx-debug", "httpd", "httpd-foreground",
                "apache2-foreground", "redis-server", "postgres", "mysqld", "mariadbd", "pause", "hello", "python",
                "python3", "node", "irb", "jshell", "perl", "php", "ruby").contains(base);
    }

    static List<String> nginxEntrypointLines() {
        return List.of(
                "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
                "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
                "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
                "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
                "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
                "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
                "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
                "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
                "/docker-entrypoint.sh: Configuration complete; ready for start up");
    }

    // ---- nginx

    private static void nginx(ShellEvaluator sh, List<String> args, Io io, IntConsumer k) {
        String version = sh.vars.getOrDefault("NGINX_VERSION", "1.27.3");
        if (args.contains("-v") || args.contains("-V")) {
            io.err().write("nginx version: nginx/" + version + "\n");
            k.accept(0);
            return;
        }
        String conf = read(sh, "/etc/nginx/conf.d/default.conf");
        int port = 80;
        String root = "/usr/share/nginx/html";
        if (conf != null) {
            Matcher listen = LISTEN.matcher(conf);
            if (listen.find()) {
                port = Integer.parseInt(listen.group(1));
            }
            Matcher r = ROOT.matcher(conf);
            if (r.find()) {
                root = r.group(1);
            }
        }
        if (args.contains("-t")) {
            io.err().write("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n"
                    + "nginx: configuration file /etc/nginx/nginx.conf test is successful\n");
            k.accept(0);
            return;
        }
        String docRoot = root;
        int p = port;
        HttpServer server = request -> serve(sh, io, docRoot, request, version, true);
        bindNginx(sh, io, k, p, server, version, 1);
    }

    private static void bindNginx(ShellEvaluator sh, Io io, IntConsumer k, int port, HttpServer server,
            String version, int attempt) {
        String time = NGINX_TIME.format(now(sh));
        if (sh.host.listen(port, server)) {
            io.err().write(time + " [notice] 1#1: using the \"epoll\" event method\n"
                    + time + " [notice] 1#1: nginx/" + version + "\n"
                    + time + " [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)\n"
                    + time + " [notice] 1#1: OS: Linux 6.8.0-49-generic\n"
                    + time + " [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576\n"
                    + time + " [notice] 1#1: start worker processes\n"
                    + time + " [notice] 1#1: start worker process 29\n"
                    + time + " [notice] 1#1: start worker process 30\n");
            return;
        }
        for (String address : List.of("0.0.0.0:" + port, "[::]:" + port)) {
            io.err().write(time + " [emerg] 1#1: bind() to " + address + " failed (98: Address already in use)\n"
                    + "nginx: [emerg] bind() to " + address + " failed (98: Address already in use)\n");
        }
        if (attempt >= BIND_TRIES) {
            io.err().write(time + " [emerg] 1#1: still could not bind()\nnginx: [emerg] still could not bind()\n");
            k.accept(1);
            return;
        }
        io.err().write(time + " [notice] 1#1: try again to bind() after 500ms\n");
        sh.after(BIND_RETRY, () -> bindNginx(sh, io, k, port, server, version, attempt + 1));
    }

    // ---- httpd

    private static void httpd(ShellEvaluator sh, Io io, IntConsumer k) {
        String version = sh.vars.getOrDefault("HTTPD_VERSION", "2.4.62");
        String prefix = sh.vars.getOrDefault("HTTPD_PREFIX", "/usr/local/apache2");
        HttpServer server = request -> serve(sh, io, prefix + "/htdocs", request, version, false);
        String time = "[" + DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss.SSSSSS yyyy", Locale.ROOT)
                .format(now(sh)) + "] ";
        if (!sh.host.listen(80, server)) {
            io.err().write("(98)Address already in use: AH00072: make_sock: could not bind to address [::]:80\n"
                    + "(98)Address already in use: AH00072: make_sock: could not bind to address 0.0.0.0:80\n"
                    + "no listening sockets available, shutting down\nAH00015: Unable to open logs\n");
            k.accept(1);
            return;
        }
        io.err().write("AH00558: httpd: Could not reliably determine the server's fully qualified domain name, "
                + "using " + sh.host.podIP() + ". Set the 'ServerName' directive globally to suppress this message\n"
                + time + "[mpm_event:notice] [pid 1:tid 1] AH00489: Apache/" + version + " (Unix) configured -- "
                + "resuming normal operations\n"
                + time + "[core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'\n");
    }

    // ---- redis and the others

    private static void redis(ShellEvaluator sh, Io io, IntConsumer k) {
        String time = REDIS_TIME.format(now(sh));
        String version = sh.vars.getOrDefault("REDIS_VERSION", "7.4.1");
        io.out().write("1:C " + time + " * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo\n"
                + "1:C " + time + " * Redis version=" + version + ", bits=64, commit=00000000, modified=0, pid=1, "
                + "just started\n");
        if (!sh.host.listen(6379, request -> null)) {
            io.out().write("1:M " + time + " # Warning: Could not create server TCP listening socket *:6379: bind: "
                    + "Address already in use\n1:M " + time + " # Failed listening on port 6379 (tcp), aborting.\n");
            k.accept(1);
            return;
        }
        io.out().write("1:M " + time + " * Server initialized\n1:M " + time + " * Ready to accept connections tcp\n");
    }

    private static void generic(ShellEvaluator sh, Io io, IntConsumer k, int port, List<String> lines) {
        if (!sh.host.listen(port, request -> null)) {
            io.err().write("bind: Address already in use\n");
            k.accept(1);
            return;
        }
        io.out().write(String.join("\n", lines) + "\n");
    }

    // ---- serving files

    /** A static file server over the container's files, logging each request as nginx's or httpd's access log. */
    private static HttpServer.Response serve(ShellEvaluator sh, Io io, String root, HttpServer.Request request,
            String version, boolean nginx) {
        String path = request.path().contains("?") ? request.path().substring(0, request.path().indexOf('?'))
                : request.path();
        ContainerFs fs = sh.host.fs();
        String file = ContainerFs.normalize(root, "." + path);
        int status;
        byte[] body;
        String error = null;
        long modified = 0;
        try {
            if (fs == null) {
                throw new FsException(FsException.NO_ENTRY);
            }
            if (fs.stat(file).directory()) {
                file = ContainerFs.normalize(file, "index.html");
            }
            body = fs.read(file);
            modified = fs.stat(file).mtime();
            status = 200;
        } catch (FsException e) {
            status = e.getMessage().equals(FsException.NO_ENTRY) && path.endsWith("/") ? 403 : 404;
            if (status == 403) {
                error = "directory index of \"" + root + path + "\" is forbidden";
            } else {
                error = "open() \"" + file + "\" failed (2: No such file or directory)";
            }
            body = errorPage(status, nginx, version, path);
        }
        String reason = status == 200 ? "OK" : status == 403 ? "Forbidden" : "Not Found";
        ZonedDateTime now = now(sh);
        String requestLine = request.method() + " " + request.path() + " HTTP/1.1";
        int sent = request.method().equals("HEAD") ? 0 : body.length;
        if (nginx) {
            if (error != null) {
                io.err().write(NGINX_TIME.format(now) + " [error] 29#29: *1 " + error + ", client: " + request.client()
                        + ", server: localhost, request: \"" + requestLine + "\", host: \""
                        + request.headers().getOrDefault("Host", sh.host.podIP()) + "\"\n");
            }
            io.out().write(request.client() + " - - [" + ACCESS_TIME.format(now) + "] \"" + requestLine + "\" " + status
                    + " " + sent + " \"-\" \"" + request.userAgent() + "\" \"-\"\n");
        } else {
            io.out().write(request.client() + " - - [" + ACCESS_TIME.format(now) + "] \"" + requestLine + "\" " + status
                    + " " + sent + "\n");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Server", nginx ? "nginx/" + version : "Apache/" + version + " (Unix)");
        headers.put("Date", HTTP_DATE.format(now));
        headers.put("Content-Type", "text/html");
        headers.put("Content-Length", Integer.toString(body.length));
        if (status == 200) {
            headers.put("Last-Modified", HTTP_DATE.format(Instant.ofEpochMilli(modified).atZone(ZoneOffset.UTC)));
        }
        headers.put("Connection", "keep-alive");
        if (status == 200) {
            // the entity tags: nginx's is the file's time in seconds and its length, httpd's its length and time in µs
            String length = Integer.toHexString(body.length);
            headers.put("ETag", nginx ? "\"" + Long.toHexString(modified / 1000) + "-" + length + "\""
                    : "\"" + length + "-" + Long.toHexString(modified * 1000) + "\"");
            headers.put("Accept-Ranges", "bytes");
        }
        return new HttpServer.Response(status, reason, headers, request.method().equals("HEAD") ? new byte[0] : body);
    }

    private static byte[] errorPage(int status, boolean nginx, String version, String path) {
        String reason = status == 403 ? "Forbidden" : "Not Found";
        String page = nginx ? "<html>\r\n<head><title>" + status + " " + reason + "</title></head>\r\n<body>\r\n"
                + "<center><h1>" + status + " " + reason + "</h1></center>\r\n<hr><center>nginx/" + version
                + "</center>\r\n</body>\r\n</html>\r\n"
                : "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>" + status + " " + reason
                        + "</title>\n</head><body>\n<h1>" + reason + "</h1>\n<p>The requested URL was not found on "
                        + "this server.</p>\n</body></html>\n";
        return page.getBytes(StandardCharsets.UTF_8);
    }

    private static String read(ShellEvaluator sh, String path) {
        if (sh.host.fs() == null) {
            return null;
        }
        try {
            return new String(sh.host.fs().read(path), StandardCharsets.UTF_8);
        } catch (FsException e) {
            return null;
        }
    }

    private static ZonedDateTime now(ShellEvaluator sh) {
        return sh.host.now().atZone(ZoneOffset.UTC);
    }
}

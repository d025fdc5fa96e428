package io.kubeling.controllers.kubelet;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What well-known images do when run without a command: servers start, print their usual start-up
 * lines and run until stopped (and stop promptly on SIGTERM); shell images exit at once, as a shell
 * without a terminal does; anything else runs until stopped.
 */
final class ImageBehaviour {

    /** Images whose entrypoint runs the given args as a command (no entrypoint of their own). */
    private static final Set<String> SHELL_IMAGES = Set.of("busybox", "alpine", "ubuntu", "debian", "centos",
            "fedora", "bash", "rockylinux", "almalinux", "amazonlinux", "archlinux", "opensuse", "curl",
            "curlimages", "netshoot", "dnsutils", "python", "node", "ruby", "golang", "openjdk", "eclipse-temurin",
            "perl", "php", "jessie-dnsutils", "agnhost");
    private static final Set<String> SERVERS = Set.of("nginx", "redis", "httpd", "postgres", "mysql", "mariadb",
            "mongo", "tomcat", "rabbitmq", "memcached", "traefik", "haproxy", "caddy", "etcd", "pause", "coredns",
            "kube-proxy", "nginx-unprivileged", "echoserver", "hello-app", "whoami", "registry", "elasticsearch",
            "grafana", "prometheus", "zookeeper", "kafka", "consul", "vault", "jenkins", "wordpress", "ghost");
    private static final DateTimeFormatter NGINX_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss",
            Locale.ROOT);
    private static final DateTimeFormatter REDIS_TIME = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS",
            Locale.ROOT);

    private ImageBehaviour() {
    }

    /** Whether args alone are run as the command (the image has no entrypoint). */
    static boolean runsArgsAsCommand(ImageName image) {
        return image == null || SHELL_IMAGES.contains(image.shortName());
    }

    /** Whether the image's default process exits at once. */
    static boolean exitsAtOnce(ImageName image) {
        return image != null && (SHELL_IMAGES.contains(image.shortName()));
    }

    /** Whether the image's default process ends promptly and cleanly on SIGTERM. */
    static boolean stopsOnTerm(ImageName image) {
        return image != null && SERVERS.contains(image.shortName());
    }

    /** What the image's default process prints when it starts. */
    static List<String> startupLines(ImageName image, Instant now) {
        if (image == null) {
            return List.of();
        }
        var utc = now.atOffset(ZoneOffset.UTC);
        String version = image.tag() == null || image.tag().equals("latest") ? null : image.tag();
        return switch (image.shortName()) {
            case "nginx", "nginx-unprivileged" -> List.of(
                    "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
                    "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
                    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
                    "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
                    "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
                    "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
                    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
                    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
                    "/docker-entrypoint.sh: Configuration complete; ready for start up",
                    NGINX_TIME.format(utc) + " [notice] 1#1: using the \"epoll\" event method",
                    NGINX_TIME.format(utc) + " [notice] 1#1: nginx/" + (version == null ? "1.27.3" : version),
                    NGINX_TIME.format(utc) + " [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)",
                    NGINX_TIME.format(utc) + " [notice] 1#1: OS: Linux 6.8.0",
                    NGINX_TIME.format(utc) + " [notice] 1#1: start worker processes",
                    NGINX_TIME.format(utc) + " [notice] 1#1: start worker process 29");
            case "redis" -> List.of(
                    "1:C " + REDIS_TIME.format(utc) + " * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo",
                    "1:C " + REDIS_TIME.format(utc) + " * Redis version=" + (version == null ? "7.4.1" : version)
                            + ", bits=64, commit=00000000, modified=0, pid=1, just started",
                    "1:M " + REDIS_TIME.format(utc) + " * Server initialized",
                    "1:M " + REDIS_TIME.format(utc) + " * Ready to accept connections tcp");
            case "httpd" -> List.of(
                    "AH00558: httpd: Could not reliably determine the server's fully qualified domain name. "
                            + "Set the 'ServerName' directive globally to suppress this message",
                    "[mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal "
                            + "operations",
                    "[core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'");
            case "postgres" -> List.of("PostgreSQL init process complete; ready for start up.",
                    "LOG:  database system is ready to accept connections");
            case "mysql", "mariadb" -> List.of("[Server] /usr/sbin/mysqld: ready for connections. Version: '"
                    + (version == null ? "9.1.0" : version) + "'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306");
            case "tomcat" -> List.of("org.apache.catalina.startup.Catalina.start Server startup in [812] milliseconds");
            case "hello-world" -> List.of("", "Hello from Docker!",
                    "This message shows that your installation appears to be working correctly.", "");
            default -> List.of();
        };
    }
}

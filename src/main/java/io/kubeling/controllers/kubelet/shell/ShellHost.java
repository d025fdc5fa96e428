package io.kubeling.controllers.kubelet.shell;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.kubeling.controllers.kubelet.fs.ContainerFs;

/**
 * What a simulated shell sees of its container and the cluster. Only the first five methods are needed;
 * the others have defaults for a host with no filesystem, no network of pods and no input.
 */
public interface ShellHost {

    /** Writes text to the container's output. */
    void write(String text);

    /** Runs {@code next} once {@code delay} of simulated time has passed (scaled by the host). */
    void after(Duration delay, Runnable next);

    /** The cluster DNS answer for a name, if it resolves: a Service in the pod's namespace or a qualified one. */
    Optional<Resolved> resolve(String name);

    /** Whether a connection to {@code host:port} would be accepted: a Service with a ready endpoint. */
    boolean connects(String host, int port);

    Instant now();

    /** Writes to the standard error; a container's log takes both streams. */
    default void writeError(String text) {
        write(text);
    }

    /** Writes bytes to the standard output ({@code tar cf -}); a host of text decodes them. */
    default void writeBytes(byte[] data) {
        write(new String(data, StandardCharsets.UTF_8));
    }

    /**
     * Reads the whole standard input, then calls {@code all}. The default never calls it: a process
     * reading a terminal nobody types into waits.
     */
    default void readInput(Consumer<byte[]> all) {
    }

    /** The container's files, or null when the host has none (file commands then fail). */
    default ContainerFs fs() {
        return null;
    }

    /**
     * Whether the container has a program of this name that the shell does not implement: it then runs
     * until stopped. The default says yes to anything, as before images were known.
     */
    default boolean hasProgram(String name) {
        return true;
    }

    /** The flavour of the image's tools: {@code busybox} (with its version) or {@code gnu}. */
    default String tools() {
        return "busybox";
    }

    /** The cluster DNS server, as /etc/resolv.conf names it. */
    default String nameserver() {
        return "10.96.0.10";
    }

    /** The pod's IP, as its servers see themselves. */
    default String podIP() {
        return "127.0.0.1";
    }

    /** Starts listening on a port of the pod; false when another container of the pod holds it. */
    default boolean listen(int port, HttpServer server) {
        return true;
    }

    /**
     * An HTTP request to {@code host:port} (a pod IP, a Service name or IP): the response, or why it
     * failed. The default answers from {@link #connects}: a connection accepted, an empty 200.
     */
    default HttpResult http(String host, int port, HttpServer.Request request) {
        if (resolve(host).isEmpty() && !host.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            return HttpResult.unresolved();
        }
        if (!connects(host, port)) {
            return HttpResult.refused();
        }
        return HttpResult.of(new HttpServer.Response(200, "OK", Map.of("Content-Type", "text/html"), new byte[0]));
    }

    /**
     * A program the shell does not know runs as the container's process: it listens on its image's ports
     * and the ones the container declares, when nothing says what else it would do.
     */
    default void listenOnDeclaredPorts() {
    }

    /** The container's processes as {@code ps} lists them: PID 1 first. */
    default List<Process> processes() {
        return List.of();
    }

    /** This shell's own PID ({@code $$}). */
    default int pid() {
        return 1;
    }

    /**
     * Sends a signal to a process of the container: false when no process has that PID. PID 1 takes
     * none it has no handler for, as an init process does.
     */
    default boolean kill(int pid, int signal) {
        return pid == 1;
    }

    /** The terminal's size, {@code [rows, columns]}, as the client last set it; null without a terminal. */
    default int[] terminalSize() {
        return null;
    }

    /** A process as {@code ps} shows it. */
    record Process(int pid, String command) {
    }

    /** Sets a kernel parameter ({@code sysctl -w}); false when it is not one the container may set. */
    default boolean sysctl(String key, String value) {
        return true;
    }

    /** Who the process runs as: the default is root, as a container without a securityContext runs. */
    default Identity identity() {
        return Identity.ROOT;
    }

    /** A process's user and groups: its uid, its gid, and all the groups it is in, sorted. */
    record Identity(long uid, long gid, List<Long> groups) {

        public static final Identity ROOT = new Identity(0, 0, List.of(0L));
    }

    /** A resolved name: its fully qualified form and address. */
    record Resolved(String fqdn, String address) {
    }

    /** The outcome of an HTTP request: a response, or a name that does not resolve, or a refused connection. */
    record HttpResult(HttpServer.Response response, boolean resolved) {

        public static HttpResult of(HttpServer.Response response) {
            return new HttpResult(response, true);
        }

        public static HttpResult unresolved() {
            return new HttpResult(null, false);
        }

        public static HttpResult refused() {
            return new HttpResult(null, true);
        }
    }
}

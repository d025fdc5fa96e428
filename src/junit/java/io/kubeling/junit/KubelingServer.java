package io.kubeling.junit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Kubeling server in a JVM of its own, on a random loopback port and a fresh in-memory database, with its
 * kubeconfig in a temporary directory. A child JVM, so that the server's class path (Spring Boot, the fabric8
 * model) never meets the test's.
 */
public final class KubelingServer implements AutoCloseable {

    private static final Pattern SERVER = Pattern.compile("server: (http://[^\\s]+)");
    private static final Pattern NOW = Pattern.compile("\"now\":\"([^\"]+)\"");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(
            Long.getLong("kubeling.junit.start-timeout-seconds", 180));

    private final Process process;
    private final FastLaunch.Launch launch;
    private final Path directory;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread reaper;
    private URI url;

    private KubelingServer(Process process, FastLaunch.Launch launch, Path directory, Path log) {
        this.process = process;
        this.launch = launch;
        this.directory = directory;
        this.log = log;
        this.reaper = new Thread(this::destroy, "kubeling-server-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts a server with the given command-line settings ({@code --kubeling.x=y}) and waits until it is ready. */
    public static KubelingServer start(List<String> arguments) {
        try {
            Path directory = Files.createTempDirectory("kubeling-junit-");
            Path log = directory.resolve("kubeling.log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(List.of(System.getProperty("kubeling.junit.jvm-options",
                    "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m -Xss512k").trim().split("\\s+")));
            FastLaunch.Launch launch = FastLaunch.of(ServerJar.path());
            command.addAll(launch.command());
            command.addAll(List.of("--kubeling.port=0",
                    "--kubeling.bind-address=127.0.0.1",
                    "--kubeling.parent-pid=" + ProcessHandle.current().pid(),
                    "--kubeling.data-dir=" + directory.resolve("data"),
                    "--kubeling.database-url=jdbc:h2:mem:kubeling-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                    "--logging.level.root=WARN"));
            // a throwaway test server speaks plain HTTP on its loopback port, as the admin, unless asked for TLS
            if (arguments.stream().noneMatch(a -> a.startsWith("--kubeling.tls.enabled="))) {
                command.add("--kubeling.tls.enabled=false");
            }
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            KubelingServer server = new KubelingServer(process, launch, directory, log);
            try {
                server.awaitReady();
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start Kubeling: " + e.getMessage(), e);
        }
    }

    /** The server's base URL, {@code http://127.0.0.1:<port>}. */
    public URI url() {
        return url;
    }

    /** A kubeconfig whose current context names this server. */
    public Path kubeconfig() {
        return directory.resolve("data").resolve("kubeconfig");
    }

    /** What the server has logged. */
    public Path log() {
        return log;
    }

    /** The simulation's clock as the server reads it. */
    public Instant now() {
        return Instant.parse(time(HttpRequest.newBuilder(url.resolve("/kubeling/v1/time")).GET()));
    }

    /**
     * Moves the simulation's clock ahead, running what falls due on the way (back-off restarts, grace periods,
     * tolerationSeconds, heartbeats) in order; returns once that work has run, with the new time. On a running
     * clock ({@code timeScale > 0}) the clock jumps; with {@code timeScale = 0} it moves only so.
     */
    public Instant advanceTime(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time cannot be moved back: " + by);
        }
        String seconds = java.math.BigDecimal.valueOf(by.getSeconds())
                .add(java.math.BigDecimal.valueOf(by.getNano(), 9)).toPlainString();
        return Instant.parse(time(HttpRequest.newBuilder(url.resolve("/kubeling/v1/time/advance?seconds=" + seconds))
                .POST(HttpRequest.BodyPublishers.noBody())));
    }

    /** Sends one request to the server and returns the body; 4xx and 5xx answers are failures. */
    String call(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }

    private String time(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher m = NOW.matcher(response.body());
            if (response.statusCode() != 200 || !m.find()) {
                throw new IllegalStateException("Kubeling's clock: " + response.statusCode() + " " + response.body());
            }
            return m.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("Kubeling's clock: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The server binds port 0 and names the port it got in its kubeconfig; then it is ready once /readyz says so. */
    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (url == null) {
                failIfGone(deadline);
                if (Files.exists(kubeconfig())) {
                    Matcher m = SERVER.matcher(Files.readString(kubeconfig(), StandardCharsets.UTF_8));
                    if (m.find()) {
                        url = URI.create(m.group(1));
                        break;
                    }
                }
                Thread.sleep(50);
            }
            while (true) {
                failIfGone(deadline);
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.resolve("/readyz"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Kubeling's kubeconfig: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Kubeling started", e);
        }
    }

    private void failIfGone(long deadline) {
        if (!process.isAlive()) {
            throw new IllegalStateException("Kubeling exited with " + process.exitValue() + " while starting:\n"
                    + tail());
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Kubeling was not ready after " + START_TIMEOUT + ":\n" + tail());
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // the JVM is shutting down, and the hook runs anyway
        }
    }

    private synchronized void destroy() {
        process.destroy();
        try {
            // a server writing the class data sharing archive as it stops takes a few seconds more, minutes on a
            // busy machine, as a training start did
            if (!process.waitFor(launch.trains() ? 180 : 10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            if (!process.isAlive()) {
                launch.stopped(process.exitValue());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    @Override
    public String toString() {
        return "Kubeling at " + url;
    }
}

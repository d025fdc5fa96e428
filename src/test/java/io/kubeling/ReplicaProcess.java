package io.kubeling;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kubeling.support.ChildJvm;

/**
 * A Kubeling server in a JVM of its own ({@link ChildJvm#server}), so that a test can kill it with SIGKILL
 * as a machine or the kernel's OOM killer would. It binds a free loopback port of its own choosing and names
 * it in the kubeconfig it writes; its output goes to a {@code .log} file beside its data directory. It ends with
 * the test's JVM ({@code kubeling.parent-pid}).
 */
final class ReplicaProcess implements AutoCloseable {

    private static final Pattern SERVER = Pattern.compile("server: http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private int port;

    private ReplicaProcess(Process process, Path dataDir, Path log) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
    }

    /** Launches the server with {@code args} besides its port, data directory, parent and logging; returns at once. */
    static ReplicaProcess launch(Path dataDir, List<String> args) throws IOException {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        List<String> command = ChildJvm.server("-Xmx384m", "-Xss512k");
        command.addAll(List.of("--kubeling.port=0", "--kubeling.data-dir=" + dataDir,
                "--kubeling.parent-pid=" + ProcessHandle.current().pid(),
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ReplicaProcess(process, dataDir, log);
    }

    /** Waits for the server to name its port and answer {@code /readyz}. */
    ReplicaProcess awaitReady(Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        Path kubeconfig = dataDir.resolve("kubeconfig");
        while (port == 0 && process.isAlive() && System.nanoTime() < deadline) {
            if (Files.exists(kubeconfig)) {
                Matcher m = SERVER.matcher(Files.readString(kubeconfig));
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                    break;
                }
            }
            Thread.sleep(100);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (port != 0 && process.isAlive() && System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/readyz")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        kill();
        throw new IllegalStateException("the replica in " + dataDir + " did not start:\n" + log());
    }

    int port() {
        return port;
    }

    /** CPU time the replica's process has used so far. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    boolean alive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** SIGKILL: no shutdown hook runs, the Leases stay held, the database connections are dropped. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}

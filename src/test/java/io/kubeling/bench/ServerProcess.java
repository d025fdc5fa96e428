package io.kubeling.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.util.FileSystemUtils;

/** A Kubeling server in its own JVM, so that its threads and heap are measured apart from the load. */
final class ServerProcess implements AutoCloseable {

    // H2 takes no path relative to the working directory unless it starts with ./
    static final String DATA_DIR = "./target/bench-data";

    private final Process process;
    private final String dataDir;
    private final String log;
    private int port;

    private ServerProcess(Process process, String dataDir, String log) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
    }

    static ServerProcess start(String heap, String... extraArgs) throws Exception {
        return start(heap, List.of(), extraArgs);
    }

    /** With options for the server's JVM, e.g. to record a flight recording while it runs. */
    static ServerProcess start(String heap, List<String> jvmArgs, String... extraArgs) throws Exception {
        return launch(List.of(), null, heap, jvmArgs, DATA_DIR, "target/bench-server.log", extraArgs).awaitReady();
    }

    /**
     * Launched through {@code prefix} (e.g. {@code taskset -c 0}) from {@code jar} (the build's own when null), to pin
     * the server apart from the load and to compare two builds.
     */
    static ServerProcess start(List<String> prefix, File jar, String heap, List<String> jvmArgs, String... extraArgs)
            throws Exception {
        return launch(prefix, jar, heap, jvmArgs, DATA_DIR, "target/bench-server.log", extraArgs).awaitReady();
    }

    /**
     * One of several replicas, each with a data directory and a log of its own ({@code -<n>} appended to the
     * usual names); returns once it is started, before it serves, so that replicas start side by side.
     */
    static ServerProcess launchReplica(int n, String heap, List<String> jvmArgs, String... extraArgs) throws Exception {
        return launch(List.of(), null, heap, jvmArgs, DATA_DIR + "-" + n, "target/bench-server-" + n + ".log", extraArgs);
    }

    private static ServerProcess launch(List<String> prefix, File chosenJar, String heap, List<String> jvmArgs,
            String dataDir, String log, String... extraArgs) throws Exception {
        File jar = chosenJar != null ? chosenJar : findJar();
        // a fresh data directory each run, where the embedded file database lives unless told otherwise
        FileSystemUtils.deleteRecursively(Path.of(dataDir));
        // launched as ./mvnw spring-boot:run launches it: C1 only, which on two cores spends far less CPU compiling
        // than tiered compilation does while the benchmark runs; jvm=-XX:TieredStopAtLevel=4 measures the other way
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("java", "-Xmx" + heap, "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.getPath(),
                "--kubeling.port=0", "--kubeling.tls.enabled=false", "--kubeling.data-dir=" + dataDir,
                "--logging.level.root=WARN"));
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File(log)).start();
        return new ServerProcess(process, dataDir, log);
    }

    private static File findJar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("kubeling-[^-]*(-SNAPSHOT)?\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build the jar first: ./mvnw -DskipTests package"))
                    .toFile();
        }
    }

    /**
     * Waits for the port the server took (it binds port 0 and writes the one it got into the kubeconfig in its
     * data directory, so no other process can take a port picked for it while it starts), then for it to answer.
     */
    ServerProcess awaitReady() throws Exception {
        try {
            awaitPort();
            return this;
        } catch (Exception | Error e) {
            // a server that never became ready must not outlive the benchmark
            close();
            throw e;
        }
    }

    private void awaitPort() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(900).toNanos();
        Pattern server = Pattern.compile("server: http://127\\.0\\.0\\.1:(\\d+)");
        Path kubeconfig = Path.of(dataDir, "kubeconfig");
        while (port == 0 && System.nanoTime() < deadline && process.isAlive()) {
            if (Files.exists(kubeconfig)) {
                Matcher m = server.matcher(Files.readString(kubeconfig));
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                    break;
                }
            }
            Thread.sleep(200);
        }
        while (port != 0 && System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/namespaces"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("server did not start; see " + log);
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Live threads of the server process, from /proc. */
    int threads() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.substring(8).trim());
            }
        }
        return -1;
    }

    /** CPU time the server process has used, from /proc (clock ticks of 1/100 s). */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    /** The write system calls the server process has made (to its sockets above all), from /proc; -1 where unknown. */
    long writeCalls() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/io"))) {
                if (line.startsWith("syscw:")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not readable here
        }
        return -1;
    }

    /**
     * Heap in use after a full collection, in MiB, from jcmd: the sum over the heap's lines (one for G1, one per
     * generation for the serial and parallel collectors); the metaspace lines have no total.
     */
    long heapUsedMiB() throws Exception {
        run("jcmd", Long.toString(process.pid()), "GC.run");
        String info = run("jcmd", Long.toString(process.pid()), "GC.heap_info");
        Pattern used = Pattern.compile("total \\d+K, used (\\d+)K");
        long kib = 0;
        for (String line : info.split("\n")) {
            Matcher m = used.matcher(line);
            if (m.find()) {
                kib += Long.parseLong(m.group(1));
            }
        }
        return kib == 0 ? -1 : kib / 1024;
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    /** Stops the server and waits for it, so that a next run does not share the CPU with its shutdown. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

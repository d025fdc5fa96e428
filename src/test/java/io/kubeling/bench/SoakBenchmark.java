package io.kubeling.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * Soak benchmark: a server with the simulation on, under a steady mixed load at a bounded rate for a
 * given time (configmaps applied, patched and deleted, pods created and deleted, deployments scaled up
 * and down so their pods come and go with their events, gets and lists, one watch held open), printing
 * each minute the server's heap after a full collection, its threads, its open file descriptors and the
 * size of its database, so that growth after warm-up shows.
 *
 * <pre>./mvnw -q -DskipTests package && ./mvnw -q exec:exec@soak-bench -Dbench.args="minutes=60 rate=40"</pre>
 *
 * {@code heap=} (512m unless given), {@code jvm=} and {@code db=} as for the other benchmarks; {@code server=}
 * passes server options separated by {@code ;}, e.g. {@code server=--kubeling.event-ttl=10m}.
 */
public final class SoakBenchmark {

    private static final String NS = "soak";
    private static final int CONFIGMAPS = 500;
    private static final int PODS = 50;
    private static final int DEPLOYMENTS = 10;

    public static void main(String[] args) throws Exception {
        BenchArgs opts = BenchArgs.parse(args);
        int minutes = opts.number("minutes", 60);
        int rate = opts.number("rate", 40);
        String heap = opts.text("heap", "512m");
        List<String> serverArgs = opts.serverArgs();
        try (ServerProcess server = ServerProcess.start(heap, opts.jvm(), serverArgs.toArray(String[]::new))) {
            System.out.printf("server up on %d (pid %d), heap limit %s, %s; %d ops/s for %d minutes%n", server.port(),
                    server.pid(), heap, serverArgs, rate, minutes);
            new SoakBenchmark(server).run(minutes, rate);
        }
    }

    private final ServerProcess server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final AtomicLong watchEvents = new AtomicLong();
    private volatile boolean stopping;

    private SoakBenchmark(ServerProcess server) {
        this.server = server;
    }

    private void run(int minutes, int rate) throws Exception {
        send("POST", "/api/v1/namespaces", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + NS + "\"}}");
        for (int d = 0; d < DEPLOYMENTS; d++) {
            send("POST", "/apis/apps/v1/namespaces/" + NS + "/deployments", "application/json", deployment(d));
        }
        Thread watcher = new Thread(this::watch, "soak-watch");
        watcher.setDaemon(true);
        watcher.start();

        System.out.println("minute  ops  failed  watch-events  heap-after-gc-MiB  threads  fds  db-MiB");
        report(0, 0);
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long ops = 0;
        for (int minute = 1; minute <= minutes; minute++) {
            long end = start + minute * 60_000_000_000L;
            long next = System.nanoTime();
            while (System.nanoTime() < end) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                // a stall is not made up for with a burst: at most a second's operations are owed
                next = Math.max(next + period, System.nanoTime() - 1_000_000_000L);
                operation(ops++);
            }
            report(minute, ops);
        }
        stopping = true;
        failures.forEach((message, count) -> System.out.printf("  %d failed: %s%n", count.sum(), message));
    }

    /** One operation of the mix, chosen by its number, over a bounded set of names so the stored set stays bounded. */
    private void operation(long n) {
        int i = (int) (n / 10);
        try {
            switch ((int) (n % 10)) {
                case 0, 1 -> apply("cm-" + (i * 7 % CONFIGMAPS), n);
                case 2 -> send("PATCH", "/api/v1/namespaces/" + NS + "/configmaps/cm-" + (i * 7 % CONFIGMAPS),
                        "application/merge-patch+json", "{\"data\":{\"patched\":\"" + n + "\"}}", 404);
                case 3 -> send("DELETE", "/api/v1/namespaces/" + NS + "/configmaps/cm-" + (i * 13 % CONFIGMAPS),
                        null, null, 404);
                case 4 -> pod(i);
                case 5 -> send("PATCH", "/apis/apps/v1/namespaces/" + NS + "/deployments/d-" + (i % DEPLOYMENTS),
                        "application/merge-patch+json", "{\"spec\":{\"replicas\":" + (i / DEPLOYMENTS % 4) + "}}");
                case 6 -> send("GET", "/api/v1/namespaces/" + NS + "/configmaps/cm-" + (i % CONFIGMAPS), null, null,
                        404);
                case 7 -> send("GET", "/api/v1/namespaces/" + NS + "/pods", null, null);
                case 8 -> send("GET", "/api/v1/namespaces/" + NS + "/configmaps?limit=100", null, null);
                default -> send("GET", "/api/v1/namespaces/" + NS + "/events?limit=100", null, null);
            }
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            failures.computeIfAbsent(message.substring(0, Math.min(160, message.length())), k -> new LongAdder())
                    .increment();
        }
    }

    private void apply(String name, long n) throws Exception {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"app\":\"soak\"}},\"data\":{\"n\":\"" + n + "\",\"payload\":\"" + "x".repeat(512)
                + "\"}}";
        send("PATCH", "/api/v1/namespaces/" + NS + "/configmaps/" + name + "?fieldManager=soak&force=true",
                "application/apply-patch+yaml", body);
    }

    /** Creates pod p-k on one pass over the names and deletes it on the next. */
    private void pod(int i) throws Exception {
        String name = "p-" + (i % PODS);
        if (i / PODS % 2 == 0) {
            send("POST", "/api/v1/namespaces/" + NS + "/pods", "application/json",
                    "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
                            + "\"},\"spec\":{\"terminationGracePeriodSeconds\":0,"
                            + "\"containers\":[{\"name\":\"app\",\"image\":\"nginx\"}]}}", 409);
        } else {
            send("DELETE", "/api/v1/namespaces/" + NS + "/pods/" + name, null, null, 404);
        }
    }

    private static String deployment(int d) {
        return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"d-" + d + "\"},"
                + "\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"app\":\"d-" + d + "\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"d-" + d + "\"}},"
                + "\"spec\":{\"terminationGracePeriodSeconds\":0,"
                + "\"containers\":[{\"name\":\"app\",\"image\":\"nginx\"}]}}}}";
    }

    /** A watch on the namespace's configmaps, opened again whenever the server ends it. */
    private void watch() {
        while (!stopping) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/namespaces/" + NS
                    + "/configmaps?watch=true&allowWatchBookmarks=true&timeoutSeconds=300")).build();
            try (InputStream in = http.send(request, HttpResponse.BodyHandlers.ofInputStream()).body()) {
                int b;
                while ((b = in.read()) >= 0 && !stopping) {
                    if (b == '\n') {
                        watchEvents.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // the server ended it or is going away; open it again
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void report(int minute, long ops) throws Exception {
        long failed = failures.values().stream().mapToLong(LongAdder::sum).sum();
        System.out.printf("%6d %6d %7d %13d %18d %8d %4d %7.1f%n", minute, ops, failed, watchEvents.get(),
                server.heapUsedMiB(), server.threads(), fileDescriptors(), databaseMiB());
    }

    private long fileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + server.pid() + "/fd"))) {
            return fds.count();
        }
    }

    private static double databaseMiB() throws IOException {
        Path dir = Path.of(ServerProcess.DATA_DIR);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".db"))
                    .mapToLong(p -> p.toFile().length()).sum() / 1048576.0;
        }
    }

    private void send(String method, String path, String contentType, String body, int... tolerated)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<Void> r = http.send(b.build(), HttpResponse.BodyHandlers.discarding());
        int status = r.statusCode();
        if (status >= 300) {
            for (int t : tolerated) {
                if (status == t) {
                    return;
                }
            }
            throw new IllegalStateException(method + " " + path.replaceAll("[0-9]+", "N") + ": " + status);
        }
    }
}

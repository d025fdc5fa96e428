package io.kubeling.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pod start-up benchmark: a server with N simulated nodes (scheduler and kubelets running), one
 * watch on all pods, P pods created across namespaces by C concurrent writers; reports for each pod
 * the time from its create request to the first watch event showing it Running with Ready=True
 * (p50, p90, p99, max), the time until all are Running, the writes/s achieved, and the server's heap
 * after a full collection and its threads. The stages show where the time goes: from the create request
 * to the watch showing the pod, then bound to a node, then reported by its kubelet, then Running.
 *
 * <pre>./mvnw -q -DskipTests package && ./mvnw -q exec:java@pod-bench -Dbench.args="pods=10000 nodes=100 namespaces=100 concurrency=16"</pre>
 *
 * {@code jvm=} passes options to the server's JVM (separated by {@code ;}), e.g.
 * {@code jvm=-XX:StartFlightRecording=filename=target/pod-bench.jfr}.
 */
public final class PodStartupBenchmark {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        BenchArgs opts = BenchArgs.parse(args);
        int pods = opts.number("pods", 10000);
        int nodes = opts.number("nodes", 100);
        int namespaces = opts.number("namespaces", 100);
        int concurrency = opts.number("concurrency", 16);
        int timeout = opts.number("timeout", 600);
        String image = opts.text("image", "nginx");
        List<String> serverArgs = new ArrayList<>(opts.databaseArgs());
        serverArgs.add("--kubeling.simulation.nodes.count=" + nodes);
        try (ServerProcess server = ServerProcess.start(opts.heap(), opts.jvm(), serverArgs.toArray(String[]::new))) {
            System.out.printf("server up on %d (pid %d): %d nodes, %d threads, heap %d MiB%n", server.port(),
                    server.pid(), nodes, server.threads(), server.heapUsedMiB());
            run(server, nodes, pods, namespaces, concurrency, image, timeout);
        }
    }

    private static void run(ServerProcess server, int nodes, int pods, int namespaces, int concurrency, String image,
            int timeout) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        awaitNodesReady(http, server, nodes);
        for (int n = 0; n < namespaces; n++) {
            send(http, server, "POST", "/api/v1/namespaces",
                    "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"bench-" + n + "\"}}");
        }
        String since = WatchBenchmark.field(send(http, server, "GET", "/api/v1/pods?limit=1", null),
                "resourceVersion");

        long[] created = new long[pods];
        Stages stages = new Stages(pods);
        long[] running = new long[pods];
        CountDownLatch allRunning = new CountDownLatch(pods);
        LongAdder events = new LongAdder();
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
        Thread reader = new Thread(() -> watch(socket, "/api/v1/pods?watch=true&resourceVersion=" + since, created,
                stages, running, allRunning, events), "pod-watch");
        reader.setDaemon(true);
        reader.start();

        ExecutorService writers = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        CountDownLatch written = new CountDownLatch(concurrency);
        double cpuBefore = server.cpuSeconds();
        long began = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            writers.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < pods) {
                    String body = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"pod-" + i
                            + "\"},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"" + image + "\"}]}}";
                    created[i] = System.nanoTime();
                    try {
                        send(http, server, "POST", "/api/v1/namespaces/bench-" + (i % namespaces) + "/pods", body);
                    } catch (Exception e) {
                        failures.computeIfAbsent(e.getMessage() == null ? e.toString()
                                : e.getMessage().substring(0, Math.min(160, e.getMessage().length())),
                                k -> new LongAdder()).increment();
                        allRunning.countDown();
                    }
                }
                written.countDown();
            });
        }
        written.await();
        double writeSeconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("created %d pods in %.1f s = %.0f writes/s (%d writers)%n", pods, writeSeconds,
                pods / writeSeconds, concurrency);
        failures.forEach((message, count) -> System.out.printf("  %d creates failed: %s%n", count.sum(), message));
        boolean all = allRunning.await(timeout, TimeUnit.SECONDS);
        long end = System.nanoTime();
        double cpu = server.cpuSeconds() - cpuBefore;
        writers.shutdownNow();

        long[] latencies = new long[pods];
        int count = 0;
        long last = 0;
        for (int i = 0; i < pods; i++) {
            if (running[i] != 0) {
                latencies[count++] = running[i] - created[i];
                last = Math.max(last, running[i]);
            }
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        System.out.printf("%d of %d pods Running and Ready%s; %d watch events%n", count, pods,
                all ? "" : " (gave up after " + timeout + " s)", events.sum());
        if (count > 0) {
            System.out.printf("creation to Running+Ready: p50 %.2f s, p90 %.2f s, p99 %.2f s, max %.2f s%n",
                    pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[count - 1] / 1e9);
            System.out.printf("all Running %.1f s after the first create%n", (last - began) / 1e9);
            stages.print(created, running);
        }
        System.out.printf("server: %d threads, heap %d MiB after GC, %.1f CPU seconds (%.0f%% of one core)%n",
                server.threads(), server.heapUsedMiB(), cpu, 100 * cpu / ((end - began) / 1e9));
        socket.close();
    }

    private static void awaitNodesReady(HttpClient http, ServerProcess server, int nodes) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int ready = 0;
        while (System.nanoTime() < deadline) {
            JsonNode list = JSON.readTree(send(http, server, "GET", "/api/v1/nodes", null));
            ready = 0;
            for (JsonNode node : list.path("items")) {
                for (JsonNode c : node.path("status").path("conditions")) {
                    if ("Ready".equals(c.path("type").asString()) && "True".equals(c.path("status").asString())) {
                        ready++;
                    }
                }
            }
            if (ready >= nodes) {
                System.out.printf("%d nodes Ready%n", ready);
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("only " + ready + " nodes became Ready");
    }

    private static void watch(Socket socket, String path, long[] created, Stages stages, long[] running,
            CountDownLatch allRunning, LongAdder events) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ChunkedLines in = new ChunkedLines(new BufferedInputStream(socket.getInputStream(), 1 << 16));
            String line;
            while ((line = in.next()) != null) {
                events.increment();
                stages.saw(line, System.nanoTime());
                // only events that could show Running are parsed, to spare the client's CPU
                if (!line.contains("\"Running\"")) {
                    continue;
                }
                long now = System.nanoTime();
                JsonNode pod = JSON.readTree(line).path("object");
                if (!"Running".equals(pod.path("status").path("phase").asString()) || !ready(pod)) {
                    continue;
                }
                String name = pod.path("metadata").path("name").asString();
                if (!name.startsWith("pod-")) {
                    continue;
                }
                int i = Integer.parseInt(name.substring(4));
                if (i < running.length && running[i] == 0 && created[i] != 0) {
                    running[i] = now;
                    allRunning.countDown();
                }
            }
        } catch (IOException e) {
            // closed at the end
        }
    }

    /** When the watch first showed each pod, bound to a node, and reported by its kubelet. */
    private static final class Stages {

        private static final String NAME = "\"name\":\"pod-";

        private final long[] added;
        private final long[] bound;
        private final long[] reported;

        Stages(int pods) {
            added = new long[pods];
            bound = new long[pods];
            reported = new long[pods];
        }

        /** Reads the pod's number and its stage off the event's text, without parsing it. */
        void saw(String line, long now) {
            int at = line.indexOf(NAME);
            if (at < 0) {
                return;
            }
            int from = at + NAME.length();
            int to = line.indexOf('"', from);
            int i;
            try {
                i = Integer.parseInt(line, from, to, 10);
            } catch (NumberFormatException e) {
                return;
            }
            if (i >= added.length) {
                return;
            }
            mark(added, i, now);
            if (line.contains("\"nodeName\"")) {
                mark(bound, i, now);
            }
            if (line.contains("\"PodReadyToStartContainers\"")) {
                mark(reported, i, now);
            }
        }

        private static void mark(long[] times, int i, long now) {
            if (times[i] == 0) {
                times[i] = now;
            }
        }

        void print(long[] created, long[] running) {
            System.out.println("stages (p50 / p99):");
            long start = Arrays.stream(created).filter(t -> t != 0).min().orElse(0);
            stage("  create request to watch ADDED", created, added, start);
            stage("  ADDED to bound", added, bound, start);
            stage("  bound to first kubelet status", bound, reported, start);
            stage("  first kubelet status to Running+Ready", reported, running, start);
        }

        /** The stage's p50 and p99, and when the pods slower than its p99 reached it, to tell a stall from a drift. */
        private static void stage(String label, long[] from, long[] to, long start) {
            long[] d = new long[from.length];
            int n = 0;
            for (int i = 0; i < from.length; i++) {
                if (from[i] != 0 && to[i] != 0) {
                    d[n++] = to[i] - from[i];
                }
            }
            long[] sorted = Arrays.copyOf(d, n);
            Arrays.sort(sorted);
            if (n == 0) {
                return;
            }
            long p99 = sorted[Math.min(n - 1, (int) Math.ceil(n * 0.99) - 1)];
            long[] slow = java.util.stream.IntStream.range(0, from.length)
                    .filter(i -> from[i] != 0 && to[i] != 0 && to[i] - from[i] >= p99)
                    .mapToLong(i -> from[i] - start).sorted().toArray();
            System.out.printf("%-42s %6.2f s / %6.2f s   slowest 1%% entered it %.1f to %.1f s in, half by %.1f s%n",
                    label, pct(sorted, 50), pct(sorted, 99), slow[0] / 1e9, slow[slow.length - 1] / 1e9,
                    slow[slow.length / 2] / 1e9);
        }
    }

    private static boolean ready(JsonNode pod) {
        for (JsonNode c : pod.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asString())) {
                return "True".equals(c.path("status").asString());
            }
        }
        return false;
    }

    private static double pct(long[] sorted, int p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e9;
    }

    private static String send(HttpClient http, ServerProcess server, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private PodStartupBenchmark() {
    }
}

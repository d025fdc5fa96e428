package io.kubeling.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

import io.kubeling.support.PostgresServer;

/**
 * Pod start-up benchmark: a server with N simulated nodes (scheduler and kubelets running), one
 * watch on all pods, P pods created across namespaces by C concurrent writers; reports for each pod
 * the time from its create request to the first watch event showing it Running with Ready=True
 * (p50, p90, p99, max), the time until all are Running, the writes/s achieved, and the server's heap
 * after a full collection and its threads. The stages show where the time goes: from the create request
 * to the watch showing the pod, then bound to a node, then reported by its kubelet, then Running.
 *
 * <pre>./mvnw -q -DskipTests package && ./mvnw -q exec:exec@pod-bench -Dbench.args="pods=10000 nodes=100 namespaces=100 concurrency=16"</pre>
 *
 * {@code jvm=} passes options to the server's JVM (separated by {@code ;}), e.g.
 * {@code jvm=-XX:StartFlightRecording=filename=target/pod-bench.jfr}.
 *
 * <p>{@code db=postgres} runs the server on a throwaway PostgreSQL of its own (as the tests start it), and
 * {@code replicas=N} runs N servers on it, the creates spread over them in turn and the watch on the first: the
 * stage from create to the watch's ADDED is then also given apart for the pods created on another replica than the
 * watch's, the cross-replica watch delay under load.
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
        int replicas = opts.number("replicas", 1);
        boolean postgres = "postgres".equals(opts.text("db", "file"));
        if (replicas > 1 && !postgres) {
            throw new IllegalArgumentException("replicas= needs db=postgres: H2 serves one process");
        }
        PostgresServer database = postgres ? PostgresServer.startOwn() : null;
        List<ServerProcess> servers = new ArrayList<>();
        try {
            List<String> serverArgs = new ArrayList<>();
            if (postgres) {
                Path keys = Path.of("target/bench-encryption-keys");
                Files.deleteIfExists(keys);
                serverArgs.addAll(List.of("--kubeling.database-url=" + database.newDatabase(),
                        "--kubeling.database-user=" + PostgresServer.USER, "--kubeling.tls.enabled=false",
                        "--kubeling.encryption.key-file=" + keys.toAbsolutePath()));
            } else {
                serverArgs.addAll(opts.serverArgs());
            }
            serverArgs.add("--kubeling.simulation.nodes.count=" + nodes);
            String[] launch = serverArgs.toArray(String[]::new);
            if (replicas == 1 && !postgres) {
                String jar = opts.text("jar", "");
                servers.add(ServerProcess.start(List.of(), jar.isEmpty() ? null : new java.io.File(jar), opts.heap(),
                        opts.jvm(), launch));
            } else {
                for (int r = 0; r < replicas; r++) {
                    servers.add(ServerProcess.launchReplica(r, opts.heap(), opts.jvm(), launch));
                }
                for (ServerProcess server : servers) {
                    server.awaitReady();
                }
            }
            for (ServerProcess server : servers) {
                System.out.printf("server up on %d (pid %d): %d nodes, %d threads, heap %d MiB%n", server.port(),
                        server.pid(), nodes, server.threads(), server.heapUsedMiB());
            }
            run(servers, nodes, pods, namespaces, concurrency, image, timeout, opts.number("idle", 0));
        } finally {
            servers.forEach(ServerProcess::close);
            if (database != null) {
                database.close();
            }
        }
    }

    private static void run(List<ServerProcess> servers, int nodes, int pods, int namespaces, int concurrency,
            String image, int timeout, int idle) throws Exception {
        ServerProcess server = servers.get(0);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        awaitNodesReady(http, server, nodes);
        if (idle > 0) {
            measureIdle(http, servers, idle);
        }
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
        PodWatch watch = new PodWatch(server.port(), since, created, stages, running, allRunning);
        Thread reader = new Thread(watch::run, "pod-watch");
        reader.setDaemon(true);
        reader.start();

        ExecutorService writers = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        CountDownLatch written = new CountDownLatch(concurrency);
        double cpuBefore = cpuSeconds(servers);
        double clientCpuBefore = clientCpuSeconds();
        MachineCpu machineBefore = MachineCpu.now();
        long began = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            writers.execute(() -> {
                int i;
                while ((i = next.getAndIncrement()) < pods) {
                    String body = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"pod-" + i
                            + "\"},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"" + image + "\"}]}}";
                    created[i] = System.nanoTime();
                    try {
                        send(http, servers.get(i % servers.size()), "POST",
                                "/api/v1/namespaces/bench-" + (i % namespaces) + "/pods", body);
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        boolean all = false;
        while (!all && watch.failure() == null && System.nanoTime() < deadline) {
            all = allRunning.await(1, TimeUnit.SECONDS);
        }
        if (watch.failure() != null) {
            System.out.println(watch.failure());
        }
        long end = System.nanoTime();
        double cpu = cpuSeconds(servers) - cpuBefore;
        double clientCpu = clientCpuSeconds() - clientCpuBefore;
        MachineCpu machine = MachineCpu.now().since(machineBefore);
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
        System.out.printf("%d of %d pods Running and Ready%s; %d watch events%s%n", count, pods,
                all ? "" : " (gave up after " + timeout + " s)", watch.events(),
                watch.resumes() == 0 ? "" : "; the server ended the watch " + watch.resumes()
                        + " times as too slow, and it was resumed from its last resourceVersion");
        if (count > 0) {
            System.out.printf("creation to Running+Ready: p50 %.2f s, p90 %.2f s, p99 %.2f s, max %.2f s%n",
                    pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[count - 1] / 1e9);
            System.out.printf("all Running %.1f s after the first create%n", (last - began) / 1e9);
            stages.print(created, running, servers.size());
        }
        for (ServerProcess s : servers) {
            System.out.printf("server %d: %d threads, heap %d MiB after GC%n", s.port(), s.threads(), s.heapUsedMiB());
        }
        System.out.printf("server%s: %.1f CPU seconds (%.0f%% of one core)%n", servers.size() == 1 ? "" : "s together",
                cpu, 100 * cpu / ((end - began) / 1e9));
        System.out.printf("load generator and watch client: %.1f CPU seconds%n", clientCpu);
        System.out.printf("machine: %.1f CPU seconds busy, %.1f idle, %.1f stolen by the hypervisor%n", machine.busy(),
                machine.idle(), machine.steal());
        watch.close();
    }

    /**
     * What the cluster costs with nothing to run: the servers' CPU and the revisions written (Lease renewals,
     * node status posts, events) over {@code seconds} after the nodes are Ready.
     */
    private static void measureIdle(HttpClient http, List<ServerProcess> servers, int seconds) throws Exception {
        ServerProcess server = servers.get(0);
        awaitSystemPodsRunning(http, server);
        long revisionBefore = Long.parseLong(WatchBenchmark.field(send(http, server, "GET", "/api/v1/pods?limit=1",
                null), "resourceVersion"));
        double cpuBefore = cpuSeconds(servers);
        long began = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double wall = (System.nanoTime() - began) / 1e9;
        double cpu = cpuSeconds(servers) - cpuBefore;
        long revisionAfter = Long.parseLong(WatchBenchmark.field(send(http, server, "GET", "/api/v1/pods?limit=1",
                null), "resourceVersion"));
        System.out.printf("idle for %.0f s: server %.1f CPU seconds (%.1f%% of one core), %.1f writes/s, %d threads%n",
                wall, cpu, 100 * cpu / wall, (revisionAfter - revisionBefore) / wall, server.threads());
    }

    /** The cluster's own pods (a kube-proxy on every node) started, so that what is left is the idle cluster's. */
    private static void awaitSystemPodsRunning(HttpClient http, ServerProcess server) throws Exception {
        long began = System.nanoTime();
        long deadline = began + Duration.ofSeconds(600).toNanos();
        int waiting = -1;
        while (waiting != 0 && System.nanoTime() < deadline) {
            Thread.sleep(waiting < 0 ? 0 : 2000);
            waiting = 0;
            for (JsonNode pod : JSON.readTree(send(http, server, "GET", "/api/v1/pods", null)).path("items")) {
                if (!"Running".equals(pod.path("status").path("phase").asString())) {
                    waiting++;
                }
            }
        }
        System.out.printf("the cluster's own pods Running %.1f s after the nodes were Ready%s%n",
                (System.nanoTime() - began) / 1e9, waiting == 0 ? "" : " (" + waiting + " still not)");
    }

    private static void awaitNodesReady(HttpClient http, ServerProcess server, int nodes) throws Exception {
        long began = System.nanoTime();
        long deadline = began + Duration.ofSeconds(600).toNanos();
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
                System.out.printf("%d nodes Ready %.1f s after the server was up%n", ready,
                        (System.nanoTime() - began) / 1e9);
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("only " + ready + " nodes became Ready");
    }

    /**
     * The watch on all pods, resumed from the last resourceVersion it saw whenever the server ends it (as kube
     * ends a watcher that falls too far behind), as an informer would.
     */
    private static final class PodWatch {

        private final int port;
        private final long[] created;
        private final Stages stages;
        private final long[] running;
        private final CountDownLatch allRunning;
        private final LongAdder events = new LongAdder();
        private volatile String revision;
        private volatile int resumes;
        private volatile Socket socket;
        private volatile boolean closed;
        private volatile String failure;

        PodWatch(int port, String since, long[] created, Stages stages, long[] running, CountDownLatch allRunning) {
            this.port = port;
            this.revision = since;
            this.created = created;
            this.stages = stages;
            this.running = running;
            this.allRunning = allRunning;
        }

        void run() {
            while (!closed) {
                try (Socket s = new Socket()) {
                    socket = s;
                    s.connect(new InetSocketAddress("127.0.0.1", port));
                    read(s);
                } catch (IOException e) {
                    // ended by the server or by close()
                } catch (IllegalStateException e) {
                    failure = e.getMessage();
                    closed = true;
                }
                if (!closed) {
                    resumes++;
                }
            }
        }

        private void read(Socket s) throws IOException {
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/v1/pods?watch=true&allowWatchBookmarks=true&resourceVersion=" + revision
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ChunkedLines in = new ChunkedLines(s.getInputStream());
            String line;
            while ((line = in.next()) != null) {
                if (line.startsWith("{\"type\":\"ERROR\"")) {
                    throw new IllegalStateException("the watch could not be resumed: " + line);
                }
                // the first resourceVersion in the event's text is the object's: metadata comes first
                revision = WatchBenchmark.field(line, "resourceVersion");
                if (line.startsWith("{\"type\":\"BOOKMARK\"")) {
                    continue;
                }
                events.increment();
                long now = System.nanoTime();
                int i = stages.saw(line, now);
                // only the first event that could show a pod Running is parsed, to spare the client's CPU
                if (i < 0 || running[i] != 0 || created[i] == 0 || !line.contains("\"phase\":\"Running\"")) {
                    continue;
                }
                JsonNode pod = JSON.readTree(line).path("object");
                if ("Running".equals(pod.path("status").path("phase").asString()) && ready(pod)) {
                    running[i] = now;
                    allRunning.countDown();
                }
            }
        }

        long events() {
            return events.sum();
        }

        int resumes() {
            return resumes;
        }

        /** Why the watch stopped for good, or null. */
        String failure() {
            return failure;
        }

        void close() throws IOException {
            closed = true;
            Socket s = socket;
            if (s != null) {
                s.close();
            }
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

        /**
         * Reads the pod's number and its stage off the event's text, without parsing it; the number, or -1 for
         * another object.
         */
        int saw(String line, long now) {
            int at = line.indexOf(NAME);
            if (at < 0) {
                return -1;
            }
            int from = at + NAME.length();
            int to = line.indexOf('"', from);
            int i;
            try {
                i = Integer.parseInt(line, from, to, 10);
            } catch (NumberFormatException e) {
                return -1;
            }
            if (i >= added.length) {
                return -1;
            }
            mark(added, i, now);
            if (line.contains("\"nodeName\"")) {
                mark(bound, i, now);
            }
            if (line.contains("\"PodReadyToStartContainers\"")) {
                mark(reported, i, now);
            }
            return i;
        }

        private static void mark(long[] times, int i, long now) {
            if (times[i] == 0) {
                times[i] = now;
            }
        }

        /** With several replicas, pod i was created on replica {@code i % replicas} and the watch is on the first. */
        void print(long[] created, long[] running, int replicas) {
            System.out.println("stages (p50 / p99):");
            long start = Arrays.stream(created).filter(t -> t != 0).min().orElse(0);
            stage("  create request to watch ADDED", created, added, start, i -> true);
            if (replicas > 1) {
                stage("    created on the watch's replica", created, added, start, i -> i % replicas == 0);
                stage("    created on another replica", created, added, start, i -> i % replicas != 0);
            }
            stage("  ADDED to bound", added, bound, start, i -> true);
            stage("  bound to first kubelet status", bound, reported, start, i -> true);
            stage("  first kubelet status to Running+Ready", reported, running, start, i -> true);
        }

        /** The stage's p50 and p99, and when the pods slower than its p99 reached it, to tell a stall from a drift. */
        private static void stage(String label, long[] from, long[] to, long start,
                java.util.function.IntPredicate pods) {
            long[] d = new long[from.length];
            int n = 0;
            for (int i = 0; i < from.length; i++) {
                if (pods.test(i) && from[i] != 0 && to[i] != 0) {
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
                    .filter(i -> pods.test(i) && from[i] != 0 && to[i] != 0 && to[i] - from[i] >= p99)
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

    private static double cpuSeconds(List<ServerProcess> servers) throws IOException {
        double sum = 0;
        for (ServerProcess s : servers) {
            sum += s.cpuSeconds();
        }
        return sum;
    }

    private static double clientCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
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

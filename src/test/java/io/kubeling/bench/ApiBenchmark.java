package io.kubeling.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.springframework.util.FileSystemUtils;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API workloads of the shared load harness (W1-W6), run against Kubeling launched as the README runs it and,
 * given {@code url=} (with {@code token=} or {@code token-file=}, TLS certificates not checked), against another
 * server in the same run, so that the ratios to a kube-apiserver can be checked anywhere:
 * <ul>
 * <li>W1: {@code clients=} clients (16) create {@code pods=} nginx pods (2,000) in a fresh namespace;</li>
 * <li>W2: they get random pods by name for {@code seconds=} (10);</li>
 * <li>W3: they list the namespace in pages of {@code limit=} (500), following continue to the end (one op is one
 * full list);</li>
 * <li>W4: they get a random pod, change a label and put it back with its resourceVersion (409s counted apart);</li>
 * <li>W5: {@code watchers=} watches (100) from a list's resourceVersion while one writer makes {@code updates=} (200)
 * get+put updates: events delivered of those expected, and the time from the writer's answer to each receipt;</li>
 * <li>W6: they delete every pod.</li>
 * </ul>
 * Kubeling runs simulation off on a fresh data directory ({@code launch=cds}, the README's run command, or
 * {@code launch=jar}), on core 0 and this benchmark on core 1 where {@code taskset} and two cores are there
 * ({@code pin=false} leaves both unpinned); {@code kubeling=false} runs only the other server; {@code build=} is the
 * Maven output directory of the build to launch ({@code target}, this one's; another's for a before-and-after);
 * {@code jvm=} replaces the server's JVM options, separated by {@code ;}. {@code idle=} seconds
 * (0) waits after W1 and reads Kubeling's resident memory again, once it has had the time to give memory back.
 *
 * <pre>./mvnw -q -DskipTests package && ./mvnw -q exec:exec@api-bench -Dbench.args="url=https://host:6443 token-file=t"</pre>
 */
public final class ApiBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final String token;
    private final long serverPid;
    private final int pods;
    private final int clients;
    private final double seconds;
    private final int watchers;
    private final int updates;
    private final int limit;
    private final int idle;
    private final HttpClient client;
    private final String ns = "api-bench-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    private final List<String> names = new ArrayList<>();

    private ApiBenchmark(String base, String token, long serverPid, BenchArgs opts) throws Exception {
        this.base = base;
        this.token = token;
        this.serverPid = serverPid;
        this.pods = opts.number("pods", 2000);
        this.clients = opts.number("clients", 16);
        this.seconds = opts.number("seconds", 10);
        this.watchers = opts.number("watchers", 100);
        this.updates = opts.number("updates", 200);
        this.limit = opts.number("limit", 500);
        this.idle = opts.number("idle", 0);
        this.client = newClient();
    }

    public static void main(String[] args) throws Exception {
        BenchArgs opts = BenchArgs.parse(args);
        List<String> workloads = List.of(opts.text("workloads", "w1,w2,w3,w4,w5,w6").split(","));
        boolean pin = Boolean.parseBoolean(opts.text("pin", "true")) && Runtime.getRuntime().availableProcessors() >= 2
                && new java.io.File("/usr/bin/taskset").canExecute();
        if (pin) {
            // every thread of this JVM on core 1, the server's core 0 left to the server
            run("taskset", "-a", "-cp", "1", Long.toString(ProcessHandle.current().pid()));
        }
        System.out.printf("load average before: %s%n", loadAverage());
        Map<String, Map<String, Map<String, Object>>> results = new LinkedHashMap<>();
        if (Boolean.parseBoolean(opts.text("kubeling", "true"))) {
            results.put("Kubeling", kubeling(opts, pin, workloads));
        }
        String url = opts.text("url", "");
        if (!url.isEmpty()) {
            String token = opts.text("token", "");
            if (!opts.text("token-file", "").isEmpty()) {
                token = Files.readString(Path.of(opts.text("token-file", ""))).trim();
            }
            results.put(url, new ApiBenchmark(url, token, opts.number("server-pid", -1), opts).runAll(workloads));
        }
        System.out.printf("load average after: %s%n%n", loadAverage());
        table(results, workloads, opts);
    }

    private static Map<String, Map<String, Object>> kubeling(BenchArgs opts, boolean pin, List<String> workloads)
            throws Exception {
        String launch = opts.text("launch", "cds");
        Path data = Path.of("target/api-bench").toAbsolutePath();
        FileSystemUtils.deleteRecursively(data);
        Files.createDirectories(data);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        if (pin) {
            command.addAll(List.of("taskset", "-c", "0"));
        }
        command.addAll(StartupBenchmark.command(launch,
                opts.jvm().isEmpty() ? StartupBenchmark.readmeOptions(launch) : opts.jvm(),
                Path.of(opts.text("build", "target"))));
        // the secure port on a free port too, so that runs side by side do not collide on 6443
        command.addAll(List.of("--kubeling.port=" + port, "--kubeling.tls.port=0",
                "--kubeling.data-dir=" + data.resolve("data"), "--kubeling.simulation.enabled=false"));
        command.addAll(opts.serverArgs());
        System.out.printf("Kubeling: %s%n", String.join(" ", command));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("server.log").toFile()).start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitReady(base, process);
            return new ApiBenchmark(base, "", process.pid(), opts).runAll(workloads);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static void awaitReady(String base, Process process) throws Exception {
        HttpClient probe = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (probe.send(HttpRequest.newBuilder(URI.create(base + "/readyz")).build(), BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server did not get ready; see target/api-bench/server.log");
    }

    private Map<String, Map<String, Object>> runAll(List<String> workloads) throws Exception {
        System.out.printf("%s: namespace %s%n", base, ns);
        send(post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns
                + "\"}}"));
        // kube-apiserver refuses pods until the namespace's default service account exists; it may be made for us
        send(post("/api/v1/namespaces/" + ns + "/serviceaccounts",
                "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"default\"}}"));
        warmUp();
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        for (String workload : workloads) {
            double cpu0 = serverCpu();
            double alloc0 = serverAllocatedKb();
            double ownCpu0 = ownCpu();
            long wall0 = System.nanoTime();
            Map<String, Object> r = switch (workload.trim()) {
                case "w1" -> create();
                case "w2" -> get();
                case "w3" -> list();
                case "w4" -> update();
                case "w5" -> watch();
                case "w6" -> delete();
                default -> throw new IllegalArgumentException("workloads are w1 to w6, not " + workload);
            };
            double wall = (System.nanoTime() - wall0) / 1e9;
            // near 1.0 on its pinned core, the load generator and not the server is the limit
            r.put("client_cpu", (ownCpu() - ownCpu0) / wall);
            if (r.get("delivered") instanceof Number delivered && delivered.longValue() > 0) {
                // W5's load generator per event received, steadier than its share of the wall time on a loaded machine
                r.put("client_cpu_us_per_event", (ownCpu() - ownCpu0) * 1e6 / delivered.longValue());
            }
            if (serverPid > 0) {
                double cpu = serverCpu() - cpu0;
                double alloc = serverAllocatedKb() - alloc0;
                r.put("server_cpu", cpu / wall);
                // W5 counts deliveries, not operations: it has no figure per op
                long ops = r.get("ops") instanceof Number n ? n.longValue() : 0;
                if (ops > 0) {
                    // what the server spends on one operation, the figure that a shared machine's load leaves steady
                    r.put("server_cpu_ms_per_op", cpu * 1000 / ops);
                    if (alloc0 >= 0) {
                        r.put("server_alloc_kb_per_op", alloc / ops);
                    }
                }
                r.put("server_rss_mb", rssMiB());
                if (idle > 0 && workload.trim().equals("w1")) {
                    System.out.printf("w1 done: %.0f MiB, idle %d s%n", r.get("server_rss_mb"), idle);
                    Thread.sleep(TimeUnit.SECONDS.toMillis(idle));
                    r.put("server_rss_idle_mb", rssMiB());
                }
            }
            System.out.printf("%s %s%n", workload, JSON.writeValueAsString(r));
            results.put(workload.trim(), r);
        }
        send(req("/api/v1/namespaces/" + ns).DELETE().build());
        return results;
    }

    // ---- workloads

    private void warmUp() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        parallel(id -> {
            while (System.nanoTime() < deadline) {
                send(get("/api/v1/namespaces/" + ns));
            }
        });
    }

    private Map<String, Object> create() throws Exception {
        Stats stats = new Stats();
        AtomicInteger next = new AtomicInteger();
        String[] created = new String[pods];
        double secs = parallel(id -> {
            int i;
            while ((i = next.getAndIncrement()) < pods) {
                String name = String.format("bench-%05d", i);
                String body = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
                        + "\",\"labels\":{\"app\":\"bench\",\"upd\":\"0\"}},\"spec\":{\"containers\":[{\"name\":"
                        + "\"nginx\",\"image\":\"nginx\"}]}}";
                long t0 = System.nanoTime();
                HttpResponse<String> r = send(post(pods(), body));
                if (stats.record(r, t0, 201, 200)) {
                    created[i] = name;
                }
            }
        });
        names.clear();
        Arrays.stream(created).filter(n -> n != null).forEach(names::add);
        return stats.result(secs);
    }

    private Map<String, Object> get() throws Exception {
        Stats stats = new Stats();
        long deadline = deadline();
        double secs = parallel(id -> {
            while (System.nanoTime() < deadline && !names.isEmpty()) {
                long t0 = System.nanoTime();
                stats.record(send(get(pods() + "/" + randomName())), t0, 200);
            }
        });
        return stats.result(secs);
    }

    private Map<String, Object> list() throws Exception {
        Stats stats = new Stats();
        LongAdder items = new LongAdder();
        LongAdder pages = new LongAdder();
        LongAdder wrongCounts = new LongAdder();
        long deadline = deadline();
        double secs = parallel(id -> {
            while (System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                String token = "";
                int seen = 0;
                int read = 0;
                boolean complete = true;
                do {
                    HttpResponse<ListPageReader.Page> r = client.send(get(pods() + "?limit=" + limit
                            + (token.isEmpty() ? "" : "&continue=" + URLEncoder.encode(token, StandardCharsets.UTF_8))),
                            info -> info.statusCode() == 200 ? new ListPageReader()
                                    : HttpResponse.BodySubscribers.replacing(null));
                    if (r.statusCode() != 200) {
                        complete = false;
                        break;
                    }
                    ListPageReader.Page page = r.body();
                    seen += page.items();
                    read++;
                    token = page.continueToken();
                } while (!token.isEmpty());
                // nothing else writes the namespace meanwhile: every full list has every pod W1 created
                boolean counted = names.isEmpty() || seen == names.size();
                if (complete && !counted) {
                    wrongCounts.increment();
                }
                if (stats.record(complete && counted, t0)) {
                    items.add(seen);
                    pages.add(read);
                }
            }
        });
        Map<String, Object> result = stats.result(secs);
        long lists = stats.ok.sum();
        result.put("items_per_op", lists == 0 ? 0 : items.sum() / lists);
        result.put("pages_per_op", lists == 0 ? 0 : pages.sum() / (double) lists);
        result.put("wrong_counts", wrongCounts.sum());
        return result;
    }

    private Map<String, Object> update() throws Exception {
        Stats stats = new Stats();
        LongAdder conflicts = new LongAdder();
        long deadline = deadline();
        double secs = parallel(id -> {
            int seq = 0;
            while (System.nanoTime() < deadline && !names.isEmpty()) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = getPut(randomName(), "w4-" + id + "-" + seq++);
                if (r.statusCode() == 409) {
                    conflicts.increment();
                } else {
                    stats.record(r, t0, 200);
                }
            }
        });
        Map<String, Object> result = stats.result(secs);
        result.put("conflicts", conflicts.sum());
        return result;
    }

    private HttpResponse<String> getPut(String name, String value) throws Exception {
        HttpResponse<String> current = send(get(pods() + "/" + name));
        if (current.statusCode() != 200) {
            return current;
        }
        ObjectNode pod = (ObjectNode) JSON.readTree(current.body());
        pod.withObject("/metadata").withObject("/labels").put("upd", value);
        return send(req(pods() + "/" + name).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(pod))).build());
    }

    private Map<String, Object> watch() throws Exception {
        HttpResponse<String> listed = send(get(pods() + "?limit=1"));
        String rv = JSON.readTree(listed.body()).path("metadata").path("resourceVersion").asString("");
        HttpClient streams = newClient();
        List<Watcher> open = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(watchers);
        for (int i = 0; i < watchers; i++) {
            open.add(new Watcher(streams, pods() + "?watch=true&resourceVersion=" + rv, started));
        }
        started.await(30, TimeUnit.SECONDS);
        int established = (int) open.stream().filter(w -> w.established).count();
        Map<String, Long> answeredAt = new ConcurrentHashMap<>();
        int failed = 0;
        long w0 = System.nanoTime();
        for (int j = 0; j < updates && !names.isEmpty(); j++) {
            HttpResponse<String> r = getPut(names.get(j % names.size()), "w5-" + j);
            long at = System.nanoTime();
            if (r.statusCode() == 200) {
                answeredAt.put(JSON.readTree(r.body()).path("metadata").path("resourceVersion").asString(), at);
            } else {
                failed++;
            }
        }
        double writerSecs = (System.nanoTime() - w0) / 1e9;
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < waitUntil
                && open.stream().anyMatch(w -> w.established && !w.ended && w.arrivals.size() < answeredAt.size())) {
            Thread.sleep(20);
        }
        open.forEach(Watcher::close);
        List<Long> latencies = new ArrayList<>();
        for (Watcher w : open) {
            Set<String> seen = new java.util.HashSet<>();
            for (Map.Entry<String, Long> arrival : w.arrivals.entrySet()) {
                Long answered = answeredAt.get(arrival.getKey());
                if (answered != null && seen.add(arrival.getKey())) {
                    latencies.add(Math.max(0, arrival.getValue() - answered));
                }
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("established", established);
        result.put("expected", (long) answeredAt.size() * established);
        result.put("delivered", sorted.length);
        result.put("writer_updates_per_s", answeredAt.size() / writerSecs);
        result.put("p50_ms", percentile(sorted, 0.50));
        result.put("p99_ms", percentile(sorted, 0.99));
        result.put("errors", failed + watchers - established);
        return result;
    }

    private Map<String, Object> delete() throws Exception {
        Stats stats = new Stats();
        AtomicInteger next = new AtomicInteger();
        double secs = parallel(id -> {
            int i;
            while ((i = next.getAndIncrement()) < names.size()) {
                long t0 = System.nanoTime();
                stats.record(send(req(pods() + "/" + names.get(i)).DELETE().build()), t0, 200, 202);
            }
        });
        names.clear();
        return stats.result(secs);
    }

    /**
     * One watch stream, noting when each event's resourceVersion arrived. Its body is taken as the client hands it
     * over, on the client's own threads, rather than read from an input stream by a thread per watcher that the client
     * must wake for every event; each line's revision is found in its bytes rather than by decoding and parsing the
     * whole object (a pod's line is kilobytes): the watchers' reading is what the load generator spends on W5.
     */
    private final class Watcher implements Flow.Subscriber<List<ByteBuffer>> {

        private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        private final CountDownLatch started;
        private volatile boolean established;
        private volatile boolean ended;
        private volatile Flow.Subscription subscription;
        private final AtomicBoolean counted = new AtomicBoolean();
        /** A line begun in an earlier part of the body; used by one of the client's threads at a time. */
        private byte[] buffer = new byte[1 << 16];
        private int kept;

        Watcher(HttpClient streams, String path, CountDownLatch started) {
            this.started = started;
            streams.sendAsync(req(path).timeout(Duration.ofSeconds(30)).GET().build(), info -> {
                if (info.statusCode() != 200) {
                    startedOnce();
                    return BodySubscribers.discarding();
                }
                established = true;
                startedOnce();
                return BodySubscribers.fromSubscriber(this);
            }).whenComplete((response, error) -> {
                // the stream ended, or was closed at the end of the workload
                ended = true;
                startedOnce();
            });
        }

        private void startedOnce() {
            if (counted.compareAndSet(false, true)) {
                started.countDown();
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> parts) {
            long at = System.nanoTime();
            for (ByteBuffer part : parts) {
                int n = part.remaining();
                if (kept + n > buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, kept + n));
                }
                part.get(buffer, kept, n);
                int end = kept + n;
                int line = 0;
                for (int i; (i = WatchReaders.indexOf(buffer, line, end, (byte) '\n')) >= 0; line = i + 1) {
                    String revision = WatchReaders.revision(buffer, line, i);
                    if (revision != null) {
                        arrivals.putIfAbsent(revision, at);
                    }
                }
                kept = end - line;
                System.arraycopy(buffer, line, buffer, 0, kept);
            }
        }

        @Override
        public void onError(Throwable error) {
            ended = true;
        }

        @Override
        public void onComplete() {
            ended = true;
        }

        void close() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    // ---- plumbing

    private final class Stats {

        private final LongAdder ok = new LongAdder();
        private final LongAdder errors = new LongAdder();
        private final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());

        /** Counts an answer; whether it had one of the expected codes. */
        boolean record(HttpResponse<?> r, long start, int... codes) {
            return record(Arrays.stream(codes).anyMatch(code -> code == r.statusCode()), start);
        }

        /** Counts an operation begun at {@code start}, a success or an error. */
        boolean record(boolean success, long start) {
            long took = System.nanoTime() - start;
            if (success) {
                ok.increment();
                latencies.add(took);
                return true;
            }
            errors.increment();
            return false;
        }

        Map<String, Object> result(double secs) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("ops", ok.sum());
            r.put("ops_per_s", ok.sum() / secs);
            r.put("p50_ms", percentile(sorted, 0.50));
            r.put("p99_ms", percentile(sorted, 0.99));
            r.put("errors", errors.sum());
            return r;
        }
    }

    private interface Body {
        void run(int id) throws Exception;
    }

    /** Runs {@code body} on every client thread at once; the seconds until the last ends. */
    private double parallel(Body body) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int k = 0; k < clients; k++) {
            int id = k;
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    body.run(id);
                } catch (Exception e) {
                    e.printStackTrace();
                }
            });
            thread.start();
            threads.add(thread);
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, BodyHandlers.ofString());
    }

    private HttpRequest.Builder req(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        return token.isEmpty() ? b : b.header("Authorization", "Bearer " + token);
    }

    private HttpRequest get(String path) {
        return req(path).GET().build();
    }

    private HttpRequest post(String path, String body) {
        return req(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private String pods() {
        return "/api/v1/namespaces/" + ns + "/pods";
    }

    private String randomName() {
        return names.get(ThreadLocalRandom.current().nextInt(names.size()));
    }

    private long deadline() {
        return System.nanoTime() + (long) (seconds * 1e9);
    }

    /** HTTP/1.1, as kubectl and client-go talk to the API; for https, any certificate. */
    private static HttpClient newClient() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new TrustingAll()}, new SecureRandom());
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .sslContext(tls).build();
    }

    private static final class TrustingAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String auth, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String auth, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String auth, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String auth, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String auth) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String auth) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private double serverCpu() throws IOException {
        if (serverPid <= 0) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    /**
     * The KiB the server has allocated so far, as far as its young collections tell (each one an eden's worth, plus
     * the eden's use now), read with {@code jstat}; -1 where that cannot be read.
     */
    private double serverAllocatedKb() {
        if (serverPid <= 0) {
            return -1;
        }
        try {
            Process jstat = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(), "-gc",
                    Long.toString(serverPid)).redirectErrorStream(true).start();
            List<String> lines = new String(jstat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .toList();
            if (jstat.waitFor() != 0 || lines.size() < 2) {
                return -1;
            }
            List<String> header = List.of(lines.get(0).trim().split("\\s+"));
            String[] values = lines.get(1).trim().split("\\s+");
            double eden = Double.parseDouble(values[header.indexOf("EC")]);
            double used = Double.parseDouble(values[header.indexOf("EU")]);
            long young = Long.parseLong(values[header.indexOf("YGC")]);
            return young * eden + used;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static double ownCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + serverPid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = Math.max(0, Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1));
        return sorted[i] / 1e6;
    }

    private static String loadAverage() throws IOException {
        return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    }

    private static void run(String... command) throws Exception {
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor();
    }

    /** The table of the README: each workload's figure on each server, and Kubeling's ratio to the other. */
    private static void table(Map<String, Map<String, Map<String, Object>>> results, List<String> workloads,
            BenchArgs opts) {
        List<String> servers = new ArrayList<>(results.keySet());
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("w1", "W1 create pods/s");
        rows.put("w2", "W2 get/s");
        rows.put("w3", "W3 full list in pages of " + opts.number("limit", 500) + ", lists/s");
        rows.put("w4", "W4 get+put/s");
        rows.put("w5", "W5 " + opts.number("watchers", 100) + " watchers x " + opts.number("updates", 200)
                + " updates, p99 delivery ms (delivered/expected)");
        rows.put("w6", "W6 delete/s");
        System.out.printf("%s, %d pods, %d clients%n%n", LocalDate.now(), opts.number("pods", 2000),
                opts.number("clients", 16));
        StringBuilder head = new StringBuilder("| workload |");
        servers.forEach(s -> head.append(' ').append(s).append(" |"));
        if (servers.size() == 2) {
            head.append(" ratio |");
        }
        System.out.println(head);
        System.out.println("|---".repeat(servers.size() + 1 + (servers.size() == 2 ? 1 : 0)) + "|");
        for (String w : workloads) {
            String key = w.trim();
            if (!rows.containsKey(key)) {
                continue;
            }
            StringBuilder row = new StringBuilder("| " + rows.get(key) + " |");
            List<Double> figures = new ArrayList<>();
            for (String s : servers) {
                Map<String, Object> r = results.get(s).get(key);
                double figure = ((Number) r.get(key.equals("w5") ? "p99_ms" : "ops_per_s")).doubleValue();
                figures.add(figure);
                row.append(key.equals("w5")
                        ? String.format(" %.0f (%s/%s) |", figure, r.get("delivered"), r.get("expected"))
                        : String.format(" %,.1f |", figure));
                if (((Number) r.get("errors")).longValue() > 0) {
                    row.insert(row.length() - 2, " (" + r.get("errors") + " errors)");
                }
            }
            if (figures.size() == 2) {
                double ratio = key.equals("w5") ? figures.get(1) / figures.get(0) : figures.get(0) / figures.get(1);
                row.append(String.format(" %.1f× |", ratio));
            }
            System.out.println(row);
        }
        Map<String, Map<String, Object>> own = results.get("Kubeling");
        if (own != null && own.containsKey("w1")) {
            System.out.printf("%nKubeling's RSS after W1: %.0f MiB%n", ((Number) own.get("w1").get("server_rss_mb"))
                    .doubleValue());
            if (own.get("w1").get("server_rss_idle_mb") instanceof Number rss) {
                System.out.printf("Kubeling's RSS %d s after W1: %.0f MiB%n", opts.number("idle", 0), rss.doubleValue());
            }
        }
    }
}

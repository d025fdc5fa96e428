package io.kubeling.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Watch fan-out benchmark: W watchers on one namespace while M updates are written at a fixed
 * rate; reports delivery latency (the writer's response to each watcher's receipt), write
 * throughput, delivered versus expected events, and the server's heap and threads. Then holds
 * I idle watchers and reports the server's threads again.
 *
 * <pre>./mvnw -q -DskipTests package && ./mvnw -q exec:exec@watch-bench -Dbench.args="watchers=1000 writes=5000 rate=500 idle=10000"</pre>
 *
 * <p>Where taskset and two cores are there, the server runs on core 0 and this load generator on core 1
 * ({@code pin=false} shares both); {@code jar=} runs another build's jar, {@code jvm=} and {@code server=} pass
 * options to the server's JVM and to the server, separated by {@code ;}.
 */
public final class WatchBenchmark {

    /** The objects updated in turn. */
    private static final int OBJECTS = 4;

    public static void main(String[] args) throws Exception {
        BenchArgs opts = BenchArgs.parse(args);
        int watchers = opts.number("watchers", 1000);
        int writes = opts.number("writes", 5000);
        int rate = opts.number("rate", 500);
        int idle = opts.number("idle", 10000);
        int warmup = opts.number("warmup", 3000);
        boolean pin = Boolean.parseBoolean(opts.text("pin", "true")) && Runtime.getRuntime().availableProcessors() >= 2
                && new java.io.File("/usr/bin/taskset").canExecute();
        if (pin) {
            // as the API benchmark pins them: the server on core 0, every thread of this JVM on core 1
            new ProcessBuilder("taskset", "-a", "-cp", "1", Long.toString(ProcessHandle.current().pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
        String jar = opts.text("jar", "");
        System.out.printf("load average before: %s%n", loadAverage());
        try (ServerProcess server = ServerProcess.start(pin ? List.of("taskset", "-c", "0") : List.of(),
                jar.isEmpty() ? null : new java.io.File(jar), opts.heap(), opts.jvm(),
                opts.serverArgs().toArray(String[]::new))) {
            System.out.printf("server up on %d%s: %d threads, heap %d MiB%n", server.port(),
                    pin ? " (server on core 0, load on core 1)" : "", server.threads(), server.heapUsedMiB());
            warmUp(server, warmup);
            active(server, watchers, writes, rate, opts.number("readers", pin ? 1 : 2), opts.number("inflight", 64));
            idle(server, idle);
        }
        System.out.printf("load average after: %s%n", loadAverage());
    }

    private static String loadAverage() throws IOException {
        return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    }

    /** CPU seconds this load generator has used. */
    private static double ownCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** Writes before measuring, so that the server's code is compiled, as in a long-running server. */
    private static void warmUp(ServerProcess server, int writes) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String cms = "/api/v1/namespaces/kube-public/configmaps";
        send(http, server, "POST", cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"warm\"}}");
        for (int i = 0; i < writes; i++) {
            send(http, server, "PATCH", cms + "/warm", "{\"data\":{\"i\":\"" + i + "\"}}");
            if (i % 100 == 0) {
                send(http, server, "GET", cms, null);
            }
        }
        System.out.printf("warmed up with %d writes%n", writes);
    }

    private static void active(ServerProcess server, int watchers, int writes, int rate, int readerThreads,
            int inFlight) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String cms = "/api/v1/namespaces/default/configmaps";
        for (int t = 0; t < OBJECTS; t++) {
            send(http, server, "POST", cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"bench-"
                    + t + "\"}}");
        }
        long start = Long.parseLong(field(send(http, server, "GET", cms, null), "resourceVersion"));

        try (WatchReaders readers = new WatchReaders(readerThreads, watchers)) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            for (int w = 0; w < watchers; w++) {
                readers.open(address, cms + "?watch=true&resourceVersion=" + start, writes);
            }
            readers.start();
            readers.awaitConnected(120);
            System.out.printf("%d watchers connected (read by %d threads): server %d threads%n", watchers,
                    readerThreads, server.threads());

            double cpuBefore = server.cpuSeconds();
            long writeCallsBefore = server.writeCalls();
            double loadBefore = ownCpuSeconds();
            MachineCpu machineBefore = MachineCpu.now();
            PacedWrites paced = PacedWrites.run(server.base() + cms + "/bench-", OBJECTS, writes, rate, inFlight);
            double seconds = paced.seconds();
            readers.awaitDone(60);
            double cpu = server.cpuSeconds() - cpuBefore;
            long writeCalls = server.writeCalls() - writeCallsBefore;
            double loadCpu = ownCpuSeconds() - loadBefore;
            MachineCpu machine = MachineCpu.now().since(machineBefore);
            int threads = server.threads();
            long heap = server.heapUsedMiB();

            List<long[]> received = readers.received();
            long[] sorted = latencies(received, paced.answered());
            long[] fromRequest = latencies(received, paced.departed());
            long delivered = readers.delivered();
            System.out.printf("active: %d watchers, %d writes in %.1f s = %.0f writes/s (%d asked); write latency "
                    + "p50 %.1f ms, p99 %.1f ms; at most %d writes in flight, %d failed%n", watchers, writes, seconds,
                    writes / seconds, rate, paced.latencyPercentile(50), paced.latencyPercentile(99),
                    paced.mostInFlight(), paced.failed());
            System.out.printf("delivered %d of %d expected events, %d out of order; %d watches ended by the server as "
                    + "too slow; %.1f events a server write call, %.1f a read%n", delivered, (long) watchers * writes,
                    readers.outOfOrder(), readers.ended(), delivered / (double) Math.max(1, writeCalls),
                    delivered / (double) Math.max(1, readers.reads()));
            if (sorted.length > 0) {
                System.out.printf("delivery latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", pct(sorted, 50),
                        pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
                System.out.printf("from the write's request to each watcher's receipt: p50 %.1f ms, p99 %.1f ms%n",
                        pct(fromRequest, 50), pct(fromRequest, 99));
            }
            System.out.printf("server: %d threads, heap %d MiB after GC, %.1f CPU seconds (%.0f%% of one core)%n",
                    threads, heap, cpu, 100 * cpu / seconds);
            System.out.printf("server CPU per delivered event %.2f µs; load generator %.1f CPU seconds (%.0f%% of one "
                    + "core, %.2f µs per delivered event); machine busy %.1f s, idle %.1f s, stolen %.1f s%n",
                    delivered == 0 ? 0 : cpu * 1e6 / delivered, loadCpu, 100 * loadCpu / seconds,
                    delivered == 0 ? 0 : loadCpu * 1e6 / delivered, machine.busy(), machine.idle(), machine.steal());
        }
    }

    /** From each write's time in {@code times} to each watcher's receipt of its event, sorted. */
    private static long[] latencies(List<long[]> received, Map<Long, Long> times) {
        int total = 0;
        for (long[] r : received) {
            total += r.length / 2;
        }
        long[] latencies = new long[total];
        int n = 0;
        for (long[] r : received) {
            for (int i = 0; i + 1 < r.length; i += 2) {
                Long at = times.get(r[i]);
                if (at != null) {
                    latencies[n++] = Math.max(0, r[i + 1] - at);
                }
            }
        }
        long[] sorted = java.util.Arrays.copyOf(latencies, n);
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    private static void idle(ServerProcess server, int count) throws Exception {
        if (count <= 0) {
            return;
        }
        List<SocketChannel> channels = new ArrayList<>();
        byte[] request = ("GET /api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0 HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < count; i++) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
            channel.write(ByteBuffer.wrap(request));
            channels.add(channel);
        }
        Thread.sleep(5000);
        System.out.printf("idle: %d watchers open: server %d threads, heap %d MiB after GC%n", count,
                server.threads(), server.heapUsedMiB());
        HttpClient http = HttpClient.newHttpClient();
        send(http, server, "PATCH", "/api/v1/namespaces/default/configmaps/bench-0", "{\"data\":{\"i\":\"idle\"}}");
        Thread.sleep(2000);
        int sample = Math.min(100, count);
        int got = 0;
        for (int i = 0; i < sample; i++) {
            SocketChannel c = channels.get(i * (count / sample));
            c.configureBlocking(false);
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            int n;
            StringBuilder text = new StringBuilder();
            while ((n = c.read(buf)) > 0) {
                text.append(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
                buf.clear();
            }
            if (text.indexOf("\"i\":\"idle\"") >= 0) {
                got++;
            }
        }
        System.out.printf("idle: after one write, %d of %d sampled idle watchers had received it%n", got, sample);
        for (SocketChannel c : channels) {
            c.close();
        }
    }

    private static double pct(long[] sorted, int p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":\"");
        int start = at + name.length() + 4;
        return json.substring(start, json.indexOf('"', start));
    }

    private static String send(HttpClient http, ServerProcess server, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base() + path));
        String type = method.equals("PATCH") ? "application/merge-patch+json" : "application/json";
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", type);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private WatchBenchmark() {
    }
}

package io.kubeling.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

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

    private static final int WRITERS = 4;

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
            active(server, watchers, writes, rate);
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

    private static void active(ServerProcess server, int watchers, int writes, int rate) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String cms = "/api/v1/namespaces/default/configmaps";
        for (int t = 0; t < WRITERS; t++) {
            send(http, server, "POST", cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"bench-"
                    + t + "\"}}");
        }
        long start = Long.parseLong(field(send(http, server, "GET", cms, null), "resourceVersion"));

        Map<Long, Long> written = new ConcurrentHashMap<>();
        long[][] received = new long[watchers][];
        LongAdder delivered = new LongAdder();
        LongAdder ended = new LongAdder();
        CountDownLatch connected = new CountDownLatch(watchers);
        CountDownLatch done = new CountDownLatch(watchers);
        List<Socket> sockets = new ArrayList<>();
        for (int w = 0; w < watchers; w++) {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
            sockets.add(socket);
            int index = w;
            received[w] = new long[writes * 2];
            Thread reader = new Thread(() -> read(socket, cms + "?watch=true&resourceVersion=" + start, writes,
                    received[index], delivered, ended, connected, done), "watcher-" + w);
            reader.setDaemon(true);
            reader.start();
        }
        connected.await(120, TimeUnit.SECONDS);
        System.out.printf("%d watchers connected: server %d threads%n", watchers, server.threads());

        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(WRITERS);
        AtomicLong issued = new AtomicLong();
        CountDownLatch allWritten = new CountDownLatch(writes);
        long began = System.nanoTime();
        double cpuBefore = server.cpuSeconds();
        double loadBefore = ownCpuSeconds();
        MachineCpu machineBefore = MachineCpu.now();
        long periodNanos = 1_000_000_000L / rate;
        for (int t = 0; t < WRITERS; t++) {
            String target = cms + "/bench-" + t;
            pacer.scheduleAtFixedRate(() -> {
                long i = issued.getAndIncrement();
                if (i >= writes) {
                    return;
                }
                try {
                    String body = send(http, server, "PATCH", target, "{\"data\":{\"i\":\"" + i + "\"}}");
                    written.put(Long.parseLong(field(body, "resourceVersion")), System.nanoTime());
                } catch (Exception e) {
                    System.err.println("write failed: " + e);
                }
                allWritten.countDown();
            }, t * periodNanos, periodNanos * WRITERS, TimeUnit.NANOSECONDS);
        }
        allWritten.await(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - began) / 1e9;
        pacer.shutdownNow();
        done.await(60, TimeUnit.SECONDS);
        double cpu = server.cpuSeconds() - cpuBefore;
        double loadCpu = ownCpuSeconds() - loadBefore;
        MachineCpu machine = MachineCpu.now().since(machineBefore);
        int threads = server.threads();
        long heap = server.heapUsedMiB();

        List<Long> latencies = new ArrayList<>();
        for (long[] r : received) {
            for (int i = 0; i + 1 < r.length && r[i] != 0; i += 2) {
                Long sent = written.get(r[i]);
                if (sent != null) {
                    latencies.add(Math.max(0, r[i + 1] - sent));
                }
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("active: %d watchers, %d writes in %.1f s = %.0f writes/s%n", watchers, writes, seconds,
                writes / seconds);
        System.out.printf("delivered %d of %d expected events; %d watches ended by the server as too slow%n",
                delivered.sum(), (long) watchers * writes, ended.sum());
        if (sorted.length > 0) {
            System.out.printf("delivery latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", pct(sorted, 50),
                    pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
        }
        System.out.printf("server: %d threads, heap %d MiB after GC, %.1f CPU seconds (%.0f%% of one core)%n",
                threads, heap, cpu, 100 * cpu / seconds);
        System.out.printf("server CPU per delivered event %.1f µs; load generator %.1f CPU seconds (%.0f%% of one core); "
                + "machine busy %.1f s, idle %.1f s, stolen %.1f s%n", delivered.sum() == 0 ? 0 : cpu * 1e6 / delivered.sum(),
                loadCpu, 100 * loadCpu / seconds, machine.busy(), machine.idle(), machine.steal());
        for (Socket s : sockets) {
            s.close();
        }
    }

    private static void read(Socket socket, String path, int expected, long[] received, LongAdder delivered,
            LongAdder ended, CountDownLatch connected, CountDownLatch done) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ChunkedLines in = new ChunkedLines(socket.getInputStream());
            connected.countDown();
            String line;
            int count = 0;
            while ((line = in.next()) != null) {
                if (!line.startsWith("{\"type\":\"MODIFIED\"")) {
                    continue;
                }
                long now = System.nanoTime();
                received[count * 2] = Long.parseLong(field(line, "resourceVersion"));
                received[count * 2 + 1] = now;
                count++;
                delivered.increment();
                if (count == expected) {
                    break;
                }
            }
            if (count < expected) {
                // the server ended the stream: it fell more than the watch buffer behind
                ended.increment();
            }
        } catch (IOException e) {
            // closed at the end
        } finally {
            done.countDown();
        }
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

package io.kubeling.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Large objects on a small heap: one configmap of {@code size=} bytes (1,000,000 unless given: kube refuses
 * a configmap over 1 MiB in all) updated {@code updates=} times (1,000) on a server with {@code heap=} (256m),
 * printing every 100 updates how many failed, the heap after a full collection and what {@code /livez} and {@code /readyz} answer.
 * With the event history and the decoded-object cache bounded by bytes every update succeeds; with
 * them bounded by count alone ({@code server=} passes server options separated by {@code ;}, e.g.
 * {@code server=--kubeling.history.memory-bytes=1TB;--kubeling.cache.decoded-bytes=1TB}) the heap runs
 * out, and from then on the health endpoints must fail.
 *
 * <pre>./mvnw -q exec:exec@large-object-bench -Dbench.args="updates=1000"</pre>
 */
public final class LargeObjectBenchmark {

    public static void main(String[] args) throws Exception {
        BenchArgs opts = BenchArgs.parse(args);
        int size = opts.number("size", 1_000_000);
        int updates = opts.number("updates", 1000);
        String heap = opts.text("heap", "256m");
        List<String> serverArgs = opts.serverArgs();
        try (ServerProcess server = ServerProcess.start(heap, opts.jvm(), serverArgs.toArray(String[]::new))) {
            System.out.printf("server up on %d (pid %d), heap limit %s, %s%n", server.port(), server.pid(), heap,
                    serverArgs);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String path = "/api/v1/namespaces/default/configmaps";
            int status = send(http, server, "POST", path, configMap(size, 0));
            System.out.printf("create: %d%n", status);
            System.out.println("updates  failed  last-status  heap-after-gc-MiB  livez  readyz");
            int failed = 0;
            for (int i = 1; i <= updates; i++) {
                status = send(http, server, "PUT", path + "/big", configMap(size, i));
                if (status != 200) {
                    failed++;
                }
                if (i % 100 == 0 || i == updates) {
                    System.out.printf("%7d %7d %12d %18d %6d %7d%n", i, failed, status, server.heapUsedMiB(),
                            send(http, server, "GET", "/livez", null), send(http, server, "GET", "/readyz", null));
                }
            }
        }
    }

    private static String configMap(int size, int version) {
        char[] payload = new char[size];
        Arrays.fill(payload, (char) ('a' + version % 26));
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"v\":\""
                + version + "\",\"payload\":\"" + new String(payload) + "\"}}";
    }

    private static int send(HttpClient http, ServerProcess server, String method, String path, String body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.base() + path))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private LargeObjectBenchmark() {
    }
}

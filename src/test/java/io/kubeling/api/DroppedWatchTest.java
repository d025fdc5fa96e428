package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.storage.KeyValueStore;
import io.kubeling.support.AloneOnTheServer;
import io.kubeling.support.FramedHttp;
import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;

/**
 * Watches dropped by their clients end on the server in their own time (their timeout, a failed
 * write); whatever happens then must stay in their own response. Other clients meanwhile make
 * thousands of requests over kept-alive connections, and every byte they get is checked.
 */
@KubelingTest
@AloneOnTheServer
class DroppedWatchTest {

    private static final int DROPPED = 300;
    private static final int CLIENTS = 8;
    private static final int MIN_REQUESTS = 2000;
    private static final int PER_CONNECTION = 25;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    KeyValueStore kv;

    @Test
    void droppedWatchesNeverTouchAnotherResponse() throws Exception {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("dw-");
        String cms = "/api/v1/namespaces/" + ns + "/configmaps";
        for (int i = 0; i < 3; i++) {
            assertThat(api.post(cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"cm-" + i
                    + "\"},\"data\":{\"k\":\"" + "v".repeat(100 * (i + 1)) + "\"}}").code()).isEqualTo(201);
        }
        // What each request must get, byte for byte: objects, a 404 Status, and a watch that ends on its timeout.
        Map<String, byte[]> expected = Map.of(
                cms + "/cm-0", body(cms + "/cm-0", 200),
                cms + "/cm-1", body(cms + "/cm-1", 200),
                cms + "/cm-2", body(cms + "/cm-2", 200),
                cms + "/missing", body(cms + "/missing", 404),
                cms + "?watch=true&timeoutSeconds=1&fieldSelector=metadata.name%3Dcm-1",
                body(cms + "?watch=true&timeoutSeconds=1&fieldSelector=metadata.name%3Dcm-1", 200));
        List<String> paths = new ArrayList<>(expected.keySet());
        assertThat(new String(expected.get(paths.stream().filter(p -> p.contains("watch")).findFirst().orElseThrow())))
                .startsWith("{\"type\":\"ADDED\"").contains("\"cm-1\"").endsWith("}\n");

        AtomicInteger requests = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();
        ConcurrentLinkedQueue<String> corrupted = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 5);
        long start = System.nanoTime();
        List<Future<?>> droppers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            droppers.add(pool.submit(() -> {
                for (int i = 0; i < DROPPED / 4; i++) {
                    dropAWatch(cms, kv.currentRevision(), corrupted);
                    dropped.incrementAndGet();
                    pause(15);
                }
                return null;
            }));
        }
        // Events keep flowing to the dropped watches, so their writes fail at any moment, not only on timeout.
        Future<?> ticker = pool.submit(() -> {
            api.post(cms, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"ticker\"}}");
            for (int i = 0; !Thread.currentThread().isInterrupted() && elapsed(start) < 45_000; i++) {
                api.patch(cms + "/ticker", "application/merge-patch+json", "{\"data\":{\"i\":\"" + i + "\"}}");
                pause(50);
            }
            return null;
        });
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            clients.add(pool.submit(() -> {
                // Until every dropped watch has timed out (at most 3 s after the last one opened).
                while ((!allDone(droppers) || millis() - lastDrop < 4_000 || requests.get() < MIN_REQUESTS)
                        && elapsed(start) < 45_000) {
                    exchangeOnOneConnection(paths, expected, requests, corrupted);
                }
                return null;
            }));
        }
        for (Future<?> f : droppers) {
            f.get(60, TimeUnit.SECONDS);
        }
        for (Future<?> f : clients) {
            f.get(60, TimeUnit.SECONDS);
        }
        ticker.cancel(true);
        pool.shutdownNow();
        System.out.printf("dropped watches: %d, requests checked: %d, corrupted: %d, in %d ms%n", dropped.get(),
                requests.get(), corrupted.size(), elapsed(start));
        corrupted.stream().limit(20).forEach(System.out::println);
        assertThat(dropped.get()).isEqualTo(DROPPED);
        assertThat(requests.get()).isGreaterThanOrEqualTo(MIN_REQUESTS);
        assertThat(corrupted).isEmpty();
    }

    private volatile long lastDrop = millis();

    private static boolean allDone(List<Future<?>> futures) {
        return futures.stream().allMatch(Future::isDone);
    }

    /** Opens a watch that times out in one to three seconds, waits for its headers, and goes away. */
    private void dropAWatch(String cms, long revision, ConcurrentLinkedQueue<String> corrupted) {
        int timeout = 1 + ThreadLocalRandom.current().nextInt(3);
        boolean bookmarks = ThreadLocalRandom.current().nextInt(4) > 0;
        try (FramedHttp watch = new FramedHttp(port, READ_TIMEOUT)) {
            boolean initial = ThreadLocalRandom.current().nextBoolean();
            watch.send("GET " + cms + "?watch=true" + (initial ? "" : "&resourceVersion=" + revision) + "&timeoutSeconds=" + timeout
                    + (bookmarks ? "&allowWatchBookmarks=true" : "") + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            FramedHttp.Response head = watch.readHead();
            if (head.code() != 200) {
                corrupted.add("watch -> " + head.code() + " " + head.headers());
            }
            if (ThreadLocalRandom.current().nextInt(4) > 0) {
                // mostly a reset, on which the next write fails at once, and sometimes an orderly close
                watch.socket().setSoLinger(true, 0);
            }
        } catch (IOException | RuntimeException e) {
            corrupted.add("watch -> " + e);
        }
        lastDrop = millis();
    }

    /** A run of kept-alive requests, the last one closing the connection; every reply is compared. */
    private void exchangeOnOneConnection(List<String> paths, Map<String, byte[]> expected, AtomicInteger requests,
            ConcurrentLinkedQueue<String> corrupted) {
        String path = null;
        try (FramedHttp http = new FramedHttp(port, READ_TIMEOUT)) {
            for (int i = 0; i < PER_CONNECTION; i++) {
                path = pick(paths);
                boolean last = i == PER_CONNECTION - 1;
                FramedHttp.Response reply = http.get(path, last);
                requests.incrementAndGet();
                if (!Arrays.equals(reply.body(), expected.get(path))) {
                    corrupted.add(path + " -> " + reply.code() + " " + reply.text());
                }
            }
            http.endsWithoutMoreBytes();
        } catch (IOException | RuntimeException e) {
            corrupted.add(path + " -> " + e);
        }
    }

    private static String pick(List<String> paths) {
        int n = ThreadLocalRandom.current().nextInt(100);
        // a timed-out watch now and then: each one holds its client for a second
        return n == 0 ? paths.stream().filter(p -> p.contains("watch")).findFirst().orElseThrow()
                : paths.stream().filter(p -> !p.contains("watch")).toList().get(n % 4);
    }

    private byte[] body(String path, int code) throws IOException {
        try (FramedHttp http = new FramedHttp(port, READ_TIMEOUT)) {
            FramedHttp.Response reply = http.get(path, true);
            assertThat(reply.code()).isEqualTo(code);
            return reply.body();
        }
    }

    private static long millis() {
        return System.nanoTime() / 1_000_000;
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

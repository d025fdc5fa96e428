package io.kubeling.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Updates sent on a schedule: the i-th leaves at i / rate seconds after the first, whether or not the earlier
 * ones have been answered, so that a slow answer delays no later write (a writer waiting on each answer would
 * let the server's latency set the rate). At most {@code inFlight} wait for their answers at once; beyond that
 * the schedule waits, and the rate reached says so. Each answer's revision and arrival time are kept.
 */
final class PacedWrites {

    private final Map<Long, Long> answered = new ConcurrentHashMap<>();
    private final Map<Long, Long> departed = new ConcurrentHashMap<>();
    private final long[] latencies;
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong lastAnswer = new java.util.concurrent.atomic.AtomicLong();
    private long began;

    private PacedWrites(int writes) {
        this.latencies = new long[writes];
    }

    /** Merge-patches {@code writes} times, in turn, the objects {@code objectUrl + 0 .. objects - 1}. */
    static PacedWrites run(String objectUrl, int objects, int writes, int rate, int inFlight) throws Exception {
        PacedWrites paced = new PacedWrites(writes);
        ExecutorService answers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "write-answers");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().executor(answers).build();
        try {
            paced.send(http, objectUrl, objects, writes, rate, inFlight);
        } finally {
            answers.shutdownNow();
        }
        return paced;
    }

    private void send(HttpClient http, String objectUrl, int objects, int writes, int rate, int inFlight)
            throws InterruptedException {
        Semaphore seats = new Semaphore(inFlight);
        CountDownLatch all = new CountDownLatch(writes);
        URI[] targets = new URI[objects];
        for (int o = 0; o < objects; o++) {
            targets[o] = URI.create(objectUrl + o);
        }
        double period = 1e9 / rate;
        began = System.nanoTime();
        for (int i = 0; i < writes; i++) {
            long due = began + (long) (i * period);
            for (long wait; (wait = due - System.nanoTime()) > 0;) {
                LockSupport.parkNanos(wait);
            }
            seats.acquire();
            mostInFlight.accumulateAndGet(inFlight - seats.availablePermits(), Math::max);
            HttpRequest request = HttpRequest.newBuilder(targets[i % objects])
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"data\":{\"i\":\"" + i + "\"}}"))
                    .header("Content-Type", "application/merge-patch+json").build();
            int index = i;
            long sent = System.nanoTime();
            http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                long now = System.nanoTime();
                try {
                    if (error == null && response.statusCode() < 300) {
                        long revision = Long.parseLong(WatchBenchmark.field(response.body(), "resourceVersion"));
                        answered.put(revision, now);
                        departed.put(revision, sent);
                        latencies[index] = now - sent;
                        lastAnswer.accumulateAndGet(now, Math::max);
                    } else {
                        failed.incrementAndGet();
                        System.err.println("write failed: " + (error != null ? error : response.statusCode() + " "
                                + response.body()));
                    }
                } finally {
                    seats.release();
                    all.countDown();
                }
            });
        }
        all.await(10, TimeUnit.MINUTES);
    }

    /** From the first write's departure to the last answer. */
    double seconds() {
        return (lastAnswer.get() - began) / 1e9;
    }

    /** Each answered write's revision and the time (nanoTime) its answer came. */
    Map<Long, Long> answered() {
        return answered;
    }

    /** Each answered write's revision and the time (nanoTime) its request left. */
    Map<Long, Long> departed() {
        return departed;
    }

    double latencyPercentile(int p) {
        long[] sorted = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    int mostInFlight() {
        return mostInFlight.get();
    }

    int failed() {
        return failed.get();
    }
}

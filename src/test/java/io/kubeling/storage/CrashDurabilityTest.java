package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.kubeling.support.ChildJvm;
import io.kubeling.support.HttpApi;
import io.kubeling.support.StartsEarly;
import io.kubeling.support.WatchClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server on the file database, in a JVM of its own, killed with SIGKILL while 8 writers create
 * ConfigMaps, then started again on the same data directory, round after round. After each
 * restart: every create answered 201 is there at the revision it was answered with; the list's
 * resourceVersion is at least every revision ever acknowledged and every item's; new writes get
 * revisions above all of those (none reused); and a watch from a revision acknowledged before the
 * kill sends exactly the later creates, those committed before the kill and the new ones, in order.
 * Three rounds, each killed within a second of the load's first create being answered, the second split
 * between them so that one kill falls in each third of it: as early as a write can be acknowledged, and well
 * into a run of them ({@code -Dkubeling.crash.rounds=20} for more, the second split as finely). Every start
 * of the server's JVM costs the machine some 13 s of CPU from the class path, less from package's layout
 * (ChildJvm.server), which the rest of the suite runs on; the class
 * shares nothing with the other classes and mostly waits for its server, so it runs alongside them.
 */
@Execution(ExecutionMode.CONCURRENT)
@StartsEarly
class CrashDurabilityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CMS = "/api/v1/namespaces/crash/configmaps";
    private static final int WRITERS = 8;

    @TempDir
    Path dataDir;

    // every create answered 201 in any round: name to the resourceVersion it was answered with
    private final Map<String, Long> acknowledged = new ConcurrentHashMap<>();

    @Test
    void acknowledgedWritesSurviveSigkill() throws Exception {
        int rounds = Integer.getInteger("kubeling.crash.rounds", 3);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Server server = Server.start(dataDir);
        try {
            int ns = new HttpApi(server.port).post("/api/v1/namespaces",
                    "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"crash\"}}").code();
            assertThat(ns).isEqualTo(201);
            long writes = 0;
            for (int round = 0; round < rounds; round++) {
                Map<String, Long> before = Map.copyOf(acknowledged);
                Load load = new Load(server.port, round);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                        .until(() -> acknowledged.size() > before.size());
                // round r of n: killed in the r-th n-th of the second after the first create is answered
                Thread.sleep((1000L * round + random.nextInt(1000)) / rounds);
                server.kill();
                load.join();
                Map<String, Long> thisRound = new HashMap<>(acknowledged);
                thisRound.keySet().removeAll(before.keySet());
                assertThat(thisRound).as("round %d (seed %d): creates answered 201 before the kill", round, seed)
                        .isNotEmpty();
                writes += thisRound.size();
                server = Server.start(dataDir);
                verify(server, round, thisRound, random);
                System.out.printf("round %d: %d creates acknowledged before the kill, all there%n", round,
                        thisRound.size());
            }
            System.out.printf("%d SIGKILL rounds, %d writes acknowledged, none lost%n", rounds, writes);
        } finally {
            server.kill();
        }
    }

    private void verify(Server server, int round, Map<String, Long> thisRound, Random random) {
        HttpApi api = new HttpApi(server.port);
        JsonNode list = api.get(CMS).json();
        long listRevision = Long.parseLong(list.at("/metadata/resourceVersion").asString());
        Map<String, Long> items = new HashMap<>();
        for (JsonNode item : list.get("items")) {
            items.put(item.at("/metadata/name").asString(),
                    Long.parseLong(item.at("/metadata/resourceVersion").asString()));
        }
        Map<String, Long> lost = new TreeMap<>();
        acknowledged.forEach((name, revision) -> {
            if (!revision.equals(items.get(name))) {
                lost.put(name, revision);
            }
        });
        assertThat(lost).as("round %d: acknowledged creates missing after the restart", round).isEmpty();
        long highest = acknowledged.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(listRevision).as("round %d: the list's resourceVersion", round)
                .isGreaterThanOrEqualTo(highest)
                .isGreaterThanOrEqualTo(items.values().stream().mapToLong(Long::longValue).max().orElseThrow());

        // a watch from the last revision acknowledged before the kill, and one from an earlier one
        long last = thisRound.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        List<Long> answered = new ArrayList<>(thisRound.values());
        long earlier = answered.get(random.nextInt(answered.size()));
        try (WatchClient fromLast = new WatchClient(server.port, CMS + "?watch=true&resourceVersion=" + last);
                WatchClient fromEarlier = new WatchClient(server.port, CMS + "?watch=true&resourceVersion=" + earlier)) {
            assertThat(fromLast.status()).isEqualTo(200);
            assertThat(fromEarlier.status()).isEqualTo(200);
            List<Long> created = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                HttpApi.Reply reply = api.post(CMS, configMap("after-" + round + "-" + i));
                assertThat(reply.code()).isEqualTo(201);
                long revision = Long.parseLong(reply.json().at("/metadata/resourceVersion").asString());
                assertThat(revision).as("round %d: a new write's revision is above every one handed out", round)
                        .isGreaterThan(listRevision);
                acknowledged.put("after-" + round + "-" + i, revision);
                created.add(revision);
            }
            expectExactly(fromLast, items, last, created, round);
            expectExactly(fromEarlier, items, earlier, created, round);
        }
    }

    /** The watch from {@code from} sends the creates after it that survived the kill, then the new ones. */
    private static void expectExactly(WatchClient watch, Map<String, Long> items, long from, List<Long> created,
            int round) {
        List<Long> expected = new ArrayList<>(items.values().stream().filter(r -> r > from)
                .sorted(Comparator.naturalOrder()).toList());
        expected.addAll(created);
        List<JsonNode> events = watch.changes(expected.size(), Duration.ofSeconds(20));
        assertThat(events).extracting(WatchClient::type).as("round %d, watch from %d", round, from)
                .containsOnly("ADDED");
        assertThat(events).extracting(WatchClient::revision).as("round %d, watch from %d", round, from)
                .containsExactlyElementsOf(expected);
        assertThat(watch.nextChange(Duration.ofMillis(200))).as("round %d: nothing after", round).isNull();
    }

    private static String configMap(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\"},\"data\":{\"payload\":\"" + "x".repeat(200) + "\"}}";
    }

    /** Writers creating ConfigMaps until the server goes away, recording each create answered 201. */
    private final class Load {

        private final List<Thread> writers = new ArrayList<>();
        private final AtomicBoolean stopped = new AtomicBoolean();

        Load(int port, int round) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            for (int w = 0; w < WRITERS; w++) {
                String prefix = "r" + round + "-w" + w + "-";
                Thread t = new Thread(() -> write(client, port, prefix), "crash-writer-" + w);
                t.start();
                writers.add(t);
            }
        }

        private void write(HttpClient client, int port, String prefix) {
            for (int i = 0; !stopped.get(); i++) {
                String name = prefix + i;
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + CMS))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(configMap(name))).build();
                try {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 201) {
                        acknowledged.put(name, Long.parseLong(
                                JSON.readTree(response.body()).at("/metadata/resourceVersion").asString()));
                    }
                } catch (IOException e) {
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        void join() throws InterruptedException {
            stopped.set(true);
            for (Thread t : writers) {
                t.join(TimeUnit.SECONDS.toMillis(40));
            }
        }
    }

    /** The server in a JVM of its own (ChildJvm.server), with the simulation off. */
    private static final class Server {

        private final Process process;
        private final int port;

        private Server(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Server start(Path dataDir) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            File log = dataDir.resolve("server.log").toFile();
            List<String> command = ChildJvm.server("-Xmx512m", "-Xss512k");
            command.addAll(List.of("--kubeling.port=" + port, "--kubeling.data-dir=" + dataDir,
                    "--kubeling.simulation.enabled=false", "--logging.level.root=WARN"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
            Server server = new Server(process, port);
            server.awaitReady(log);
            return server;
        }

        private void awaitReady(File log) throws Exception {
            HttpClient client = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(100);
            }
            kill();
            throw new IllegalStateException("the server did not start:\n" + Files.readString(log.toPath()));
        }

        /** SIGKILL: the JVM gets no chance to close the database or run a shutdown hook. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}

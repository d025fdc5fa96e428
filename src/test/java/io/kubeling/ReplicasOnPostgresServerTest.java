package io.kubeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

import io.kubeling.controllers.LeaderElection;
import io.kubeling.support.HttpApi;
import io.kubeling.support.PostgresServer;
import io.kubeling.support.ServerOfItsOwn;
import io.kubeling.support.StartsEarly;
import io.kubeling.support.WatchClient;

/**
 * Three servers on one PostgreSQL database serve one cluster: writes spread over them reach a watch on each, once
 * and in order, and a get or a list without resourceVersion on any sees them at once; a Secret written on one is read on the others (they share the encryption key file); Services
 * created at once on two get distinct cluster IPs and node ports; the simulation runs on the replica holding its
 * Leases. Then that replica's process is killed with SIGKILL: a watch it served is resumed on another replica from
 * its last resourceVersion with no event missed or repeated, the Leases move to a live replica, and pods keep
 * reaching Running. The leader runs in a JVM of its own, started first so that it takes the Leases, since only a
 * process can be killed; the two others run in the test's JVM, where a server starts for a fraction of the CPU a
 * new JVM costs (some 13 s). The class mostly waits, so it runs alongside the others.
 */
@ServerOfItsOwn
@StartsEarly
class ReplicasOnPostgresServerTest {

    private static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/";
    private static final String CONTROLLERS = "kube-controller-manager";
    private static final String SCHEDULER = "kube-scheduler";

    @TempDir
    Path dataDir;

    private final List<Replica> replicas = new ArrayList<>();
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private ReplicaProcess process;

    /** A replica as clients see it: where it serves, whom its Leases name, whether it still runs. */
    private record Replica(String identity, int port, BooleanSupplier alive) {
    }

    @AfterEach
    void stop() throws InterruptedException {
        contexts.forEach(ConfigurableApplicationContext::close);
        if (process != null) {
            process.kill();
        }
    }

    private List<String> settings(String url) {
        return List.of("--kubeling.database-url=" + url, "--kubeling.database-user=" + PostgresServer.USER,
                "--kubeling.tls.enabled=false",
                // one key file for all, as kube-apiservers share one EncryptionConfiguration; made by the first
                "--kubeling.encryption.key-file=" + dataDir.resolve("encryption-keys"),
                "--kubeling.leader-election.lease-duration=4s", "--kubeling.leader-election.renew-deadline=3s",
                "--kubeling.leader-election.retry-period=500ms");
    }

    /** The leader in a JVM of its own, alone when it starts, so that it takes both Leases; then two in this JVM. */
    private void startThree(String url) throws Exception {
        long began = System.nanoTime();
        process = ReplicaProcess.launch(dataDir.resolve("replica-0"), settings(url))
                .awaitReady(Duration.ofSeconds(240));
        HttpApi api = new HttpApi(process.port());
        String[] identity = new String[1];
        await("the first replica leads").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    identity[0] = holderIdentity(api, CONTROLLERS);
                    return identity[0] != null && identity[0].equals(holderIdentity(api, SCHEDULER));
                });
        ReplicaProcess child = process;
        replicas.add(new Replica(identity[0], child.port(), child::alive));
        System.out.printf("the leader's JVM served in %.1f s, %.1f CPU seconds%n", (System.nanoTime() - began) / 1e9,
                child.cpu().toMillis() / 1e3);
        for (int i = 1; i < 3; i++) {
            List<String> args = new ArrayList<>(settings(url));
            args.addAll(List.of("--kubeling.data-dir=" + dataDir.resolve("replica-" + i), "--kubeling.port=0",
                    "--spring.main.banner-mode=off", "--logging.level.root=WARN"));
            ConfigurableApplicationContext context = new SpringApplication(KubelingApplication.class)
                    .run(args.toArray(String[]::new));
            contexts.add(context);
            replicas.add(new Replica(context.getBean(LeaderElection.class).identity(),
                    Integer.parseInt(context.getEnvironment().getProperty("local.server.port")), context::isActive));
        }
    }

    private static HttpApi api(Replica replica) {
        return new HttpApi(replica.port());
    }

    private static String holderIdentity(HttpApi api, String lease) {
        HttpApi.Reply reply = api.get(LEASES + lease);
        return reply.code() == 200 ? reply.json().at("/spec/holderIdentity").asString() : null;
    }

    /** The live replica holding {@code lease}, as {@code api} serves it, or null. */
    private Replica holder(HttpApi api, String lease) {
        String holder = holderIdentity(api, lease);
        return replicas.stream().filter(r -> r.alive().getAsBoolean() && r.identity().equals(holder)).findFirst()
                .orElse(null);
    }

    @Test
    void threeReplicasServeOneClusterAndOutliveTheLeadersSigkill() throws Exception {
        Phases phases = new Phases();
        startThree(PostgresServer.shared().newDatabase());
        phases.done("three replicas serving");
        Replica leader = replicas.get(0);
        List<Replica> survivors = replicas.subList(1, 3);
        HttpApi first = api(leader);
        String ns = first.newNamespace("replicas-");
        writesSpreadOverTheReplicasReachEveryWatchOnceInOrder(first, ns);
        aSecretWrittenOnOneReplicaIsReadOnTheOthers(ns);
        servicesCreatedAtOnceOnTwoReplicasGetDistinctAddresses(ns);
        measureTheCrossReplicaWatchDelay(api(survivors.get(0)), ns);
        assertThat(holder(first, CONTROLLERS)).isEqualTo(leader);
        // a pod made on a replica that does not run the simulation is scheduled and started by the one that does
        awaitRunning(api(survivors.get(0)), ns, "before");
        phases.done("writes, watches, secret, services, pod");

        long killed = aWatchOnTheKilledReplicaResumesOnAnotherWithoutGapOrDuplicate(process, survivors, ns);
        HttpApi survivor = api(survivors.get(0));
        await("a new leader").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> holder(survivor, CONTROLLERS) != null && holder(survivor, SCHEDULER) != null);
        System.out.printf("the simulation moved to another replica %.1f s after its replica's process was killed%n",
                (System.nanoTime() - killed) / 1e9);
        assertThat(holder(survivor, CONTROLLERS)).isIn(survivors);
        awaitRunning(api(survivors.get(1)), ns, "after");
        phases.done("kill, resumed watch, failover, pod");
    }

    private void writesSpreadOverTheReplicasReachEveryWatchOnceInOrder(HttpApi first, String ns) {
        String configMaps = "/api/v1/namespaces/" + ns + "/configmaps";
        String from = first.get(configMaps).json().at("/metadata/resourceVersion").asString();
        List<WatchClient> watches = new ArrayList<>();
        for (Replica replica : replicas) {
            watches.add(new WatchClient(replica.port(), configMaps + "?watch=true&resourceVersion=" + from));
        }
        for (int i = 0; i < 30; i++) {
            HttpApi api = api(replicas.get(i % 3));
            assertThat(api.post(configMaps, """
                    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c%d"},"data":{"n":"%d"}}"""
                    .formatted(i, i)).code()).isEqualTo(201);
            // the next replica may not have followed the create yet: it reads what it misses when asked
            assertThat(api(replicas.get((i + 1) % 3)).patch(configMaps + "/c" + i, "application/merge-patch+json",
                    "{\"data\":{\"patched\":\"yes\"}}").code()).isEqualTo(200);
            // a get and a list without resourceVersion on the third see the patch at once: they are consistent reads
            HttpApi third = api(replicas.get((i + 2) % 3));
            HttpApi.Reply got = third.get(configMaps + "/c" + i);
            assertThat(got.json().at("/data/patched").asString()).as("%s", got).isEqualTo("yes");
            HttpApi.Reply listed = third.get(configMaps + "?fieldSelector=metadata.name%3Dc" + i);
            assertThat(listed.json().at("/items/0/data/patched").asString()).as("%s", listed).isEqualTo("yes");
        }
        List<List<String>> seen = new ArrayList<>();
        for (WatchClient watch : watches) {
            List<JsonNode> events = watch.changes(60, Duration.ofSeconds(30));
            watch.close();
            assertThat(events).extracting(WatchClient::revision).isSorted().doesNotHaveDuplicates();
            seen.add(events.stream().map(e -> WatchClient.type(e) + " " + WatchClient.name(e) + " "
                    + WatchClient.revision(e)).toList());
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            expected.add("ADDED c" + i);
            expected.add("MODIFIED c" + i);
        }
        assertThat(seen.get(0)).extracting(e -> e.substring(0, e.lastIndexOf(' '))).containsExactlyElementsOf(expected);
        assertThat(seen.get(1)).isEqualTo(seen.get(0));
        assertThat(seen.get(2)).isEqualTo(seen.get(0));
    }

    /** Written in one process, read in the other: the replicas encrypt and decrypt with the one shared key. */
    private void aSecretWrittenOnOneReplicaIsReadOnTheOthers(String ns) {
        String secrets = "/api/v1/namespaces/" + ns + "/secrets";
        HttpApi.Reply created = api(replicas.get(1)).post(secrets, """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"shared"},"stringData":{"password":"s3cret"}}""");
        assertThat(created.code()).isEqualTo(201);
        String revision = created.json().at("/metadata/resourceVersion").asString();
        for (Replica replica : replicas) {
            // a list at the create's revision waits for the replica to have followed it; the item is decrypted there
            HttpApi.Reply list = api(replica).get(secrets + "?fieldSelector=metadata.name%3Dshared&resourceVersion="
                    + revision + "&resourceVersionMatch=NotOlderThan");
            assertThat(list.code()).as("%s", list).isEqualTo(200);
            assertThat(list.json().at("/items/0/data/password").asString()).isEqualTo("czNjcmV0");
            HttpApi.Reply get = api(replica).get(secrets + "/shared");
            assertThat(get.code()).as("%s", get).isEqualTo(200);
            assertThat(get.json().at("/data/password").asString()).isEqualTo("czNjcmV0");
        }
    }

    /** The leader's process and another replica allocate from the one range at the same time. */
    private void servicesCreatedAtOnceOnTwoReplicasGetDistinctAddresses(String ns) throws Exception {
        String services = "/api/v1/namespaces/" + ns + "/services";
        int each = 12;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<List<JsonNode>>> made = new ArrayList<>();
        try {
            for (int r = 0; r < 2; r++) {
                HttpApi api = api(replicas.get(r));
                String prefix = "svc-" + r + "-";
                made.add(pool.submit((Callable<List<JsonNode>>) () -> {
                    go.await();
                    List<JsonNode> out = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        HttpApi.Reply reply = api.post(services, """
                                {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s%d"},
                                 "spec":{"type":"NodePort","selector":{"app":"x"},"ports":[{"port":80}]}}"""
                                .formatted(prefix, i));
                        assertThat(reply.code()).as("%s", reply).isEqualTo(201);
                        out.add(reply.json());
                    }
                    return out;
                }));
            }
            go.countDown();
            Set<String> ips = new HashSet<>();
            Set<Integer> ports = new HashSet<>();
            for (Future<List<JsonNode>> f : made) {
                for (JsonNode service : f.get(120, TimeUnit.SECONDS)) {
                    ips.add(service.at("/spec/clusterIP").asString());
                    ports.add(service.at("/spec/ports/0/nodePort").asInt());
                }
            }
            assertThat(ips).hasSize(2 * each).doesNotContain("", "None");
            assertThat(ports).hasSize(2 * each).doesNotContain(0);
            // the third replica holds the same allocation: a Service asking for a taken node port is refused there
            int taken = ports.iterator().next();
            HttpApi.Reply clash = api(replicas.get(2)).post(services, """
                    {"apiVersion":"v1","kind":"Service","metadata":{"name":"clash"},
                     "spec":{"type":"NodePort","selector":{"app":"x"},"ports":[{"port":80,"nodePort":%d}]}}"""
                    .formatted(taken));
            assertThat(clash.code()).as("%s", clash).isEqualTo(422);
            assertThat(clash.text()).contains("provided port is already allocated");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Each create is made on one replica and timed to its event on a watch on another. */
    private void measureTheCrossReplicaWatchDelay(HttpApi writer, String ns) {
        String measured = "/api/v1/namespaces/" + ns + "/configmaps";
        String at = writer.get(measured).json().at("/metadata/resourceVersion").asString();
        List<Long> delays = new ArrayList<>();
        try (WatchClient watch = new WatchClient(replicas.get(2).port(),
                measured + "?watch=true&resourceVersion=" + at)) {
            for (int i = 0; i < 30; i++) {
                long sent = System.nanoTime();
                assertThat(writer.post(measured, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"d"
                        + i + "\"}}").code()).isEqualTo(201);
                JsonNode event = watch.nextChange(Duration.ofSeconds(10));
                assertThat(WatchClient.name(event)).as("%s", event).isEqualTo("d" + i);
                delays.add(System.nanoTime() - sent);
            }
        }
        delays.sort(null);
        System.out.printf("a create on one replica reached a watch on another in %.1f ms at the median"
                + " (%.1f ms at most, %d creates), the create's round trip included%n",
                delays.get(delays.size() / 2) / 1e6, delays.get(delays.size() - 1) / 1e6, delays.size());
        // the follower's poll alone would take up to a second: its notification wakes it first
        assertThat(delays.get(delays.size() / 2)).isLessThan(Duration.ofMillis(250).toNanos());
    }

    /**
     * Creates go to the survivors while the leader's process is killed under a watch it serves; the client then
     * watches on a survivor from the last resourceVersion it got, and sees every create exactly once, in order.
     * Returns when the leader was killed ({@link System#nanoTime()}).
     */
    private long aWatchOnTheKilledReplicaResumesOnAnotherWithoutGapOrDuplicate(ReplicaProcess leader,
            List<Replica> survivors, String ns) throws Exception {
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        String selector = "labelSelector=resume%3Dyes";
        String from = api(survivors.get(0)).get(path + "?" + selector).json().at("/metadata/resourceVersion").asString();
        int total = 40;
        List<JsonNode> seen = new ArrayList<>();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> writes;
        long killed;
        try (WatchClient dying = new WatchClient(leader.port(), path + "?watch=true&" + selector
                + "&resourceVersion=" + from)) {
            writes = writer.submit(() -> {
                for (int i = 0; i < total; i++) {
                    HttpApi.Reply reply = api(survivors.get(i % 2)).post(path, """
                            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"r%02d","labels":{"resume":"yes"}}}"""
                            .formatted(i));
                    if (reply.code() != 201) {
                        throw new IllegalStateException("create r" + i + ": " + reply);
                    }
                }
            });
            seen.addAll(dying.changes(8, Duration.ofSeconds(30)));
            killed = System.nanoTime();
            leader.kill();
            assertThat(dying.awaitEnd(Duration.ofSeconds(10))).as("the killed replica's watch ended").isTrue();
            dying.drain().stream().filter(e -> !"BOOKMARK".equals(WatchClient.type(e))).forEach(seen::add);
        } finally {
            writer.shutdown();
        }
        long last = WatchClient.revision(seen.get(seen.size() - 1));
        int before = seen.size();
        try (WatchClient resumed = new WatchClient(survivors.get(1).port(), path + "?watch=true&" + selector
                + "&resourceVersion=" + last)) {
            if (before < total) {
                seen.addAll(resumed.changes(total - before, Duration.ofSeconds(30)));
            }
            writes.get(30, TimeUnit.SECONDS);
            assertThat(resumed.nextChange(Duration.ofMillis(500))).as("nothing after the last create").isNull();
        }
        System.out.printf("the killed replica's watch delivered %d of %d creates; the resumed one the other %d%n",
                before, total, total - before);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            expected.add("ADDED r%02d".formatted(i));
        }
        assertThat(seen).extracting(e -> WatchClient.type(e) + " " + WatchClient.name(e))
                .containsExactlyElementsOf(expected);
        assertThat(seen).extracting(WatchClient::revision).isSorted().doesNotHaveDuplicates();
        return killed;
    }

    private static void awaitRunning(HttpApi api, String ns, String name) {
        assertThat(api.post("/api/v1/namespaces/" + ns + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{"containers":[{"name":"c","image":"nginx"}]}}""".formatted(name)).code()).isEqualTo(201);
        await("pod " + name + " running").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    HttpApi.Reply pod = api.get("/api/v1/namespaces/" + ns + "/pods/" + name);
                    JsonNode status = pod.json().get("status");
                    return status != null && status.has("phase") && "Running".equals(status.get("phase").asString());
                });
    }

    /** What each step took, for reading a slow run's output. */
    private static final class Phases {
        private long at = System.nanoTime();

        void done(String phase) {
            long now = System.nanoTime();
            System.out.printf("%s: %.1f s%n", phase, (now - at) / 1e9);
            at = now;
        }
    }
}

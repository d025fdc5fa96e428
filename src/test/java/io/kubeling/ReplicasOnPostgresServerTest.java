package io.kubeling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

import io.kubeling.controllers.LeaderElection;
import io.kubeling.support.HttpApi;
import io.kubeling.support.PostgresServer;
import io.kubeling.support.WatchClient;

/**
 * Three servers on one PostgreSQL database serve one cluster: writes spread over them reach a watch on
 * each, once and in order; the simulation runs on the replica holding its Leases, and moves to another
 * when that replica dies (its context closed without giving the Leases up, as a killed process leaves them).
 */
@Execution(ExecutionMode.SAME_THREAD)
class ReplicasOnPostgresServerTest {

    private static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/";

    @TempDir
    Path dataDir;

    private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

    @AfterEach
    void stop() {
        replicas.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext start(String url, int n) {
        ConfigurableApplicationContext server = new SpringApplication(KubelingApplication.class).run(
                "--kubeling.database-url=" + url, "--kubeling.database-user=" + PostgresServer.USER,
                "--kubeling.data-dir=" + dataDir.resolve("replica-" + n), "--kubeling.port=0",
                // each replica decrypts the secrets the others wrote
                "--kubeling.encryption.key-file=" + dataDir.resolve("encryption-keys"),
                "--kubeling.leader-election.lease-duration=3s", "--kubeling.leader-election.renew-deadline=2s",
                "--kubeling.leader-election.retry-period=500ms", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN");
        replicas.add(server);
        return server;
    }

    private static HttpApi api(ConfigurableApplicationContext server) {
        return new HttpApi(port(server));
    }

    private static int port(ConfigurableApplicationContext server) {
        return Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
    }

    private static String identity(ConfigurableApplicationContext server) {
        return server.getBean(LeaderElection.class).identity();
    }

    /** The replica holding {@code lease}, as any live replica serves it. */
    private ConfigurableApplicationContext holder(HttpApi api, String lease) {
        HttpApi.Reply reply = api.get(LEASES + lease);
        if (reply.code() != 200) {
            return null;
        }
        String holder = reply.json().get("spec").get("holderIdentity").asString();
        return replicas.stream().filter(r -> r.isActive() && identity(r).equals(holder)).findFirst().orElse(null);
    }

    @Test
    void threeReplicasServeOneClusterAndTheSimulationMovesWhenItsReplicaDies() {
        String url = PostgresServer.shared().newDatabase();
        for (int i = 0; i < 3; i++) {
            start(url, i);
        }
        HttpApi first = api(replicas.get(0));
        await("a leader").atMost(Duration.ofSeconds(20)).until(() -> holder(first, "kube-controller-manager") != null
                && holder(first, "kube-scheduler") != null);
        ConfigurableApplicationContext leader = holder(first, "kube-controller-manager");
        assertThat(replicas.stream().filter(r -> r.getBean(LeaderElection.class).leads("kube-controller-manager")))
                .containsExactly(leader);

        // a namespace made on one replica gets its service account from the controllers, wherever they run
        String ns = first.newNamespace("replicas-");
        String configMaps = "/api/v1/namespaces/" + ns + "/configmaps";
        String from = first.get(configMaps).json().get("metadata").get("resourceVersion").asString();
        List<WatchClient> watches = new ArrayList<>();
        for (ConfigurableApplicationContext replica : replicas) {
            watches.add(new WatchClient(port(replica), configMaps + "?watch=true&resourceVersion=" + from));
        }
        for (int i = 0; i < 30; i++) {
            HttpApi api = api(replicas.get(i % 3));
            assertThat(api.post(configMaps, """
                    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c%d"},"data":{"n":"%d"}}"""
                    .formatted(i, i)).code()).isEqualTo(201);
            // the next replica may not have followed the create yet: it reads what it misses when asked
            assertThat(api(replicas.get((i + 1) % 3)).patch(configMaps + "/c" + i, "application/merge-patch+json",
                    "{\"data\":{\"patched\":\"yes\"}}").code()).isEqualTo(200);
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

        // a write acknowledged by one replica reaches a watch on another
        String measured = "/api/v1/namespaces/" + ns + "/secrets";
        String at = first.get(measured).json().get("metadata").get("resourceVersion").asString();
        List<Long> delays = new ArrayList<>();
        try (WatchClient watch = new WatchClient(port(replicas.get(1)), measured + "?watch=true&resourceVersion=" + at)) {
            for (int i = 0; i < 40; i++) {
                long sent = System.nanoTime();
                assertThat(first.post(measured, "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s"
                        + i + "\"}}").code()).isEqualTo(201);
                JsonNode event = watch.nextChange(Duration.ofSeconds(10));
                assertThat(WatchClient.name(event)).as("%s", event).isEqualTo("s" + i);
                delays.add(System.nanoTime() - sent);
            }
        }
        delays.sort(null);
        System.out.printf("a create on one replica reached a watch on another in %.1f ms at the median"
                + " (%.1f ms at most, %d creates), the create's round trip included%n",
                delays.get(delays.size() / 2) / 1e6, delays.get(delays.size() - 1) / 1e6, delays.size());
        // the follower's poll alone would take up to a second: its notification wakes it first
        assertThat(delays.get(delays.size() / 2)).isLessThan(Duration.ofMillis(250).toNanos());

        // a pod made on a replica that does not run the simulation is scheduled and started by the one that does
        ConfigurableApplicationContext other = replicas.stream().filter(r -> r != leader).findFirst().orElseThrow();
        awaitRunning(api(other), ns, "before");

        long killed = System.nanoTime();
        leader.close();
        HttpApi survivor = api(other);
        await("a new leader").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> holder(survivor, "kube-controller-manager") != null
                        && holder(survivor, "kube-scheduler") != null);
        System.out.printf("the simulation moved to another replica %.1f s after its replica died%n",
                (System.nanoTime() - killed) / 1e9);
        assertThat(holder(survivor, "kube-controller-manager")).isNotSameAs(leader);
        awaitRunning(survivor, ns, "after");
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
}

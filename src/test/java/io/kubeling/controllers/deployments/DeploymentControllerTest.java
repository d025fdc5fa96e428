package io.kubeling.controllers.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.ReadyPods;
import io.kubeling.support.WatchClient;
import tools.jackson.databind.JsonNode;

@KubelingTest
class DeploymentControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        ns = api.newNamespace("dc-");
    }

    private String path() {
        return "/apis/apps/v1/namespaces/" + ns + "/deployments";
    }

    private void create(String name, int replicas, String image, String strategy) {
        HttpApi.Reply reply = api.post(path(), """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s"},
                 "spec":{"replicas":%d,%s"selector":{"matchLabels":{"app":"%s"}},
                   "template":{"metadata":{"labels":{"app":"%s"}},
                     "spec":{"schedulerName":"kubeling-test-unscheduled","containers":[{"name":"web","image":"%s"}]}}}}
                """.formatted(name, replicas, strategy, name, name, image));
        assertThat(reply.code()).as(reply.text()).isEqualTo(201);
    }

    private JsonNode deployment(String name) {
        return api.get(path() + "/" + name).json();
    }

    private List<JsonNode> replicaSets() {
        List<JsonNode> sets = new ArrayList<>();
        api.get("/apis/apps/v1/namespaces/" + ns + "/replicasets").json().get("items").forEach(sets::add);
        return sets;
    }

    private List<JsonNode> pods() {
        List<JsonNode> pods = new ArrayList<>();
        api.get("/api/v1/namespaces/" + ns + "/pods").json().get("items").forEach(pods::add);
        return pods;
    }

    private boolean rolledOut(String name, int replicas) {
        JsonNode d = deployment(name);
        return d.at("/status/observedGeneration").asLong() == d.at("/metadata/generation").asLong()
                && d.at("/status/updatedReplicas").asInt() == replicas && d.at("/status/replicas").asInt() == replicas
                && d.at("/status/availableReplicas").asInt() == replicas;
    }

    private String condition(JsonNode d, String type, String field) {
        for (JsonNode c : d.at("/status/conditions")) {
            if (c.get("type").asString().equals(type)) {
                return c.get(field).asString();
            }
        }
        return null;
    }

    private List<String> events(String reason) {
        List<String> out = new ArrayList<>();
        api.get("/api/v1/namespaces/" + ns + "/events").json().get("items").forEach(e -> {
            if (e.get("reason").asString().equals(reason)) {
                out.add(e.get("message").asString());
            }
        });
        return out;
    }

    @Test
    void createsAHashedReplicaSetAndReportsConditions() {
        try (ReadyPods ready = ReadyPods.keep(api, ns)) {
            create("web", 3, "nginx:1.0", "");
            assertThat(ReadyPods.await(WAIT, () -> rolledOut("web", 3))).isTrue();
        }
        List<JsonNode> sets = replicaSets();
        assertThat(sets).hasSize(1);
        JsonNode rs = sets.get(0);
        String hash = rs.at("/metadata/labels/pod-template-hash").asString();
        assertThat(rs.at("/metadata/name").asString()).isEqualTo("web-" + hash);
        assertThat(hash).matches("[bcdfghjklmnpqrstvwxz2456789]+");
        assertThat(rs.at("/spec/selector/matchLabels/pod-template-hash").asString()).isEqualTo(hash);
        assertThat(rs.at("/spec/template/metadata/labels/pod-template-hash").asString()).isEqualTo(hash);
        assertThat(rs.at("/metadata/annotations/deployment.kubernetes.io~1revision").asString()).isEqualTo("1");
        assertThat(rs.at("/metadata/annotations/deployment.kubernetes.io~1desired-replicas").asString()).isEqualTo("3");
        assertThat(rs.at("/metadata/annotations/deployment.kubernetes.io~1max-replicas").asString()).isEqualTo("4");
        assertThat(rs.at("/metadata/ownerReferences/0/kind").asString()).isEqualTo("Deployment");

        JsonNode d = deployment("web");
        assertThat(d.at("/metadata/annotations/deployment.kubernetes.io~1revision").asString()).isEqualTo("1");
        assertThat(condition(d, "Available", "reason")).isEqualTo("MinimumReplicasAvailable");
        assertThat(condition(d, "Available", "message")).isEqualTo("Deployment has minimum availability.");
        assertThat(ReadyPods.await(WAIT, () -> "NewReplicaSetAvailable".equals(condition(deployment("web"),
                "Progressing", "reason")))).isTrue();
        assertThat(condition(deployment("web"), "Progressing", "message"))
                .isEqualTo("ReplicaSet \"web-" + hash + "\" has successfully progressed.");
        assertThat(events("ScalingReplicaSet")).contains("Scaled up replica set web-" + hash + " to 3 from 0");
        assertThat(pods()).allMatch(p -> p.at("/metadata/name").asString().startsWith("web-" + hash + "-"));
    }

    @Test
    void rollingUpdateOfTenReplicasKeepsEightAvailable() throws Exception {
        try (ReadyPods ready = ReadyPods.keep(api, ns)) {
            create("big", 10, "nginx:1.0", "");
            assertThat(ReadyPods.await(WAIT, () -> rolledOut("big", 10))).isTrue();
            String rv = api.get("/api/v1/namespaces/" + ns + "/pods").json().at("/metadata/resourceVersion").asString();
            Map<String, Boolean> available = new HashMap<>();
            pods().forEach(p -> available.put(p.at("/metadata/name").asString(), true));
            int min = available.size();
            // maxSurge bounds the replicas the ReplicaSets ask for, as in kube; the pods follow through the
            // ReplicaSet controller, so for a moment they may number more, as they may in kube
            JsonNode setList = api.get("/apis/apps/v1/namespaces/" + ns + "/replicasets").json();
            Map<String, Integer> replicas = new HashMap<>();
            setList.get("items").forEach(
                    set -> replicas.put(set.at("/metadata/name").asString(), set.at("/spec/replicas").asInt()));
            int maxReplicas = replicas.values().stream().mapToInt(i -> i).sum();
            try (WatchClient watch = new WatchClient(port, "/api/v1/namespaces/" + ns
                    + "/pods?watch=true&resourceVersion=" + rv);
                    WatchClient sets = new WatchClient(port, "/apis/apps/v1/namespaces/" + ns
                            + "/replicasets?watch=true&resourceVersion="
                            + setList.at("/metadata/resourceVersion").asString())) {
                api.patch(path() + "/big", "application/strategic-merge-patch+json",
                        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:2.0\"}]}}}}");
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (System.nanoTime() < deadline && !(rolledOut("big", 10) && pods().size() == 10)) {
                    for (JsonNode e : watch.drain()) {
                        String type = WatchClient.type(e);
                        if (type.equals("BOOKMARK")) {
                            continue;
                        }
                        JsonNode pod = e.get("object");
                        String name = pod.at("/metadata/name").asString();
                        boolean terminating = !pod.at("/metadata/deletionTimestamp").isMissingNode();
                        if (type.equals("DELETED")) {
                            available.remove(name);
                        } else {
                            available.put(name, !terminating && readyIn(pod));
                        }
                        min = Math.min(min, (int) available.values().stream().filter(b -> b).count());
                    }
                    for (JsonNode e : sets.drain()) {
                        String type = WatchClient.type(e);
                        if (type.equals("BOOKMARK")) {
                            continue;
                        }
                        JsonNode set = e.get("object");
                        if (type.equals("DELETED")) {
                            replicas.remove(set.at("/metadata/name").asString());
                        } else {
                            replicas.put(set.at("/metadata/name").asString(), set.at("/spec/replicas").asInt());
                        }
                        maxReplicas = Math.max(maxReplicas, replicas.values().stream().mapToInt(i -> i).sum());
                    }
                    Thread.sleep(50);
                }
            }
            assertThat(rolledOut("big", 10)).isTrue();
            assertThat(min).as("fewest available pods during the rollout").isGreaterThanOrEqualTo(8);
            assertThat(maxReplicas).as("most replicas asked for during the rollout").isBetween(11, 13);
        }
        JsonNode d = deployment("big");
        assertThat(d.at("/metadata/annotations/deployment.kubernetes.io~1revision").asString()).isEqualTo("2");
        assertThat(replicaSets()).hasSize(2);
        assertThat(pods()).allMatch(p -> p.at("/spec/containers/0/image").asString().equals("nginx:2.0"));
        assertThat(events("ScalingReplicaSet")).anyMatch(m -> m.startsWith("Scaled down replica set big-"));
    }

    private static boolean readyIn(JsonNode pod) {
        for (JsonNode c : pod.at("/status/conditions")) {
            if (c.get("type").asString().equals("Ready")) {
                return c.get("status").asString().equals("True");
            }
        }
        return false;
    }

    @Test
    void recreateScalesAllDownBeforeUp() {
        try (ReadyPods ready = ReadyPods.keep(api, ns)) {
            create("rec", 2, "nginx:1.0", "\"strategy\":{\"type\":\"Recreate\"},");
            assertThat(ReadyPods.await(WAIT, () -> rolledOut("rec", 2))).isTrue();
            api.patch(path() + "/rec", "application/strategic-merge-patch+json",
                    "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:2.0\"}]}}}}");
            assertThat(ReadyPods.await(WAIT, () -> rolledOut("rec", 2) && pods().size() == 2)).isTrue();
        }
        assertThat(pods()).allMatch(p -> p.at("/spec/containers/0/image").asString().equals("nginx:2.0"));
        assertThat(events("ScalingReplicaSet")).anyMatch(m -> m.matches("Scaled down replica set rec-\\w+ to 0 from 2"));
    }

    @Test
    void pausedDeploymentsDoNotRollOutButScale() {
        try (ReadyPods ready = ReadyPods.keep(api, ns)) {
            create("p", 2, "nginx:1.0", "");
            assertThat(ReadyPods.await(WAIT, () -> rolledOut("p", 2))).isTrue();
            api.patch(path() + "/p", "application/merge-patch+json", "{\"spec\":{\"paused\":true}}");
            assertThat(ReadyPods.await(WAIT, () -> "DeploymentPaused".equals(condition(deployment("p"), "Progressing",
                    "reason")))).isTrue();
            assertThat(condition(deployment("p"), "Progressing", "status")).isEqualTo("Unknown");
            api.patch(path() + "/p", "application/strategic-merge-patch+json",
                    "{\"spec\":{\"replicas\":4,\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:2.0\"}]}}}}");
            assertThat(ReadyPods.await(WAIT, () -> pods().size() == 4)).isTrue();
            assertThat(replicaSets()).hasSize(1);
            api.patch(path() + "/p", "application/merge-patch+json", "{\"spec\":{\"paused\":false}}");
            assertThat(ReadyPods.await(WAIT, () -> rolledOut("p", 4) && replicaSets().size() == 2)).isTrue();
        }
    }
}

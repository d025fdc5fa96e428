package io.kubeling.controllers.replicasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.ReadyPods;
import tools.jackson.databind.JsonNode;

@KubelingTest
class ReplicaSetControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        ns = api.newNamespace("rs-");
    }

    private String rsPath() {
        return "/apis/apps/v1/namespaces/" + ns + "/replicasets";
    }

    private void createReplicaSet(String name, int replicas) {
        HttpApi.Reply reply = api.post(rsPath(), """
                {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"%s"},
                 "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"%s"}},
                   "template":{"metadata":{"labels":{"app":"%s"}},
                     "spec":{"schedulerName":"kubeling-test-unscheduled","containers":[{"name":"web","image":"nginx"}]}}}}
                """.formatted(name, replicas, name, name));
        assertThat(reply.code()).isEqualTo(201);
    }

    private List<JsonNode> pods() {
        List<JsonNode> pods = new ArrayList<>();
        api.get("/api/v1/namespaces/" + ns + "/pods").json().get("items").forEach(pods::add);
        return pods;
    }

    private JsonNode rs(String name) {
        return api.get(rsPath() + "/" + name).json();
    }

    @Test
    void createsPodsOwnedByTheReplicaSetAndCountsThem() {
        createReplicaSet("web", 3);
        assertThat(ReadyPods.await(WAIT, () -> pods().size() == 3)).isTrue();
        JsonNode rs = rs("web");
        for (JsonNode pod : pods()) {
            assertThat(pod.at("/metadata/name").asString()).matches("web-[bcdfghjklmnpqrstvwxz2456789]{5}");
            JsonNode owner = pod.at("/metadata/ownerReferences/0");
            assertThat(owner.get("kind").asString()).isEqualTo("ReplicaSet");
            assertThat(owner.get("uid").asString()).isEqualTo(rs.at("/metadata/uid").asString());
            assertThat(owner.get("controller").asBoolean()).isTrue();
            assertThat(owner.get("blockOwnerDeletion").asBoolean()).isTrue();
            assertThat(pod.at("/metadata/labels/app").asString()).isEqualTo("web");
        }
        assertThat(ReadyPods.await(WAIT, () -> rs("web").at("/status/replicas").asInt() == 3
                && rs("web").at("/status/fullyLabeledReplicas").asInt() == 3
                && rs("web").at("/status/observedGeneration").asInt() == 1)).isTrue();

        String first = pods().get(0).at("/metadata/name").asString();
        ReadyPods.markReady(api, ns, first);
        assertThat(ReadyPods.await(WAIT, () -> rs("web").at("/status/readyReplicas").asInt() == 1
                && rs("web").at("/status/availableReplicas").asInt() == 1)).isTrue();

        JsonNode events = api.get("/api/v1/namespaces/" + ns + "/events").json().get("items");
        List<String> messages = new ArrayList<>();
        events.forEach(e -> messages.add(e.get("reason").asString() + " " + e.get("message").asString() + " "
                + e.at("/source/component").asString()));
        assertThat(messages).filteredOn(m -> m.startsWith("SuccessfulCreate Created pod: web-")
                && m.endsWith(" replicaset-controller")).hasSize(3);

        // Scaling down deletes the pods that are not ready first.
        api.patch(rsPath() + "/web", "application/merge-patch+json", "{\"spec\":{\"replicas\":1}}");
        assertThat(ReadyPods.await(WAIT, () -> pods().size() == 1)).isTrue();
        assertThat(pods().get(0).at("/metadata/name").asString()).isEqualTo(first);
        assertThat(ReadyPods.await(WAIT, () -> rs("web").at("/status/replicas").asInt() == 1
                && rs("web").at("/status/observedGeneration").asInt() == 2)).isTrue();
        JsonNode after = api.get("/api/v1/namespaces/" + ns + "/events").json().get("items");
        List<String> deleted = new ArrayList<>();
        after.forEach(e -> {
            if (e.get("reason").asString().equals("SuccessfulDelete")) {
                deleted.add(e.get("message").asString());
            }
        });
        assertThat(deleted).hasSize(2).allMatch(m -> m.startsWith("Deleted pod: web-"));
    }

    @Test
    void deletedPodsAreReplaced() {
        createReplicaSet("web", 2);
        assertThat(ReadyPods.await(WAIT, () -> pods().size() == 2)).isTrue();
        String victim = pods().get(0).at("/metadata/name").asString();
        api.delete("/api/v1/namespaces/" + ns + "/pods/" + victim);
        assertThat(ReadyPods.await(WAIT, () -> pods().size() == 2
                && pods().stream().noneMatch(p -> p.at("/metadata/name").asString().equals(victim)))).isTrue();
    }

    @Test
    void adoptsOrphansAndReleasesPodsItNoLongerSelects() {
        HttpApi.Reply orphan = api.post("/api/v1/namespaces/" + ns + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"orphan","labels":{"app":"web"}},
                 "spec":{"schedulerName":"kubeling-test-unscheduled","containers":[{"name":"web","image":"nginx"}]}}""");
        assertThat(orphan.code()).isEqualTo(201);
        createReplicaSet("web", 2);
        assertThat(ReadyPods.await(WAIT, () -> pods().size() == 2)).isTrue();
        JsonNode adopted = api.get("/api/v1/namespaces/" + ns + "/pods/orphan").json();
        assertThat(adopted.at("/metadata/ownerReferences/0/name").asString()).isEqualTo("web");

        api.patch("/api/v1/namespaces/" + ns + "/pods/orphan", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"app\":\"elsewhere\"}}}");
        assertThat(ReadyPods.await(WAIT, () -> api.get("/api/v1/namespaces/" + ns + "/pods/orphan").json()
                .at("/metadata/ownerReferences").isEmpty() && pods().size() == 3)).isTrue();
    }

    @Test
    void anOrphanCreatedAfterItIsAdoptedAndTheSurplusRemoved() {
        createReplicaSet("web", 2);
        assertThat(ReadyPods.await(WAIT, () -> pods().size() == 2)).isTrue();
        String uid = rs("web").at("/metadata/uid").asString();

        // nothing else changes in the namespace: only the orphan's own change can make the ReplicaSet look again
        HttpApi.Reply orphan = api.post("/api/v1/namespaces/" + ns + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"orphan","labels":{"app":"web"}},
                 "spec":{"schedulerName":"kubeling-test-unscheduled","containers":[{"name":"web","image":"nginx"}]}}""");
        assertThat(orphan.code()).isEqualTo(201);
        assertThat(ReadyPods.await(WAIT, () -> {
            List<JsonNode> pods = pods();
            return pods.size() == 2 && pods.stream()
                    .allMatch(p -> uid.equals(p.at("/metadata/ownerReferences/0/uid").asString()));
        })).isTrue();
    }
}

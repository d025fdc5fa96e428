package io.kubeling.controllers.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.ReadyPods;
import tools.jackson.databind.JsonNode;

@KubelingTest
class GarbageCollectorTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        ns = api.newNamespace("gc-");
    }

    private String cm(String name) {
        return "/api/v1/namespaces/" + ns + "/configmaps" + (name == null ? "" : "/" + name);
    }

    private String createOwner(String name) {
        HttpApi.Reply reply = api.post(cm(null), """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s"}}""".formatted(name));
        assertThat(reply.code()).isEqualTo(201);
        return reply.json().at("/metadata/uid").asString();
    }

    private void createDependent(String name, String owner, String uid, boolean block, String finalizer) {
        HttpApi.Reply reply = api.post(cm(null), """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s",%s
                  "ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"%s","uid":"%s",
                    "blockOwnerDeletion":%s}]}}""".formatted(name,
                finalizer == null ? "" : "\"finalizers\":[\"" + finalizer + "\"],", owner, uid, block));
        assertThat(reply.code()).as(reply.text()).isEqualTo(201);
    }

    private boolean gone(String path) {
        return api.get(path).code() == 404;
    }

    @Test
    void backgroundDeletesDependentsAfterTheOwner() {
        String uid = createOwner("owner");
        createDependent("dep", "owner", uid, false, null);
        assertThat(api.delete(cm("owner")).code()).isEqualTo(200);
        assertThat(ReadyPods.await(WAIT, () -> gone(cm("dep")))).isTrue();
    }

    @Test
    void dependentsOfAnOwnerThatDoesNotExistAreDeleted() {
        createDependent("lost", "never", "00000000-0000-0000-0000-000000000000", false, null);
        assertThat(ReadyPods.await(WAIT, () -> gone(cm("lost")))).isTrue();
    }

    @Test
    void orphanRemovesTheReferences() {
        String uid = createOwner("owner");
        createDependent("dep", "owner", uid, true, null);
        HttpApi.Reply reply = api.delete(cm("owner"), "{\"propagationPolicy\":\"Orphan\"}");
        assertThat(reply.code()).isEqualTo(200);
        assertThat(ReadyPods.await(WAIT, () -> gone(cm("owner")))).isTrue();
        JsonNode dep = api.get(cm("dep")).json();
        assertThat(dep.at("/metadata/ownerReferences").isEmpty()).isTrue();
    }

    @Test
    void orphanDependentsParameter() {
        String uid = createOwner("owner");
        createDependent("dep", "owner", uid, true, null);
        assertThat(api.delete(cm("owner") + "?orphanDependents=true").code()).isEqualTo(200);
        assertThat(ReadyPods.await(WAIT, () -> gone(cm("owner")))).isTrue();
        assertThat(api.get(cm("dep")).code()).isEqualTo(200);
        HttpApi.Reply both = api.delete(cm("dep") + "?orphanDependents=true&propagationPolicy=Orphan");
        assertThat(both.code()).isEqualTo(422);
        assertThat(both.json().get("message").asString()).contains(
                "orphanDependents and deletionPropagation cannot be both set");
    }

    @Test
    void foregroundWaitsForBlockingDependents() {
        String uid = createOwner("owner");
        createDependent("dep", "owner", uid, true, "example.com/hold");
        HttpApi.Reply reply = api.delete(cm("owner"), "{\"propagationPolicy\":\"Foreground\"}");
        assertThat(reply.code()).isEqualTo(200);
        JsonNode owner = api.get(cm("owner")).json();
        assertThat(owner.at("/metadata/finalizers/0").asString()).isEqualTo("foregroundDeletion");
        assertThat(owner.at("/metadata/deletionTimestamp").isMissingNode()).isFalse();
        assertThat(ReadyPods.await(WAIT, () -> !api.get(cm("dep")).json().at("/metadata/deletionTimestamp")
                .isMissingNode())).isTrue();
        assertThat(api.get(cm("owner")).code()).isEqualTo(200);
        api.patch(cm("dep"), "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");
        assertThat(ReadyPods.await(WAIT, () -> gone(cm("dep")) && gone(cm("owner")))).isTrue();
    }

    @Test
    void foregroundDoesNotWaitForNonBlockingDependents() {
        String uid = createOwner("owner");
        createDependent("dep", "owner", uid, false, "example.com/hold");
        api.delete(cm("owner"), "{\"propagationPolicy\":\"Foreground\"}");
        assertThat(ReadyPods.await(WAIT, () -> gone(cm("owner")))).isTrue();
        api.patch(cm("dep"), "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");
        assertThat(ReadyPods.await(WAIT, () -> gone(cm("dep")))).isTrue();
    }

    @Test
    void deploymentsCascade() {
        String deploy = "/apis/apps/v1/namespaces/" + ns + "/deployments";
        for (String name : new String[] {"bg", "fg", "or"}) {
            api.post(deploy, """
                    {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s"},
                     "spec":{"replicas":2,"selector":{"matchLabels":{"app":"%s"}},
                       "template":{"metadata":{"labels":{"app":"%s"}},
                         "spec":{"schedulerName":"kubeling-test-unscheduled","containers":[{"name":"c","image":"nginx"}]}}}}
                    """.formatted(name, name, name));
        }
        assertThat(ReadyPods.await(WAIT, () -> pods("") == 6)).isTrue();
        api.delete(deploy + "/bg", "{\"propagationPolicy\":\"Background\"}");
        assertThat(ReadyPods.await(WAIT, () -> pods("app=bg") == 0 && replicaSets("app=bg") == 0)).isTrue();
        api.delete(deploy + "/fg", "{\"propagationPolicy\":\"Foreground\"}");
        assertThat(ReadyPods.await(WAIT, () -> gone(deploy + "/fg"))).isTrue();
        assertThat(pods("app=fg")).isZero();
        assertThat(replicaSets("app=fg")).isZero();
        api.delete(deploy + "/or", "{\"propagationPolicy\":\"Orphan\"}");
        assertThat(ReadyPods.await(WAIT, () -> gone(deploy + "/or"))).isTrue();
        assertThat(pods("app=or")).isEqualTo(2);
        assertThat(replicaSets("app=or")).isEqualTo(1);
        JsonNode rs = api.get("/apis/apps/v1/namespaces/" + ns + "/replicasets?labelSelector=app%3Dor").json()
                .at("/items/0");
        assertThat(rs.at("/metadata/ownerReferences").isEmpty()).isTrue();
    }

    private int pods(String selector) {
        return api.get("/api/v1/namespaces/" + ns + "/pods?labelSelector=" + selector.replace("=", "%3D")).json()
                .get("items").size();
    }

    private int replicaSets(String selector) {
        return api.get("/apis/apps/v1/namespaces/" + ns + "/replicasets?labelSelector=" + selector.replace("=", "%3D"))
                .json().get("items").size();
    }
}

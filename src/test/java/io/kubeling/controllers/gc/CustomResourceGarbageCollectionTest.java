package io.kubeling.controllers.gc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.CrdSamples;
import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.ReadyPods;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Owner references between built-in objects and custom resources of a CRD created through the API while the
 * collector runs: each way round, with every propagation policy.
 */
@KubelingTest
class CustomResourceGarbageCollectionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String GROUP = "gc.kubeling.io";
    private static final String API_VERSION = GROUP + "/v1";

    @LocalServerPort
    int port;

    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        ns = api.newNamespace("crgc-");
        String crd = JsonMapper.builder().build().writeValueAsString(YAMLMapper.builder().build()
                .readTree(CrdSamples.yaml(GROUP, "widgets", "Widget", "Namespaced")));
        HttpApi.Reply created = api.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd);
        assertThat(created.code()).as(created.text()).isIn(201, 409);
        assertThat(ReadyPods.await(WAIT, () -> api.get(widget(null)).code() == 200)).isTrue();
    }

    private String widget(String name) {
        return "/apis/" + API_VERSION + "/namespaces/" + ns + "/widgets" + (name == null ? "" : "/" + name);
    }

    private String cm(String name) {
        return "/api/v1/namespaces/" + ns + "/configmaps" + (name == null ? "" : "/" + name);
    }

    private static String ownedBy(String apiVersion, String kind, String name, String uid, boolean block) {
        return """
                "ownerReferences":[{"apiVersion":"%s","kind":"%s","name":"%s","uid":"%s","blockOwnerDeletion":%s}]"""
                .formatted(apiVersion, kind, name, uid, block);
    }

    private String createWidget(String name, String owner) {
        HttpApi.Reply reply = api.post(widget(null), """
                {"apiVersion":"%s","kind":"Widget","metadata":{"name":"%s"%s},"spec":{"replicas":1}}"""
                .formatted(API_VERSION, name, owner == null ? "" : "," + owner));
        assertThat(reply.code()).as(reply.text()).isEqualTo(201);
        return reply.json().at("/metadata/uid").asString();
    }

    private String createConfigMap(String name, String owner, String finalizer) {
        HttpApi.Reply reply = api.post(cm(null), """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s"%s%s}}""".formatted(name,
                finalizer == null ? "" : ",\"finalizers\":[\"" + finalizer + "\"]",
                owner == null ? "" : "," + owner));
        assertThat(reply.code()).as(reply.text()).isEqualTo(201);
        return reply.json().at("/metadata/uid").asString();
    }

    private boolean gone(String path) {
        return api.get(path).code() == 404;
    }

    @Test
    void aCustomResourceGoesWithItsBuiltInOwner() {
        String uid = createConfigMap("owner", null, null);
        createWidget("dep", ownedBy("v1", "ConfigMap", "owner", uid, false));
        createWidget("kept", null);
        assertThat(api.delete(cm("owner")).code()).isEqualTo(200);
        assertThat(ReadyPods.await(WAIT, () -> gone(widget("dep")))).isTrue();
        assertThat(api.get(widget("kept")).code()).isEqualTo(200);
    }

    @Test
    void aCustomResourceWhoseOwnerNeverExistedIsDeleted() {
        createWidget("lost", ownedBy("v1", "ConfigMap", "never", "00000000-0000-0000-0000-000000000000", false));
        assertThat(ReadyPods.await(WAIT, () -> gone(widget("lost")))).isTrue();
    }

    @Test
    void backgroundDeletesBuiltInDependentsOfACustomResource() {
        String uid = createWidget("owner", null);
        createConfigMap("dep", ownedBy(API_VERSION, "Widget", "owner", uid, false), null);
        createConfigMap("kept", null, null);
        assertThat(api.delete(widget("owner"), "{\"propagationPolicy\":\"Background\"}").code()).isEqualTo(200);
        assertThat(ReadyPods.await(WAIT, () -> gone(widget("owner")) && gone(cm("dep")))).isTrue();
        assertThat(api.get(cm("kept")).code()).isEqualTo(200);
    }

    @Test
    void aReferenceToTheWrongKindOrUidKeepsNothingAlive() {
        String uid = createWidget("owner", null);
        // the same name and uid under another kind is another owner, which does not exist
        createConfigMap("wrong-kind", ownedBy(API_VERSION, "Gadget", "owner", uid, false), null);
        createConfigMap("right", ownedBy(API_VERSION, "Widget", "owner", uid, false), null);
        createConfigMap("stale-uid", ownedBy(API_VERSION, "Widget", "owner",
                "00000000-0000-0000-0000-000000000001", false), null);
        assertThat(ReadyPods.await(WAIT, () -> gone(cm("stale-uid")))).isTrue();
        assertThat(api.get(cm("right")).code()).isEqualTo(200);
        // an owner of a kind not served cannot be looked up: kube keeps the dependent
        assertThat(api.get(cm("wrong-kind")).code()).isEqualTo(200);
    }

    @Test
    void foregroundWaitsForBlockingBuiltInDependents() {
        String uid = createWidget("owner", null);
        createConfigMap("dep", ownedBy(API_VERSION, "Widget", "owner", uid, true), "example.com/hold");
        assertThat(api.delete(widget("owner"), "{\"propagationPolicy\":\"Foreground\"}").code()).isEqualTo(200);
        JsonNode owner = api.get(widget("owner")).json();
        assertThat(owner.at("/metadata/finalizers/0").asString()).isEqualTo("foregroundDeletion");
        assertThat(ReadyPods.await(WAIT, () -> !api.get(cm("dep")).json().at("/metadata/deletionTimestamp")
                .isMissingNode())).isTrue();
        assertThat(api.get(widget("owner")).code()).isEqualTo(200);
        api.patch(cm("dep"), "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");
        assertThat(ReadyPods.await(WAIT, () -> gone(cm("dep")) && gone(widget("owner")))).isTrue();
    }

    @Test
    void orphanKeepsBuiltInDependentsWithoutTheReference() {
        String uid = createWidget("owner", null);
        createConfigMap("dep", ownedBy(API_VERSION, "Widget", "owner", uid, true), null);
        assertThat(api.delete(widget("owner"), "{\"propagationPolicy\":\"Orphan\"}").code()).isEqualTo(200);
        assertThat(ReadyPods.await(WAIT, () -> gone(widget("owner")))).isTrue();
        JsonNode dep = api.get(cm("dep")).json();
        assertThat(dep.at("/metadata/ownerReferences").isEmpty()).isTrue();
    }

    @Test
    void aChainThroughACustomResourceCascades() {
        String top = createConfigMap("top", null, null);
        String middle = createWidget("middle", ownedBy("v1", "ConfigMap", "top", top, true));
        createConfigMap("bottom", ownedBy(API_VERSION, "Widget", "middle", middle, true), null);
        assertThat(api.delete(cm("top"), "{\"propagationPolicy\":\"Foreground\"}").code()).isEqualTo(200);
        assertThat(ReadyPods.await(WAIT, () -> gone(cm("top")) && gone(widget("middle")) && gone(cm("bottom"))))
                .isTrue();
    }

    @Test
    void deletingTheCrdTakesTheBuiltInDependentsOfItsInstancesWithThem() {
        String group = "del" + Long.toHexString(System.nanoTime()) + ".gc.kubeling.io";
        String crd = JsonMapper.builder().build().writeValueAsString(YAMLMapper.builder().build()
                .readTree(CrdSamples.yaml(group, "gizmos", "Gizmo", "Namespaced")));
        assertThat(api.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd).code()).isEqualTo(201);
        String gizmos = "/apis/" + group + "/v1/namespaces/" + ns + "/gizmos";
        assertThat(ReadyPods.await(WAIT, () -> api.get(gizmos).code() == 200)).isTrue();
        HttpApi.Reply owner = api.post(gizmos, """
                {"apiVersion":"%s/v1","kind":"Gizmo","metadata":{"name":"owner"},"spec":{"replicas":1}}"""
                .formatted(group));
        assertThat(owner.code()).as(owner.text()).isEqualTo(201);
        createConfigMap("dep", ownedBy(group + "/v1", "Gizmo", "owner", owner.json().at("/metadata/uid").asString(),
                false), null);
        createConfigMap("kept", null, null);

        assertThat(api.delete("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gizmos." + group).code())
                .isEqualTo(200);
        assertThat(ReadyPods.await(WAIT, () -> gone(gizmos) && gone(cm("dep")))).isTrue();
        assertThat(api.get(cm("kept")).code()).isEqualTo(200);
    }
}

package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@KubelingTest
class ServerSideApplyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String APPLY = "application/apply-patch+yaml";

    @LocalServerPort
    int port;

    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        ns = api.newNamespace("ssa-");
    }

    private String cm(String name) {
        return "/api/v1/namespaces/" + ns + "/configmaps/" + name;
    }

    private Reply apply(String name, String manager, String yaml) {
        return api.patch(cm(name) + "?fieldManager=" + manager, APPLY, yaml);
    }

    private static String config(String name, String data) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                  labels:
                    app: web
                data:
                %s
                """.formatted(name, data.indent(2));
    }

    private static JsonNode entry(JsonNode object, String manager, String operation) {
        for (JsonNode e : object.path("metadata").path("managedFields")) {
            if (e.path("manager").asString().equals(manager) && e.path("operation").asString().equals(operation)) {
                return e;
            }
        }
        return null;
    }

    @Test
    void keysSetTwiceAreWarnedOfOrRefusedInGoYamlsWords() {
        String twice = config("d", "x: \"1\"\nx: \"2\"").replace("    app: web\n", "    app: web\n    app: api\n");
        Reply strict = api.patch(cm("d") + "?fieldManager=m&fieldValidation=Strict", APPLY, twice);
        assertThat(strict.code()).as(strict.toString()).isEqualTo(400);
        assertThat(strict.json().path("message").asString()).isEqualTo("error strict decoding YAML: error converting "
                + "YAML to JSON: yaml: unmarshal errors:\n  line 7: key \"app\" already set in map\n  line 10: key "
                + "\"x\" already set in map");
        assertThat(api.get(cm("d")).code()).isEqualTo(404);
        Reply warned = apply("d", "m", twice);
        assertThat(warned.code()).as(warned.toString()).isEqualTo(201);
        assertThat(warned.headers("Warning")).containsExactly("299 - \"line 7: key \\\"app\\\" already set in map\"",
                "299 - \"line 10: key \\\"x\\\" already set in map\"");
        assertThat(warned.json().path("data").path("x").asString()).isEqualTo("2");
        assertThat(warned.json().path("metadata").path("labels").path("app").asString()).isEqualTo("api");
    }

    @Test
    void aConfigurationThatIsNoYamlMapIsRefusedInSigsYamlsWords() {
        Reply malformed = apply("y", "m", "a:\n  b: 1\n c: 2\n");
        assertThat(malformed.code()).as(malformed.toString()).isEqualTo(400);
        assertThat(malformed.json().path("message").asString()).isEqualTo("error decoding YAML: error converting YAML "
                + "to JSON: yaml: line 2: did not find expected key");
        Reply list = apply("y", "m", "- a\n");
        assertThat(list.code()).as(list.toString()).isEqualTo(400);
        assertThat(list.json().path("message").asString()).isEqualTo("error decoding YAML: error unmarshaling JSON: "
                + "json: cannot unmarshal array into Go value of type map[string]interface {}");
    }

    @Test
    void applyCreatesTheObjectAndRecordsTheAppliersFields() {
        Reply created = apply("a", "alice", config("a", "x: \"1\""));
        assertThat(created.code()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("data").path("x").asString()).isEqualTo("1");
        JsonNode managed = created.json().path("metadata").path("managedFields");
        assertThat(managed).hasSize(1);
        JsonNode e = managed.get(0);
        assertThat(e.path("manager").asString()).isEqualTo("alice");
        assertThat(e.path("operation").asString()).isEqualTo("Apply");
        assertThat(e.path("apiVersion").asString()).isEqualTo("v1");
        assertThat(e.path("fieldsType").asString()).isEqualTo("FieldsV1");
        assertThat(e.path("time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(e.has("subresource")).isFalse();
        assertThat(e.path("fieldsV1")).isEqualTo(JSON.readTree(
                "{\"f:data\":{\"f:x\":{}},\"f:metadata\":{\"f:labels\":{\"f:app\":{}}}}"));
        assertThat(api.get(cm("a")).json().path("metadata").path("managedFields")).isEqualTo(managed);
    }

    @Test
    void applyingAgainUpdatesAndReapplyingTheSameIsUnchanged() {
        apply("a", "alice", config("a", "x: \"1\""));
        Reply updated = apply("a", "alice", config("a", "x: \"2\""));
        assertThat(updated.code()).isEqualTo(200);
        assertThat(updated.json().path("data").path("x").asString()).isEqualTo("2");
        String version = updated.json().path("metadata").path("resourceVersion").asString();
        Reply same = apply("a", "alice", config("a", "x: \"2\""));
        assertThat(same.code()).isEqualTo(200);
        assertThat(same.json().path("metadata").path("resourceVersion").asString()).isEqualTo(version);
    }

    @Test
    void aFieldOwnedByAnotherManagerWithAnotherValueConflicts() {
        apply("a", "alice", config("a", "x: \"1\"\ny: \"1\""));
        Reply conflict = apply("a", "bob", config("a", "x: \"2\""));
        assertThat(conflict.code()).isEqualTo(409);
        assertThat(conflict.json()).isEqualTo(JSON.readTree("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"Apply failed with 1 conflict: conflict with \\"alice\\": .data.x",
                 "reason":"Conflict",
                 "details":{"causes":[{"reason":"FieldManagerConflict","message":"conflict with \\"alice\\"","field":".data.x"}]},
                 "code":409}
                """));
        assertThat(api.get(cm("a")).json().path("data").path("x").asString()).isEqualTo("1");
    }

    @Test
    void severalConflictsAreListedByManager() {
        api.post("/api/v1/namespaces/" + ns + "/configmaps?fieldManager=carol",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"},\"data\":{\"x\":\"1\",\"y\":\"1\"}}");
        Reply conflict = apply("a", "bob", config("a", "x: \"2\"\ny: \"2\""));
        assertThat(conflict.code()).isEqualTo(409);
        assertThat(conflict.json().path("message").asString()).isEqualTo(
                "Apply failed with 2 conflicts: conflicts with \"carol\" using v1:\n- .data.x\n- .data.y");
        assertThat(conflict.json().path("details").path("causes").get(1).path("message").asString())
                .isEqualTo("conflict with \"carol\" using v1");
    }

    @Test
    void forceTakesOwnership() {
        apply("a", "alice", config("a", "x: \"1\"\ny: \"1\""));
        Reply forced = api.patch(cm("a") + "?fieldManager=bob&force=true", APPLY, config("a", "x: \"2\""));
        assertThat(forced.code()).as(forced.toString()).isEqualTo(200);
        assertThat(forced.json().path("data").path("x").asString()).isEqualTo("2");
        assertThat(entry(forced.json(), "alice", "Apply").path("fieldsV1")).isEqualTo(JSON.readTree(
                "{\"f:data\":{\"f:y\":{}},\"f:metadata\":{\"f:labels\":{\"f:app\":{}}}}"));
        assertThat(entry(forced.json(), "bob", "Apply").path("fieldsV1").path("f:data").has("f:x")).isTrue();
    }

    @Test
    void aFieldDroppedFromTheConfigurationIsRemoved() {
        apply("a", "alice", config("a", "x: \"1\"\ny: \"1\""));
        Reply dropped = apply("a", "alice", config("a", "x: \"1\""));
        assertThat(dropped.json().path("data").has("y")).isFalse();
        assertThat(dropped.json().path("data").path("x").asString()).isEqualTo("1");
    }

    @Test
    void aFieldSharedWithAnotherManagerStaysUntilBothDropIt() {
        apply("a", "alice", config("a", "x: \"1\""));
        Reply shared = apply("a", "bob", config("a", "x: \"1\""));
        assertThat(shared.code()).isEqualTo(200);
        assertThat(entry(shared.json(), "bob", "Apply").path("fieldsV1").path("f:data").has("f:x")).isTrue();
        assertThat(entry(shared.json(), "alice", "Apply").path("fieldsV1").path("f:data").has("f:x")).isTrue();
        Reply aliceDrops = apply("a", "alice", config("a", "z: \"1\""));
        assertThat(aliceDrops.json().path("data").path("x").asString()).isEqualTo("1");
        Reply bobDrops = apply("a", "bob", config("a", "w: \"1\""));
        assertThat(bobDrops.json().path("data").has("x")).isFalse();
        assertThat(bobDrops.json().path("data").path("z").asString()).isEqualTo("1");
    }

    @Test
    void updatesAreRecordedPerManagerAndTakeFieldsFromAppliers() {
        Reply created = api.post("/api/v1/namespaces/" + ns + "/configmaps?fieldManager=creator",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\",\"labels\":{\"app\":\"web\"}},"
                        + "\"data\":{\"x\":\"1\"}}");
        assertThat(created.code()).isEqualTo(201);
        JsonNode e = entry(created.json(), "creator", "Update");
        assertThat(e.path("apiVersion").asString()).isEqualTo("v1");
        assertThat(e.path("fieldsV1")).isEqualTo(JSON.readTree(
                "{\"f:data\":{\".\":{},\"f:x\":{}},\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}}}"));
        apply("a", "alice", config("a", "y: \"1\""));
        Reply patched = api.patch(cm("a") + "?fieldManager=editor", "application/merge-patch+json",
                "{\"data\":{\"y\":\"2\"}}");
        assertThat(patched.code()).isEqualTo(200);
        assertThat(entry(patched.json(), "editor", "Update").path("fieldsV1"))
                .isEqualTo(JSON.readTree("{\"f:data\":{\"f:y\":{}}}"));
        assertThat(entry(patched.json(), "alice", "Apply").path("fieldsV1").path("f:data").has("f:y")).isFalse();
        Reply conflict = apply("a", "alice", config("a", "y: \"3\""));
        assertThat(conflict.json().path("message").asString())
                .isEqualTo("Apply failed with 1 conflict: conflict with \"editor\" using v1: .data.y");
    }

    @Test
    void theManagerDefaultsToTheUserAgentProduct() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/namespaces/" + ns + "/configmaps"))
                .header("Content-Type", "application/json").header("User-Agent", "curl/8.5.0")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"},\"data\":{\"x\":\"1\"}}"))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(entry(JSON.readTree(response.body()), "curl", "Update")).isNotNull();
    }

    @Test
    void anEmptyEntryClearsManagedFields() {
        api.post("/api/v1/namespaces/" + ns + "/configmaps?fieldManager=creator",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"},\"data\":{\"x\":\"1\"}}");
        Reply cleared = api.patch(cm("a"), "application/merge-patch+json", "{\"metadata\":{\"managedFields\":[{}]}}");
        assertThat(cleared.code()).isEqualTo(200);
        assertThat(cleared.json().path("metadata").has("managedFields")).isFalse();
        Reply kept = api.patch(cm("a") + "?fieldManager=editor", "application/merge-patch+json",
                "{\"metadata\":{\"managedFields\":[]},\"data\":{\"y\":\"1\"}}");
        assertThat(kept.json().path("metadata").path("managedFields")).hasSize(1);
    }

    @Test
    void applyNeedsAFieldManager() {
        Reply reply = api.patch(cm("a"), APPLY, config("a", "x: \"1\""));
        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json().path("message").asString()).isEqualTo(
                "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
    }

    @Test
    void aTooLongFieldManagerIsRefused() {
        Reply reply = api.post("/api/v1/namespaces/" + ns + "/configmaps?fieldManager=" + "m".repeat(129),
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}");
        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json().path("message").asString())
                .startsWith("CreateOptions.meta.k8s.io \"\" is invalid: fieldManager: Too long: ");
    }

    @Test
    void forceIsOnlyForApply() {
        apply("a", "alice", config("a", "x: \"1\""));
        Reply reply = api.patch(cm("a") + "?force=true", "application/merge-patch+json", "{\"data\":{\"x\":\"2\"}}");
        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json().path("message").asString()).isEqualTo(
                "PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch");
    }

    @Test
    void cborApplyIsNotAccepted() {
        Reply reply = api.patch(cm("a") + "?fieldManager=alice", "application/apply-patch+cbor", "x");
        assertThat(reply.code()).isEqualTo(415);
        assertThat(reply.json().path("message").asString()).isEqualTo("the body of the request was in an unknown "
                + "format - accepted media types include: application/json-patch+json, application/merge-patch+json, "
                + "application/strategic-merge-patch+json, application/apply-patch+yaml");
    }

    @Test
    void theAppliedObjectMustBeOfTheResourcesKind() {
        Reply reply = apply("a", "alice", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\n");
        assertThat(reply.code()).isEqualTo(400);
        assertThat(reply.json().path("message").asString()).isEqualTo("invalid object type: /v1, Kind=Secret");
    }

    @Test
    void fieldsTheSchemaDoesNotDeclareFailTheApply() {
        Reply reply = apply("a", "alice", config("a", "x: \"1\"") + "color: blue\n");
        assertThat(reply.code()).isEqualTo(400);
        assertThat(reply.json().path("reason").asString()).isEqualTo("BadRequest");
        assertThat(reply.json().path("message").asString()).isEqualTo(
                "failed to create typed patch object (/v1, Kind=ConfigMap): .color: field not declared in schema");
        assertThat(api.get(cm("a")).code()).isEqualTo(404);
    }

    @Test
    void dryRunStoresNothing() {
        Reply reply = api.patch(cm("a") + "?fieldManager=alice&dryRun=All", APPLY, config("a", "x: \"1\""));
        assertThat(reply.code()).isEqualTo(201);
        assertThat(reply.json().path("data").path("x").asString()).isEqualTo("1");
        assertThat(api.get(cm("a")).code()).isEqualTo(404);
    }

    @Test
    void listsAreMergedByTheirKeys() {
        String svc = "/api/v1/namespaces/" + ns + "/services/web";
        Reply created = api.patch(svc + "?fieldManager=alice", APPLY, """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  selector:
                    app: web
                  ports:
                  - name: http
                    port: 80
                """);
        assertThat(created.code()).as(created.toString()).isEqualTo(201);
        assertThat(entry(created.json(), "alice", "Apply").path("fieldsV1").path("f:spec").path("f:ports"))
                .isEqualTo(JSON.readTree(
                        "{\"k:{\\\"port\\\":80,\\\"protocol\\\":\\\"TCP\\\"}\":{\".\":{},\"f:name\":{},\"f:port\":{}}}"));
        Reply bob = api.patch(svc + "?fieldManager=bob", APPLY, """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  ports:
                  - name: https
                    port: 443
                """);
        assertThat(bob.code()).as(bob.toString()).isEqualTo(200);
        assertThat(bob.json().path("spec").path("ports")).hasSize(2);
        Reply conflict = api.patch(svc + "?fieldManager=bob", APPLY, """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  ports:
                  - name: web
                    port: 80
                """);
        assertThat(conflict.code()).isEqualTo(409);
        assertThat(conflict.json().path("message").asString()).isEqualTo(
                "Apply failed with 1 conflict: conflict with \"alice\": .spec.ports[port=80,protocol=\"TCP\"].name");
    }

    @Test
    void statusWritesAreRecordedWithTheirSubresource() {
        String pod = "/api/v1/namespaces/" + ns + "/pods/p";
        Reply created = api.patch(pod + "?fieldManager=alice", APPLY, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                spec:
                  schedulerName: kubeling-test-unscheduled
                  containers:
                  - name: c
                    image: nginx
                """);
        assertThat(created.code()).as(created.toString()).isEqualTo(201);
        Reply status = api.patch(pod + "/status?fieldManager=kubelet-sim", APPLY, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                status:
                  message: hello
                """);
        assertThat(status.code()).as(status.toString()).isEqualTo(200);
        assertThat(status.json().path("status").path("message").asString()).isEqualTo("hello");
        JsonNode e = entry(status.json(), "kubelet-sim", "Apply");
        assertThat(e.path("subresource").asString()).isEqualTo("status");
        assertThat(e.path("fieldsV1")).isEqualTo(JSON.readTree("{\"f:status\":{\"f:message\":{}}}"));
        JsonNode main = entry(status.json(), "alice", "Apply").path("fieldsV1");
        assertThat(main.path("f:spec").path("f:containers").has("k:{\"name\":\"c\"}")).isTrue();
        assertThat(main.has("f:status")).isFalse();
    }
}

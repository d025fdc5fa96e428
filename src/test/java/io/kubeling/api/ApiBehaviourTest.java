package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.storage.KeyValueStore;
import io.kubeling.support.AloneOnTheServer;
import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

/** Request handling every resource shares: media types, sizes, field validation, list versions, names. */
@KubelingTest
@AloneOnTheServer
class ApiBehaviourTest {

    @LocalServerPort
    int port;

    @Autowired
    KeyValueStore kv;

    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        ns = api.newNamespace("b-");
    }

    static String namespace(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}";
    }

    String cm(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"k\":\"v\"}}";
    }

    String cms() {
        return "/api/v1/namespaces/" + ns + "/configmaps";
    }

    @Test
    void unknownPathsAndMethodsAnswerWithStatus() {
        Reply unknown = api.get("/api/v1/namespaces/" + ns + "/widgets");
        assertThat(unknown.code()).isEqualTo(404);
        assertThat(unknown.json().get("message").asString()).isEqualTo("the server could not find the requested resource");
        assertThat(unknown.json().get("reason").asString()).isEqualTo("NotFound");

        api.post(cms(), cm("m"));
        Reply postToItem = api.post(cms() + "/m", cm("m"));
        assertThat(postToItem.code()).isEqualTo(405);
        assertThat(postToItem.json().get("reason").asString()).isEqualTo("MethodNotAllowed");
        Reply putToCollection = api.put(cms(), cm("m"));
        assertThat(putToCollection.code()).isEqualTo(405);
    }

    @Test
    void anUnacceptableAcceptHeaderAnswers406() {
        Reply reply = api.get(cms(), "text/html");
        assertThat(reply.code()).isEqualTo(406);
        assertThat(reply.json().get("reason").asString()).isEqualTo("NotAcceptable");
    }

    @Test
    void anUnknownBodyMediaTypeAnswers415() {
        Reply reply = api.send("POST", cms(), cm("x"), "text/plain", "application/json");
        assertThat(reply.code()).isEqualTo(415);
        assertThat(reply.json().get("reason").asString()).isEqualTo("UnsupportedMediaType");
    }

    @Test
    void aBodyOverThreeMebibytesAnswers413AndNothingIsStored() {
        String big = "x".repeat(3 * 1024 * 1024 + 10);
        Reply reply = api.post(cms(), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},"
                + "\"data\":{\"k\":\"" + big + "\"}}");
        assertThat(reply.code()).isEqualTo(413);
        assertThat(reply.json().get("message").asString()).isEqualTo("Request entity too large: limit is 3145728");
        // the simulation's own controllers write meanwhile, so the check is on this object's key, not the revision
        assertThat(api.get(cms() + "/big").code()).isEqualTo(404);
    }

    @Test
    void strictFieldValidationNamesUnknownAndDuplicateFields() {
        Reply unknown = api.post(cms() + "?fieldValidation=Strict", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                + "\"metadata\":{\"name\":\"s\",\"colour\":\"red\"},\"data\":{\"k\":\"v\"},\"extra\":1}");
        assertThat(unknown.code()).isEqualTo(400);
        assertThat(unknown.json().get("message").asString()).isEqualTo("ConfigMap in version \"v1\" cannot be handled "
                + "as a ConfigMap: strict decoding error: unknown field \"metadata.colour\", unknown field \"extra\"");
        Reply inList = api.post(cms().replace("/configmaps", "/pods") + "?fieldValidation=Strict",
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"s\"},\"spec\":{\"containers\":"
                        + "[{\"name\":\"c\",\"image\":\"nginx\"},{\"name\":\"d\",\"image\":\"nginx\",\"colour\":\"red\"}]}}");
        assertThat(inList.code()).isEqualTo(400);
        assertThat(inList.json().get("message").asString()).isEqualTo("Pod in version \"v1\" cannot be handled as a "
                + "Pod: strict decoding error: unknown field \"spec.containers[1].colour\"");

        Reply duplicate = api.post(cms() + "?fieldValidation=Strict", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                + "\"metadata\":{\"name\":\"s\",\"name\":\"t\",\"labels\":{\"a\":\"1\",\"a\":\"2\"}}}");
        assertThat(duplicate.code()).isEqualTo(400);
        assertThat(duplicate.json().get("message").asString()).isEqualTo("ConfigMap in version \"v1\" cannot be "
                + "handled as a ConfigMap: strict decoding error: duplicate field \"metadata.name\", duplicate field "
                + "\"metadata.labels.a\"");
        assertThat(api.get(cms() + "/s").code()).isEqualTo(404);
        assertThat(api.get(cms() + "/t").code()).isEqualTo(404);
    }

    /** kube's own test body (test/integration/apiserver/field_validation_test.go), with no replicas to run. */
    private static final String DUPLICATES_AND_UNKNOWNS = """
            {
            	"apiVersion": "apps/v1",
            	"kind": "Deployment",
            	"metadata": {
            		"name": "dupename",
            		"name": "%s",
            		"labels": {"app": "nginx"},
            		"unknownMeta": "metaVal"
            	},
            	"spec": {
            		"replicas": 0,
            		"unknown1": "val1",
            		"unknownDupe": "valDupe",
            		"unknownDupe": "valDupe2",
            		"paused": true,
            		"paused": false,
            		"selector": {"matchLabels": {"app": "nginx"}},
            		"template": {
            			"metadata": {"labels": {"app": "nginx"}},
            			"spec": {
            				"containers": [{
            					"name":  "nginx",
            					"image": "nginx:latest",
            					"unknownNested": "val1",
            					"imagePullPolicy": "Always",
            					"imagePullPolicy": "Never"
            				}]
            			}
            		}
            	}
            }
            """;

    private static final String DUPLICATES_AND_UNKNOWNS_YAML = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: dupename
              name: %s
              unknownMeta: metaVal
              labels:
                app: nginx
            spec:
              unknown1: val1
              unknownDupe: valDupe
              unknownDupe: valDupe2
              paused: true
              paused: false
              selector:
                matchLabels:
                  app: nginx
              template:
                metadata:
                  labels:
                    app: nginx
                spec:
                  containers:
                  - name: nginx
                    image: nginx:latest
                    unknownNested: val1
                    imagePullPolicy: Always
                    imagePullPolicy: Never
              replicas: 0
            """;

    private static final List<String> JSON_FINDINGS = List.of(
            "duplicate field \"metadata.name\"",
            "unknown field \"metadata.unknownMeta\"",
            "unknown field \"spec.unknown1\"",
            "unknown field \"spec.unknownDupe\"",
            "duplicate field \"spec.paused\"",
            "unknown field \"spec.template.spec.containers[0].unknownNested\"",
            "duplicate field \"spec.template.spec.containers[0].imagePullPolicy\"");

    private static final List<String> YAML_FINDINGS = List.of(
            "line 5: key \"name\" already set in map",
            "line 12: key \"unknownDupe\" already set in map",
            "line 14: key \"paused\" already set in map",
            "line 28: key \"imagePullPolicy\" already set in map",
            "unknown field \"metadata.unknownMeta\"",
            "unknown field \"spec.template.spec.containers[0].unknownNested\"",
            "unknown field \"spec.unknown1\"",
            "unknown field \"spec.unknownDupe\"");

    private String deployments() {
        return "/apis/apps/v1/namespaces/" + ns + "/deployments";
    }

    private static List<String> warnings(Reply reply) {
        return reply.headers("Warning").stream().map(h -> h.substring("299 - \"".length(), h.length() - 1)
                .replace("\\\"", "\"")).toList();
    }

    @Test
    void duplicateAndUnknownFieldsAreNamedAsKubesStrictDecoderNamesThem() {
        Reply strict = api.post(deployments() + "?fieldValidation=Strict", DUPLICATES_AND_UNKNOWNS.formatted("d"));
        assertThat(strict.code()).as(strict.text()).isEqualTo(400);
        assertThat(strict.json().get("message").asString()).isEqualTo("Deployment in version \"v1\" cannot be handled "
                + "as a Deployment: strict decoding error: " + String.join(", ", JSON_FINDINGS));

        Reply strictYaml = api.send("POST", deployments() + "?fieldValidation=Strict",
                DUPLICATES_AND_UNKNOWNS_YAML.formatted("d"), "application/yaml", "application/json");
        assertThat(strictYaml.code()).as(strictYaml.text()).isEqualTo(400);
        assertThat(strictYaml.json().get("message").asString()).isEqualTo("Deployment in version \"v1\" cannot be "
                + "handled as a Deployment: strict decoding error: yaml: unmarshal errors:\n  "
                + String.join("\n  ", YAML_FINDINGS.subList(0, 4)) + ", " + String.join(", ", YAML_FINDINGS.subList(4, 8)));
        assertThat(api.get(deployments() + "/d").code()).isEqualTo(404);
    }

    @Test
    void duplicateFieldsAreWarnedOfAndTheLastValueWins() {
        for (String validation : List.of("", "?fieldValidation=Warn")) {
            String name = "w" + validation.length();
            Reply warned = api.post(deployments() + validation, DUPLICATES_AND_UNKNOWNS.formatted(name));
            assertThat(warned.code()).as(warned.text()).isEqualTo(201);
            assertThat(warnings(warned)).isEqualTo(JSON_FINDINGS);
            assertThat(warned.json().at("/metadata/name").asString()).isEqualTo(name);
            assertThat(warned.json().at("/spec/paused").asBoolean()).isFalse();
            assertThat(warned.json().at("/spec/template/spec/containers/0/imagePullPolicy").asString())
                    .isEqualTo("Never");

            Reply yaml = api.send("PUT", deployments() + "/" + name + validation,
                    DUPLICATES_AND_UNKNOWNS_YAML.formatted(name), "application/yaml", "application/json");
            assertThat(yaml.code()).as(yaml.text()).isEqualTo(200);
            assertThat(warnings(yaml)).isEqualTo(YAML_FINDINGS);
        }
        Reply ignored = api.post(deployments() + "?fieldValidation=Ignore", DUPLICATES_AND_UNKNOWNS.formatted("i"));
        assertThat(ignored.code()).as(ignored.text()).isEqualTo(201);
        assertThat(ignored.headers("Warning")).isEmpty();
        assertThat(ignored.json().at("/spec/paused").asBoolean()).isFalse();
    }

    private static final String MERGE_PATCH = """
            {
            	"spec": {
            		"unknown1": "val1",
            		"unknownDupe": "valDupe",
            		"unknownDupe": "valDupe2",
            		"paused": true,
            		"paused": false,
            		"template": {
            			"spec": {
            				"containers": [{
            					"name": "nginx",
            					"image": "nginx:latest",
            					"unknownNested": "val1",
            					"imagePullPolicy": "Always",
            					"imagePullPolicy": "Never"
            				}]
            			}
            		}
            	}
            }
            """;

    private static final String JSON_PATCH = """
            [
            	{"op": "add", "path": "/spec/unknown1", "value": "val1", "foo":"bar"},
            	{"op": "add", "path": "/spec/unknown2", "path": "/spec/unknown3", "value": "val1"},
            	{"op": "add", "path": "/spec/unknownDupe", "value": "valDupe"},
            	{"op": "add", "path": "/spec/unknownDupe", "value": "valDupe2"},
            	{"op": "add", "path": "/spec/paused", "value": true},
            	{"op": "add", "path": "/spec/paused", "value": false},
            	{"op": "add", "path": "/spec/template/spec/containers/0/unknownNested", "value": "val1"},
            	{"op": "add", "path": "/spec/template/spec/containers/0/imagePullPolicy", "value": "Always"},
            	{"op": "add", "path": "/spec/template/spec/containers/0/imagePullPolicy", "value": "Never"}
            ]
            """;

    @Test
    void patchesNameTheirOwnDuplicatesThenTheUnknownFieldsTheyLeaveInSortedOrder() {
        Reply created = api.post(deployments() + "?fieldValidation=Ignore", DUPLICATES_AND_UNKNOWNS.formatted("p"));
        assertThat(created.code()).as(created.text()).isEqualTo(201);
        List<String> merge = List.of(
                "duplicate field \"spec.unknownDupe\"",
                "duplicate field \"spec.paused\"",
                "duplicate field \"spec.template.spec.containers[0].imagePullPolicy\"",
                "unknown field \"spec.template.spec.containers[0].unknownNested\"",
                "unknown field \"spec.unknown1\"",
                "unknown field \"spec.unknownDupe\"");
        Reply strict = api.patch(deployments() + "/p?fieldValidation=Strict", "application/merge-patch+json",
                MERGE_PATCH);
        assertThat(strict.code()).as(strict.text()).isEqualTo(422);
        assertThat(strict.json().get("message").asString()).startsWith(" \"\" is invalid: patch: Invalid value: ")
                .endsWith(": strict decoding error: " + String.join(", ", merge));
        Reply warned = api.patch(deployments() + "/p", "application/merge-patch+json", MERGE_PATCH);
        assertThat(warned.code()).as(warned.text()).isEqualTo(200);
        assertThat(warnings(warned)).isEqualTo(merge);

        List<String> json = List.of(
                "json patch unknown field \"[0].foo\"",
                "json patch duplicate field \"[1].path\"",
                "unknown field \"spec.template.spec.containers[0].unknownNested\"",
                "unknown field \"spec.unknown1\"",
                "unknown field \"spec.unknown3\"",
                "unknown field \"spec.unknownDupe\"");
        Reply strictJson = api.patch(deployments() + "/p?fieldValidation=Strict", "application/json-patch+json",
                JSON_PATCH);
        assertThat(strictJson.code()).as(strictJson.text()).isEqualTo(422);
        assertThat(strictJson.json().get("message").asString()).endsWith(": strict decoding error: "
                + String.join(", ", json));
        Reply warnedJson = api.patch(deployments() + "/p", "application/json-patch+json", JSON_PATCH);
        assertThat(warnedJson.code()).as(warnedJson.text()).isEqualTo(200);
        assertThat(warnings(warnedJson)).isEqualTo(json);
        Reply strategic = api.patch(deployments() + "/p?fieldValidation=Strict", "application/strategic-merge-patch+json",
                "{\"spec\":{\"paused\":true,\"paused\":false,\"template\":{\"spec\":{\"containers\":[{\"name\":"
                        + "\"nginx\",\"imagePullPolicy\":\"Always\",\"imagePullPolicy\":\"Never\"}]}}}}");
        assertThat(strategic.code()).as(strategic.text()).isEqualTo(422);
        assertThat(strategic.json().get("message").asString()).endsWith(": strict decoding error: duplicate field "
                + "\"spec.paused\", duplicate field \"spec.template.spec.containers[0].imagePullPolicy\"");
        Reply ignored = api.patch(deployments() + "/p?fieldValidation=Ignore", "application/json-patch+json",
                JSON_PATCH);
        assertThat(ignored.code()).as(ignored.text()).isEqualTo(200);
        assertThat(ignored.headers("Warning")).isEmpty();
    }

    @Test
    void warnFieldValidationStoresWithoutTheUnknownFieldAndWarns() {
        Reply reply = api.post(cms() + "?fieldValidation=Warn", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                + "\"metadata\":{\"name\":\"w\"},\"extra\":1}");
        assertThat(reply.code()).isEqualTo(201);
        assertThat(reply.headers("Warning")).containsExactly("299 - \"unknown field \\\"extra\\\"\"");
        assertThat(reply.json().has("extra")).isFalse();
        Reply ignored = api.post(cms() + "?fieldValidation=Ignore", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                + "\"metadata\":{\"name\":\"i\"},\"extra\":1}");
        assertThat(ignored.code()).isEqualTo(201);
        assertThat(ignored.headers("Warning")).isEmpty();
        Reply bad = api.post(cms() + "?fieldValidation=Loud", cm("l"));
        assertThat(bad.code()).isEqualTo(422);
        assertThat(bad.json().get("message").asString()).isEqualTo("CreateOptions.meta.k8s.io \"\" is invalid: "
                + "fieldValidation: Unsupported value: \"Loud\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"");
    }

    @Test
    void generateNameAddsFiveCharactersOfKubesAlphabet() {
        Reply reply = api.post(cms(), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"generateName\":\"gen-\"}}");
        assertThat(reply.code()).isEqualTo(201);
        assertThat(reply.json().at("/metadata/name").asString()).matches("gen-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(reply.json().at("/metadata/generateName").asString()).isEqualTo("gen-");
    }

    @Test
    void aMissingNameIsInvalid() {
        Reply reply = api.post(cms(), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{}}");
        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json().get("message").asString())
                .isEqualTo("ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required");
    }

    @Test
    void labelsAndAnnotationsAreValidated() {
        Reply reply = api.post(cms(), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"l\","
                + "\"labels\":{\"bad key!\":\"ok\",\"good\":\"-bad\"}}}");
        assertThat(reply.code()).isEqualTo(422);
        JsonNode causes = reply.json().at("/details/causes");
        assertThat(causes.size()).isEqualTo(2);
        assertThat(causes.get(0).get("field").asString()).isEqualTo("metadata.labels");
        assertThat(reply.json().get("message").asString()).contains("Invalid value: \"bad key!\": name part must consist of");
        assertThat(reply.json().get("message").asString()).contains("Invalid value: \"-bad\": a valid label must be an empty string");
    }

    @Test
    void contentInAMissingOrTerminatingNamespaceIsRefused() {
        Reply missing = api.post("/api/v1/namespaces/nowhere/configmaps", cm("x"));
        assertThat(missing.code()).isEqualTo(404);
        assertThat(missing.json().get("message").asString()).isEqualTo("namespaces \"nowhere\" not found");

        String doomed = "d-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/namespaces", namespace(doomed));
        // A finalizer of our own keeps the namespace terminating while we try to add to it.
        api.post("/api/v1/namespaces/" + doomed + "/configmaps", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                + "\"metadata\":{\"name\":\"held\",\"finalizers\":[\"example.com/hold\"]}}");
        Reply deleting = api.delete("/api/v1/namespaces/" + doomed);
        assertThat(deleting.code()).isEqualTo(200);
        assertThat(deleting.json().at("/status/phase").asString()).isEqualTo("Terminating");
        Reply refused = api.post("/api/v1/namespaces/" + doomed + "/configmaps", cm("late"));
        assertThat(refused.code()).isEqualTo(403);
        assertThat(refused.json()).isEqualTo(ResourceContract.JSON.readTree("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"configmaps \\"late\\" is forbidden: unable to create new content in namespace %s because it is being terminated",
                 "reason":"Forbidden","details":{"name":"late","kind":"configmaps","causes":[{"reason":"NamespaceTerminating",
                 "message":"namespace %s is being terminated","field":"metadata.namespace"}]},"code":403}"""
                .formatted(doomed, doomed)));
        api.patch("/api/v1/namespaces/" + doomed + "/configmaps/held", "application/merge-patch+json",
                "{\"metadata\":{\"finalizers\":null}}");
        awaitStatus("/api/v1/namespaces/" + doomed, 404);
    }

    @Test
    void deletingANamespaceDeletesEverythingInItThenTheNamespace() {
        for (int i = 0; i < 3; i++) {
            assertThat(api.post(cms(), cm("c" + i)).code()).isEqualTo(201);
        }
        api.post("/api/v1/namespaces/" + ns + "/secrets", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"}}");
        Reply deleting = api.delete("/api/v1/namespaces/" + ns);
        assertThat(deleting.code()).isEqualTo(200);
        assertThat(deleting.json().at("/metadata/deletionTimestamp").asString()).isNotEmpty();
        awaitStatus("/api/v1/namespaces/" + ns, 404);
        assertThat(api.get(cms()).json().get("items").size()).isZero();
        assertThat(api.get("/api/v1/namespaces/" + ns + "/secrets").json().get("items").size()).isZero();
    }

    @Test
    void systemNamespacesExistAndCannotBeDeleted() {
        for (String name : new String[] {"default", "kube-system", "kube-public", "kube-node-lease"}) {
            assertThat(api.get("/api/v1/namespaces/" + name).code()).isEqualTo(200);
            Reply reply = api.delete("/api/v1/namespaces/" + name);
            assertThat(reply.code()).isEqualTo(403);
            assertThat(reply.json().get("message").asString())
                    .isEqualTo("namespaces \"" + name + "\" is forbidden: this namespace may not be deleted");
        }
    }

    @Test
    void listResourceVersionsAreReadAsKubeReadsThem() {
        Reply first = api.post(cms(), cm("v1"));
        String atFirst = first.json().at("/metadata/resourceVersion").asString();
        api.post(cms(), cm("v2"));

        Reply exact = api.get(cms() + "?resourceVersion=" + atFirst + "&resourceVersionMatch=Exact");
        assertThat(exact.code()).as(exact.text()).isEqualTo(200);
        assertThat(ResourceContract.names(exact.json())).containsExactly("v1");
        assertThat(exact.json().at("/metadata/resourceVersion").asString()).isEqualTo(atFirst);

        Reply notOlder = api.get(cms() + "?resourceVersion=" + atFirst + "&resourceVersionMatch=NotOlderThan");
        assertThat(ResourceContract.names(notOlder.json())).containsExactly("v1", "v2");

        Reply noVersion = api.get(cms() + "?resourceVersionMatch=Exact");
        assertThat(noVersion.code()).isEqualTo(422);
        assertThat(noVersion.json().get("message").asString()).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: "
                + "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");

        Reply tooLarge = api.get(cms() + "?resourceVersion=" + (kv.currentRevision() + 100));
        assertThat(tooLarge.code()).isEqualTo(504);
        assertThat(tooLarge.json().get("reason").asString()).isEqualTo("Timeout");

        kv.compact(kv.currentRevision());
        Reply compacted = api.get(cms() + "?resourceVersion=" + atFirst + "&resourceVersionMatch=Exact");
        assertThat(compacted.code()).isEqualTo(410);
        assertThat(compacted.json().get("reason").asString()).isEqualTo("Expired");
    }

    @Test
    void getResourceVersionsAreReadAsKubeReadsThem() {
        Reply created = api.post(cms(), cm("g"));
        String at = created.json().at("/metadata/resourceVersion").asString();
        for (String rv : new String[] {"", "0", at}) {
            Reply get = api.get(cms() + "/g?resourceVersion=" + rv);
            assertThat(get.code()).as("resourceVersion=%s: %s", rv, get.text()).isEqualTo(200);
            assertThat(get.json().at("/metadata/resourceVersion").asString()).isEqualTo(at);
        }

        long before = kv.currentRevision();
        long future = before + 100;
        Reply tooLarge = api.get(cms() + "/g?resourceVersion=" + future);
        long after = kv.currentRevision();
        assertThat(tooLarge.code()).isEqualTo(504);
        assertThat(tooLarge.json().get("reason").asString()).isEqualTo("Timeout");
        // the shared server's own writers may move the revision on while the request waits
        String message = tooLarge.json().get("message").asString();
        assertThat(message).startsWith("Too large resource version: " + future + ", current: ");
        assertThat(Long.parseLong(message.substring(message.lastIndexOf(' ') + 1))).isBetween(before, after);
        assertThat(tooLarge.header("Retry-After")).isEqualTo("1");

        Reply garbage = api.get(cms() + "/g?resourceVersion=abc");
        assertThat(garbage.code()).isEqualTo(400);
        assertThat(garbage.json().get("reason").asString()).isEqualTo("BadRequest");
    }

    @Test
    void aContinueTokenExpiresWithItsSnapshot() {
        for (int i = 0; i < 3; i++) {
            api.post(cms(), cm("p" + i));
        }
        Reply page = api.get(cms() + "?limit=1");
        String token = page.json().at("/metadata/continue").asString();
        assertThat(page.json().at("/metadata/remainingItemCount").asLong()).isEqualTo(2);
        api.post(cms(), cm("later"));
        kv.compact(kv.currentRevision());
        Reply expired = api.get(cms() + "?limit=1&continue=" + token);
        assertThat(expired.code()).isEqualTo(410);
        assertThat(expired.json().get("reason").asString()).isEqualTo("Expired");
        assertThat(expired.json().get("message").asString()).startsWith("The provided continue parameter is too old");
        String inconsistent = expired.json().at("/metadata/continue").asString();
        assertThat(inconsistent).isNotEmpty().isNotEqualTo(token);
        Reply rest = api.get(cms() + "?continue=" + inconsistent);
        assertThat(rest.code()).isEqualTo(200);
        assertThat(ResourceContract.names(rest.json())).containsExactly("p1", "p2");

        Reply garbage = api.get(cms() + "?limit=1&continue=garbage");
        assertThat(garbage.code()).isEqualTo(400);
    }

    @Test
    void deleteCollectionDeletesWhatTheSelectorMatches() {
        api.post(cms(), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\",\"labels\":{\"x\":\"1\"}}}");
        api.post(cms(), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"b\",\"labels\":{\"x\":\"2\"}}}");
        Reply deleted = api.delete(cms() + "?labelSelector=x%3D1");
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(deleted.json().get("kind").asString()).isEqualTo("ConfigMapList");
        assertThat(ResourceContract.names(deleted.json())).containsExactly("a");
        assertThat(ResourceContract.names(api.get(cms()).json())).containsExactly("b");
    }

    @Test
    void deletingAConfigMapAnswersASuccessStatus() {
        Reply created = api.post(cms(), cm("gone"));
        Reply deleted = api.delete(cms() + "/gone");
        assertThat(deleted.json()).isEqualTo(ResourceContract.JSON.readTree("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Success",
                 "details":{"name":"gone","kind":"configmaps","uid":"%s"}}"""
                .formatted(created.json().at("/metadata/uid").asString())));
    }

    @Test
    void prettyOutputIsIndentedAsKubeIndentsIt() {
        api.post(cms(), cm("p"));
        Reply pretty = api.get(cms() + "/p?pretty=true");
        assertThat(pretty.text()).startsWith("{\n  \"apiVersion\": \"v1\",\n");
        Reply compact = api.get(cms() + "/p");
        assertThat(compact.text()).startsWith("{\"apiVersion\":\"v1\",");
        // kube drops the ParseBool error: compact output, and a write with such a parameter is made and answered
        Reply badBool = api.get(cms() + "/p?pretty=maybe");
        assertThat(badBool.code()).isEqualTo(200);
        assertThat(badBool.text()).startsWith("{\"apiVersion\":\"v1\",");
        assertThat(api.post(cms() + "?pretty=maybe", cm("p2")).code()).isEqualTo(201);
    }

    void awaitStatus(String path, int code) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(api.get(path).code()).as(path).isEqualTo(code));
    }
}

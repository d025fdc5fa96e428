package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

/**
 * Bodies kube's decoder refuses or reads in its own way, sent over HTTP: every one answers a 4xx Status, and what
 * is refused stores nothing.
 */
@KubelingTest
class RequestDecodingContractTest {

    private static final String UNSCHEDULED = "\"schedulerName\":\"kubeling-test-unscheduled\"";

    @LocalServerPort
    int port;

    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        ns = api.newNamespace("decoding-");
    }

    private String pods() {
        return "/api/v1/namespaces/" + ns + "/pods";
    }

    private String deployments() {
        return "/apis/apps/v1/namespaces/" + ns + "/deployments";
    }

    private static String pod(String name, String containers) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{"
                + UNSCHEDULED + ",\"containers\":" + containers + "}}";
    }

    private static String deployment(String name, String selector, String labels) {
        return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"spec\":{\"replicas\":0,\"selector\":" + selector + ",\"template\":{\"metadata\":{\"labels\":"
                + labels + "},\"spec\":{" + UNSCHEDULED + ",\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}}}";
    }

    /** What the namespace holds of a collection, each with its resourceVersion. */
    private List<String> stored(String collection) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : api.get(collection).json().get("items")) {
            out.add(item.at("/metadata/name").asString() + "@" + item.at("/metadata/resourceVersion").asString());
        }
        return out;
    }

    private static void assertStatus(Reply reply, int code, String reason) {
        assertThat(reply.code()).as(reply.text()).isEqualTo(code);
        assertThat(reply.json().get("kind").asString()).isEqualTo("Status");
        assertThat(reply.json().get("reason").asString()).isEqualTo(reason);
    }

    @Test
    void fieldsAreTypedAsKubesGoTypes() {
        Reply env = api.post(pods(), pod("env", "[{\"name\":\"c\",\"image\":\"nginx\",\"env\":[{\"name\":\"a\","
                + "\"value\":123}]}]"));
        assertStatus(env, 400, "BadRequest");
        assertThat(env.json().get("message").asString()).isEqualTo("Pod in version \"v1\" cannot be handled as a Pod: "
                + "json: cannot unmarshal number into Go struct field EnvVar.spec.containers.env.value of type string");

        Reply port = api.post(pods(), pod("port", "[{\"name\":\"c\",\"image\":\"nginx\",\"ports\":[{\"containerPort\":"
                + "\"80\"}]}]"));
        assertStatus(port, 400, "BadRequest");
        assertThat(port.json().get("message").asString()).isEqualTo("Pod in version \"v1\" cannot be handled as a Pod: "
                + "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort "
                + "of type int32");

        Reply deployment = api.post(deployments(), deployment("d", "{\"matchLabels\":{\"app\":\"d\"}}",
                "{\"app\":\"d\"}").replace("\"replicas\":0", "\"replicas\":\"2\""));
        assertStatus(deployment, 400, "BadRequest");
        assertThat(deployment.json().get("message").asString()).isEqualTo("Deployment in version \"v1\" cannot be "
                + "handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas"
                + " of type int32");
        assertThat(stored(pods())).isEmpty();
        assertThat(stored(deployments())).isEmpty();
    }

    @Test
    void aPatchThatMistypesAFieldIsAnInvalidPatch() {
        assertThat(api.post(pods(), pod("p", "[{\"name\":\"c\",\"image\":\"nginx\"}]")).code()).isEqualTo(201);
        List<String> before = stored(pods());
        Reply patched = api.patch(pods() + "/p", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"a\":1}}}");
        assertStatus(patched, 422, "Invalid");
        assertThat(patched.json().get("message").asString()).startsWith(" \"\" is invalid: patch: Invalid value: \"{")
                .endsWith("json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string");
        assertThat(stored(pods())).isEqualTo(before);
    }

    @Test
    void nullListElementsAreZeroValuesThatValidationRefuses() {
        String container = "{\"name\":\"c\",\"image\":\"nginx\"";
        List<String> bodies = List.of(
                pod("a", "[null]"),
                pod("b", "[" + container + ",\"ports\":[null]}]"),
                pod("c", "[" + container + ",\"env\":[null]}]"),
                pod("d", "[" + container + "}]").replace("\"containers\"", "\"tolerations\":[null],\"containers\""));
        for (String body : bodies) {
            Reply reply = api.post(pods(), body);
            assertStatus(reply, 422, "Invalid");
        }
        assertThat(api.post(pods(), pod("a", "[null]")).json().get("message").asString())
                .contains("spec.containers[0].name: Required value");
        Reply service = api.post("/api/v1/namespaces/" + ns + "/services", "{\"apiVersion\":\"v1\",\"kind\":\"Service\","
                + "\"metadata\":{\"name\":\"s\"},\"spec\":{\"ports\":[null]}}");
        assertStatus(service, 422, "Invalid");
        assertThat(stored(pods())).isEmpty();
    }

    @Test
    void nullsInSelectorsAndLabelsAreReadAsGoReadsThem() {
        Reply bogus = api.post(deployments(), deployment("bogus", "{\"matchExpressions\":[{\"key\":\"a\",\"operator\":"
                + "\"Bogus\",\"values\":[null]}]}", "{\"a\":\"b\"}"));
        assertStatus(bogus, 422, "Invalid");
        Reply nullLabel = api.post(deployments(), deployment("nulllabel", "{\"matchLabels\":{\"app\":\"x\"}}",
                "{\"app\":null}"));
        assertStatus(nullLabel, 422, "Invalid");
        assertThat(stored(deployments())).isEmpty();

        Reply emptyValue = api.post(pods(), pod("labelled", "[{\"name\":\"c\",\"image\":\"nginx\"}]")
                .replace("\"name\":\"labelled\"", "\"name\":\"labelled\",\"labels\":{\"app\":null}"));
        assertThat(emptyValue.code()).as(emptyValue.text()).isEqualTo(201);
        assertThat(emptyValue.json().at("/metadata/labels/app").isString()).isTrue();
        assertThat(emptyValue.json().at("/metadata/labels/app").asString()).isEmpty();
    }

    @Test
    void malformedQuantitiesAreRefused() {
        for (String cpu : List.of("\"10m\\u0000\"", "1e999999999", "\"1e999999999\"")) {
            Reply reply = api.post(pods(), pod("q", "[{\"name\":\"c\",\"image\":\"nginx\",\"resources\":{\"limits\":"
                    + "{\"cpu\":" + cpu + "}}}]"));
            assertStatus(reply, 400, "BadRequest");
            assertThat(reply.json().get("message").asString()).startsWith("Pod in version \"v1\" cannot be handled as "
                    + "a Pod: ");
        }
        assertThat(stored(pods())).isEmpty();
    }

    @Test
    void scaleReplicasMustBeAnInt32() {
        assertThat(api.post(deployments(), deployment("d", "{\"matchLabels\":{\"app\":\"d\"}}", "{\"app\":\"d\"}"))
                .code()).isEqualTo(201);
        // the controller writes the deployment's status meanwhile: what a refused scale must leave is its spec
        JsonNode before = api.get(deployments() + "/d").json().get("spec");
        for (String replicas : List.of("\"x\"", "2147483648")) {
            Reply reply = api.put(deployments() + "/d/scale", "{\"apiVersion\":\"autoscaling/v1\",\"kind\":\"Scale\","
                    + "\"metadata\":{\"name\":\"d\"},\"spec\":{\"replicas\":" + replicas + "}}");
            assertStatus(reply, 400, "BadRequest");
            assertThat(reply.json().get("message").asString()).startsWith("Scale in version \"v1\" cannot be handled "
                    + "as a Scale: json: cannot unmarshal ").endsWith("into Go struct field ScaleSpec.spec.replicas of "
                    + "type int32");
        }
        Reply truncated = api.put(deployments() + "/d/scale", "{\"apiVersion\":\"autoscaling/v1\",");
        assertStatus(truncated, 400, "BadRequest");
        assertThat(truncated.json().get("message").asString()).isEqualTo("the object provided is unrecognized (must be "
                + "of type Scale): couldn't get version/kind; json parse error: unexpected end of JSON input "
                + "({\"apiVersion\":\"autoscaling/v1\" ...)");
        Reply twice = api.put(deployments() + "/d/scale?fieldValidation=Strict", "{\"apiVersion\":\"autoscaling/v1\","
                + "\"kind\":\"Scale\",\"metadata\":{\"name\":\"d\"},\"spec\":{\"replicas\":1,\"replicas\":2}}");
        assertStatus(twice, 400, "BadRequest");
        assertThat(twice.json().get("message").asString()).isEqualTo("Scale in version \"v1\" cannot be handled as a "
                + "Scale: strict decoding error: duplicate field \"spec.replicas\"");
        // a merge patch that is a list is the whole patched Scale under Ignore, refused as kube's patcher refuses it
        Reply list = api.patch(deployments() + "/d/scale?fieldValidation=Ignore", "application/merge-patch+json",
                "[1]");
        assertStatus(list, 422, "Invalid");
        assertThat(list.json().get("message").asString()).isEqualTo(LIST_IS_NO_OBJECT);
        assertThat(api.get(deployments() + "/d").json().get("spec")).isEqualTo(before);
    }

    /** Go's type for reading a body's apiVersion and kind, as its unmarshal errors name it. */
    private static final String TYPE_META = "struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; "
            + "Kind string \"json:\\\"kind,omitempty\\\"\" }";
    /** What kube answers when a merge patch [1] made the whole patched object a list. */
    private static final String LIST_IS_NO_OBJECT = " \"\" is invalid: patch: Invalid value: \"[1]\": couldn't get "
            + "version/kind; json parse error: json: cannot unmarshal array into Go value of type " + TYPE_META;

    private static final String UNRECOGNIZED = "the object provided is unrecognized (must be of type Pod): ";
    private static final String PARSE_ERROR = UNRECOGNIZED + "couldn't get version/kind; json parse error: ";

    @Test
    void aBodyThatIsNoJsonIsRefusedWithGosSyntaxErrorAndTheBodysFirstBytes() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("", "unexpected end of JSON input (<empty>)");
        refused.put("{\"apiVersion\":\"v1\",", "unexpected end of JSON input ({\"apiVersion\":\"v1\",)");
        refused.put("not json", "invalid character 'o' in literal null (expecting 'u') (6e6f74206a736f6e)");
        refused.put("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",}", "invalid character '}' looking for beginning of "
                + "object key string ({\"apiVersion\":\"v1\",\"kind\":\"Pod ...)");
        refused.put("{\"kind\" \"Pod\"}", "invalid character '\"' after object key ({\"kind\" \"Pod\"})");
        refused.put("{\"kind\":\"Pod\" \"apiVersion\":\"v1\"}", "invalid character '\"' after object key:value pair "
                + "({\"kind\":\"Pod\" \"apiVersion\":\"v1 ...)");
        refused.put("{\"kind\":\"Pod\",\"spec\":{\"containers\":[{} {}]}}", "invalid character '{' after array "
                + "element ({\"kind\":\"Pod\",\"spec\":{\"contain ...)");
        refused.put("{\"kind\":\"Pod\"} {}", "invalid character '{' after top-level value ({\"kind\":\"Pod\"} {})");
        refused.put("{\"kind\":\"Pod\",\"metadata\":{\"name\":tru}}", "invalid character '}' in literal true "
                + "(expecting 'e') ({\"kind\":\"Pod\",\"metadata\":{\"nam ...)");
        for (Map.Entry<String, String> body : refused.entrySet()) {
            Reply reply = api.post(pods(), body.getKey());
            assertStatus(reply, 400, "BadRequest");
            assertThat(reply.json().get("message").asString()).as(body.getKey()).isEqualTo(PARSE_ERROR
                    + body.getValue());
        }
        Reply yaml = api.send("POST", pods(), "kind: Pod\nmetadata: {name: [}\n", "application/yaml",
                "application/json");
        assertStatus(yaml, 400, "BadRequest");
        assertThat(yaml.json().get("message").asString()).startsWith(UNRECOGNIZED + "yaml: ")
                .endsWith(" (6b696e643a20506f640a6d657461646174613a207b6e616d653a205b7d0a)");
        assertThat(stored(pods())).isEmpty();
    }

    @Test
    void aKindOrApiVersionThatIsNoStringAndABodyThatIsNoObjectAreRefused() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("{\"kind\":{\"a\":null}}", "json: cannot unmarshal object into Go struct field .kind of type string "
                + "({\"kind\":{\"a\":null}})");
        refused.put("{\"apiVersion\":1}", "json: cannot unmarshal number into Go struct field .apiVersion of type "
                + "string ({\"apiVersion\":1})");
        refused.put("{\"apiVersion\":[],\"kind\":true}", "json: cannot unmarshal array into Go struct field "
                + ".apiVersion of type string ({\"apiVersion\":[],\"kind\":true})");
        refused.put("[{\"kind\":\"Pod\"}]", "json: cannot unmarshal array into Go value of type " + TYPE_META
                + " (5b7b226b696e64223a22506f64227d5d)");
        refused.put("\"Pod\"", "json: cannot unmarshal string into Go value of type " + TYPE_META + " (22506f6422)");
        for (Map.Entry<String, String> body : refused.entrySet()) {
            Reply reply = api.post(pods(), body.getKey());
            assertStatus(reply, 400, "BadRequest");
            assertThat(reply.json().get("message").asString()).as(body.getKey()).isEqualTo(PARSE_ERROR
                    + body.getValue());
        }
        Reply yamlList = api.send("POST", pods(), "- a\n", "application/yaml", "application/json");
        assertStatus(yamlList, 400, "BadRequest");
        assertThat(yamlList.json().get("message").asString()).startsWith(PARSE_ERROR + "json: cannot unmarshal array "
                + "into Go value of type struct {").endsWith(" (2d20610a)");
        Reply groupVersion = api.post(pods(), "{\"apiVersion\":\"a/b/c\"}");
        assertStatus(groupVersion, 400, "BadRequest");
        assertThat(groupVersion.json().get("message").asString()).isEqualTo(UNRECOGNIZED + "unexpected GroupVersion "
                + "string: a/b/c ({\"apiVersion\":\"a/b/c\"})");
        // null is an object with nothing set, which validation then refuses
        assertStatus(api.post(pods(), "null"), 422, "Invalid");

        assertThat(api.post(pods(), pod("root", "[{\"name\":\"c\",\"image\":\"nginx\"}]")).code()).isEqualTo(201);
        Reply patched = api.patch(pods() + "/root", "application/json-patch+json",
                "[{\"op\":\"replace\",\"path\":\"\",\"value\":[1]}]");
        assertThat(patched.code()).as(patched.text()).isBetween(400, 499);
        assertThat(stored(pods())).hasSize(1);
    }

    @Test
    void aPatchThatIsNoJsonIsRefusedWithGosSyntaxError() {
        assertThat(api.post(pods(), pod("p", "[{\"name\":\"c\",\"image\":\"nginx\"}]")).code()).isEqualTo(201);
        List<String> before = stored(pods());
        Map<List<String>, String> refused = new LinkedHashMap<>();
        refused.put(List.of("application/merge-patch+json", "{\"metadata\":"),
                "error decoding patch: unexpected end of JSON input");
        refused.put(List.of("application/merge-patch+json", "[]"),
                "error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}");
        refused.put(List.of("application/json-patch+json", "[{\"op\":\"add\",}]"),
                "error decoding patch: invalid character '}' looking for beginning of object key string");
        refused.put(List.of("application/json-patch+json", "{}"),
                "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp");
        refused.put(List.of("application/strategic-merge-patch+json", "not json"),
                "invalid character 'o' in literal null (expecting 'u')");
        refused.put(List.of("application/strategic-merge-patch+json", "[]"),
                "json: cannot unmarshal array into Go value of type map[string]interface {}");
        assertRefused(pods() + "/p", refused);
        assertThat(stored(pods())).isEqualTo(before);
    }

    /** Each patch (its Content-Type and body) refused with 400 and its message. */
    private void assertRefused(String path, Map<List<String>, String> refused) {
        for (Map.Entry<List<String>, String> patch : refused.entrySet()) {
            Reply reply = api.patch(path, patch.getKey().get(0), patch.getKey().get(1));
            assertStatus(reply, 400, "BadRequest");
            assertThat(reply.json().get("message").asString()).as(patch.getKey().toString())
                    .isEqualTo(patch.getValue());
        }
    }

    /**
     * Under fieldValidation=Ignore kube reads a JSON or merge patch only with jsonpatch, whose words differ from
     * the strict read's: Go's alone for a JSON patch, "Invalid JSON Patch" for a merge patch.
     */
    @Test
    void aPatchThatIsNoJsonUnderIgnoreIsRefusedInJsonpatchsWords() {
        assertThat(api.post(pods(), pod("q", "[{\"name\":\"c\",\"image\":\"nginx\"}]")).code()).isEqualTo(201);
        List<String> before = stored(pods());
        Map<List<String>, String> refused = new LinkedHashMap<>();
        refused.put(List.of("application/merge-patch+json", "{\"metadata\":"), "Invalid JSON Patch");
        refused.put(List.of("application/merge-patch+json", "\"x\""), "Invalid JSON Patch");
        refused.put(List.of("application/merge-patch+json", "null"), "Invalid JSON Patch");
        refused.put(List.of("application/json-patch+json", "[{\"op\":\"add\",}]"),
                "invalid character '}' looking for beginning of object key string");
        refused.put(List.of("application/json-patch+json", "{}"),
                "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        refused.put(List.of("application/json-patch+json", "[1]"),
                "json: cannot unmarshal number into Go value of type jsonpatch.Operation");
        refused.put(List.of("application/strategic-merge-patch+json", "not json"),
                "invalid character 'o' in literal null (expecting 'u')");
        assertRefused(pods() + "/q?fieldValidation=Ignore", refused);
        // a list is the whole patched object, which is no object
        Reply list = api.patch(pods() + "/q?fieldValidation=Ignore", "application/merge-patch+json", "[1,null]");
        assertStatus(list, 422, "Invalid");
        assertThat(list.json().get("message").asString()).isEqualTo(LIST_IS_NO_OBJECT);
        // null is no operation at all
        assertThat(api.patch(pods() + "/q?fieldValidation=Ignore", "application/json-patch+json", "null").code())
                .isEqualTo(200);
        assertThat(api.patch(pods() + "/q", "application/merge-patch+json", "null").json().get("message").asString())
                .isEqualTo("Invalid JSON Patch");
        assertThat(stored(pods())).isEqualTo(before);
    }

    @Test
    void unknownFieldsAfterAPatchAreNamedInTheOrderOfTheReencodedObject() {
        String configMaps = "/api/v1/namespaces/" + ns + "/configmaps";
        assertThat(api.post(configMaps, "{\"metadata\":{\"name\":\"m\"}}").code()).isEqualTo(201);
        String patch = "{\"zzz\":1,\"metadata\":{\"extra\":1},\"aaa\":2}";
        Reply strict = api.patch(configMaps + "/m?fieldValidation=Strict", "application/merge-patch+json", patch);
        assertStatus(strict, 422, "Invalid");
        assertThat(strict.json().get("message").asString()).startsWith(" \"\" is invalid: patch: Invalid value: \"{")
                .endsWith("\": strict decoding error: unknown field \"aaa\", unknown field \"metadata.extra\", "
                        + "unknown field \"zzz\"");
        Reply warned = api.patch(configMaps + "/m", "application/merge-patch+json", patch);
        assertThat(warned.code()).as(warned.text()).isEqualTo(200);
        assertThat(warned.headers("Warning")).containsExactly("299 - \"unknown field \\\"aaa\\\"\"",
                "299 - \"unknown field \\\"metadata.extra\\\"\"", "299 - \"unknown field \\\"zzz\\\"\"");
    }

    @Test
    void aMistypedDeleteOptionsBodyDeletesNothing() {
        assertThat(api.post(pods(), pod("p", "[{\"name\":\"c\",\"image\":\"nginx\"}]")).code()).isEqualTo(201);
        Reply reply = api.delete(pods() + "/p", "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\","
                + "\"gracePeriodSeconds\":\"0\"}");
        assertStatus(reply, 400, "BadRequest");
        assertThat(reply.json().get("message").asString()).isEqualTo("json: cannot unmarshal string into Go struct "
                + "field DeleteOptions.gracePeriodSeconds of type int64");
        Reply array = api.delete(pods() + "/p", "[]");
        assertStatus(array, 400, "BadRequest");
        assertThat(array.json().get("message").asString()).isEqualTo("couldn't get version/kind; json parse error: "
                + "json: cannot unmarshal array into Go value of type " + TYPE_META);
        assertThat(api.get(pods() + "/p").json().at("/metadata/deletionTimestamp").isMissingNode()).isTrue();
    }

    @Test
    void deeplyNestedPatchesAreRefused() {
        assertThat(api.post(pods(), pod("p", "[{\"name\":\"c\",\"image\":\"nginx\"}]")).code()).isEqualTo(201);
        List<String> before = stored(pods());
        String nested = "{\"a\":".repeat(1000) + "1" + "}".repeat(1000);
        Reply merge = api.patch(pods() + "/p", "application/merge-patch+json",
                "{\"metadata\":{\"annotations\":" + nested + "}}");
        assertThat(merge.code()).as(merge.text()).isBetween(400, 499);
        Reply json = api.patch(pods() + "/p", "application/json-patch+json",
                "[{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":" + nested + "}]");
        assertThat(json.code()).as(json.text()).isBetween(400, 499);
        Reply strategic = api.patch(pods() + "/p", "application/strategic-merge-patch+json",
                "{\"metadata\":{\"annotations\":" + nested + "}}");
        assertThat(strategic.code()).as(strategic.text()).isBetween(400, 499);
        assertThat(stored(pods())).isEqualTo(before);
    }

    @Test
    void anApplyWithNullMetadataIsRefused() {
        Reply reply = api.patch("/api/v1/namespaces/" + ns + "/configmaps/cm?fieldManager=test",
                "application/apply-patch+yaml", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":null}");
        assertStatus(reply, 400, "BadRequest");
        assertThat(reply.json().get("message").asString())
                .isEqualTo("the name of the object () does not match the name on the URL (cm)");
        assertThat(stored("/api/v1/namespaces/" + ns + "/configmaps")).allMatch(s -> !s.startsWith("cm@"));
    }

    @Test
    void yamlAliasesAreExpandedWithinLimits() {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: aliased
                  labels: &labels
                    app: web
                  annotations:
                    <<: *labels
                    own: yes
                data:
                  first: &value shared
                  second: *value
                """;
        Reply created = api.send("POST", "/api/v1/namespaces/" + ns + "/configmaps", yaml, "application/yaml",
                "application/json");
        assertThat(created.code()).as(created.text()).isEqualTo(201);
        assertThat(created.json().at("/data/second").asString()).isEqualTo("shared");
        assertThat(created.json().at("/metadata/annotations/app").asString()).isEqualTo("web");
        assertThat(created.json().at("/metadata/annotations/own").asString()).isEqualTo("yes");

        StringBuilder bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n");
        bomb.append("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        long started = System.nanoTime();
        Reply refused = api.send("POST", "/api/v1/namespaces/" + ns + "/configmaps", bomb.toString(),
                "application/yaml", "application/json");
        assertStatus(refused, 400, "BadRequest");
        assertThat(refused.json().get("message").asString()).contains("excessive aliasing");
        assertThat(System.nanoTime() - started).isLessThan(5_000_000_000L);
        assertThat(api.get("/api/v1/namespaces/" + ns + "/configmaps/bomb").code()).isEqualTo(404);
    }
}

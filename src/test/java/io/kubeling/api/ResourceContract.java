package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The REST contract every resource keeps, in the spirit of the apiserver's resttest: each
 * verb, each patch type, and the exact Status body of each error. A subclass names the
 * resource and gives a valid object.
 */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
abstract class ResourceContract {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    HttpApi api;

    /** e.g. {@code pods}. */
    abstract String resource();

    abstract String kind();

    /** A valid object of this resource named {@code name}, without status. */
    abstract ObjectNode sample(String name);

    boolean namespaced() {
        return true;
    }

    /** The API group, empty for the core group. */
    String group() {
        return "";
    }

    String apiVersion() {
        return group().isEmpty() ? "v1" : group() + "/v1";
    }

    /** The kind as kube names it in messages: {@code ConfigMap}, {@code CronTab.stable.example.com}. */
    String qualifiedKind() {
        return group().isEmpty() ? kind() : kind() + "." + group();
    }

    /** The resource as kube names it in messages: {@code configmaps}, {@code crontabs.stable.example.com}. */
    String qualifiedResource() {
        return group().isEmpty() ? resource() : resource() + "." + group();
    }

    /** The details of a Status about one object, as JSON members: name, group when there is one, kind. */
    String details(String name) {
        return "\"name\":\"" + name + "\"" + (group().isEmpty() ? "" : ",\"group\":\"" + group() + "\"")
                + ",\"kind\":\"" + resource() + "\"";
    }

    /** Whether list items carry kind and apiVersion, as custom resources' (unstructured) items do. */
    boolean listItemsCarryKind() {
        return false;
    }

    /** Whether strategic merge patch applies (built-in kinds) or answers 415 (custom resources). */
    boolean strategicMergePatch() {
        return true;
    }

    /** A name this resource refuses. */
    String invalidName() {
        return "Not_Valid";
    }

    /** An apiVersion of another group than this resource's, which a body may not carry. */
    String otherApiVersion() {
        return "apps/v1";
    }

    /**
     * The object once what the server does after a create has happened (a controller's first status write), so
     * that tests go on from a version nothing else is about to change; the created object itself by default.
     */
    JsonNode settled(JsonNode created) {
        return created;
    }

    /** Whether a PUT of an absent object creates it, as for events. */
    boolean createsOnReplace() {
        return false;
    }

    /** Whether a delete removes the object at once (no finalizer or grace period holds it). */
    boolean deletesAtOnce() {
        return true;
    }

    String namespace;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        namespace = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        if (namespaced()) {
            Reply ns = api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
                    + namespace + "\"}}");
            assertThat(ns.code()).as(ns.text()).isEqualTo(201);
            api.awaitDefaultServiceAccount(namespace);
        }
    }

    String collection() {
        String base = group().isEmpty() ? "/api/v1" : "/apis/" + apiVersion();
        return namespaced() ? base + "/namespaces/" + namespace + "/" + resource() : base + "/" + resource();
    }

    String item(String name) {
        return collection() + "/" + name;
    }

    String uniqueName() {
        return "c" + UUID.randomUUID().toString().substring(0, 8);
    }

    JsonNode create(String name) {
        Reply reply = api.post(collection(), sample(name).toString());
        assertThat(reply.code()).as(reply.text()).isEqualTo(201);
        return settled(reply.json());
    }

    @Test
    void createSetsServerMetadataAndGetReturnsTheSameObject() {
        String name = uniqueName();
        JsonNode created = create(name);
        JsonNode meta = created.get("metadata");
        assertThat(created.get("kind").asString()).isEqualTo(kind());
        assertThat(created.get("apiVersion").asString()).isEqualTo(apiVersion());
        assertThat(meta.get("name").asString()).isEqualTo(name);
        assertThat(meta.get("uid").asString()).matches("[0-9a-f-]{36}");
        assertThat(Instant.parse(meta.get("creationTimestamp").asString()))
                .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(60));
        assertThat(Long.parseLong(meta.get("resourceVersion").asString())).isPositive();
        if (namespaced()) {
            assertThat(meta.get("namespace").asString()).isEqualTo(namespace);
        }
        Reply got = api.get(item(name));
        assertThat(got.code()).isEqualTo(200);
        assertThat(got.json()).isEqualTo(created);
    }

    @Test
    void createOfAnExistingNameAnswersAlreadyExists() {
        String name = uniqueName();
        create(name);
        Reply again = api.post(collection(), sample(name).toString());
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.json()).isEqualTo(JSON.readTree("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"%s \\"%s\\" already exists","reason":"AlreadyExists",
                 "details":{%s},"code":409}""".formatted(qualifiedResource(), name, details(name))));
    }

    @Test
    void getOfAMissingObjectAnswersNotFound() {
        Reply missing = api.get(item("nope"));
        assertThat(missing.code()).isEqualTo(404);
        assertThat(missing.json()).isEqualTo(JSON.readTree("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"%s \\"nope\\" not found","reason":"NotFound",
                 "details":{%s},"code":404}""".formatted(qualifiedResource(), details("nope"))));
    }

    @Test
    void replaceWithTheCurrentVersionSucceedsAndWithAStaleOneConflicts() {
        String name = uniqueName();
        ObjectNode created = (ObjectNode) create(name);
        String firstVersion = created.get("metadata").get("resourceVersion").asString();
        ((ObjectNode) created.get("metadata")).putObject("labels").put("tier", "one");
        Reply replaced = api.put(item(name), created.toString());
        assertThat(replaced.code()).as(replaced.text()).isEqualTo(200);
        assertThat(replaced.json().at("/metadata/labels/tier").asString()).isEqualTo("one");
        assertThat(Long.parseLong(replaced.json().at("/metadata/resourceVersion").asString()))
                .isGreaterThan(Long.parseLong(firstVersion));

        ((ObjectNode) created.get("metadata")).put("resourceVersion", firstVersion);
        ((ObjectNode) created.get("metadata").get("labels")).put("tier", "two");
        Reply stale = api.put(item(name), created.toString());
        assertThat(stale.code()).isEqualTo(409);
        assertThat(stale.json()).isEqualTo(JSON.readTree("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"Operation cannot be fulfilled on %s \\"%s\\": the object has been modified; please apply your changes to the latest version and try again",
                 "reason":"Conflict","details":{%s},"code":409}"""
                .formatted(qualifiedResource(), name, details(name))));
    }

    @Test
    void replaceOfAMissingObjectAnswersNotFoundOrCreatesIt() {
        Reply reply = api.put(item("ghost"), sample("ghost").toString());
        if (createsOnReplace()) {
            assertThat(reply.code()).as(reply.text()).isEqualTo(201);
            assertThat(api.get(item("ghost")).code()).isEqualTo(200);
        } else {
            assertThat(reply.code()).isEqualTo(404);
            assertThat(reply.json().get("reason").asString()).isEqualTo("NotFound");
        }
    }

    @Test
    void replaceWithAnotherNameInTheBodyIsRefused() {
        String name = uniqueName();
        create(name);
        Reply reply = api.put(item(name), sample("other").toString());
        assertThat(reply.code()).isEqualTo(400);
        assertThat(reply.json().get("message").asString())
                .isEqualTo("the name of the object (other) does not match the name on the URL (" + name + ")");
    }

    @Test
    void everyPatchTypeChangesTheObject() {
        String name = uniqueName();
        create(name);
        Reply json = api.patch(item(name), "application/json-patch+json",
                "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"a\":\"1\"}}]");
        assertThat(json.code()).as(json.text()).isEqualTo(200);
        assertThat(json.json().at("/metadata/labels/a").asString()).isEqualTo("1");

        Reply merge = api.patch(item(name), "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"b\":\"2\",\"a\":null}}}");
        assertThat(merge.code()).as(merge.text()).isEqualTo(200);
        assertThat(merge.json().at("/metadata/labels/b").asString()).isEqualTo("2");
        assertThat(merge.json().at("/metadata/labels/a").isMissingNode()).isTrue();

        Reply strategic = api.patch(item(name), "application/strategic-merge-patch+json",
                "{\"metadata\":{\"annotations\":{\"note\":\"x\"},\"labels\":{\"c\":\"3\"}}}");
        if (!strategicMergePatch()) {
            assertThat(strategic.code()).as(strategic.text()).isEqualTo(415);
            assertThat(strategic.json().get("message").asString()).isEqualTo("the body of the request was in an "
                    + "unknown format - accepted media types include: application/json-patch+json, "
                    + "application/merge-patch+json, application/apply-patch+yaml");
            assertThat(api.get(item(name)).json()).isEqualTo(merge.json());
            return;
        }
        assertThat(strategic.code()).as(strategic.text()).isEqualTo(200);
        assertThat(strategic.json().at("/metadata/labels/b").asString()).isEqualTo("2");
        assertThat(strategic.json().at("/metadata/labels/c").asString()).isEqualTo("3");
        assertThat(strategic.json().at("/metadata/annotations/note").asString()).isEqualTo("x");

        assertThat(api.get(item(name)).json()).isEqualTo(strategic.json());
    }

    @Test
    void aJsonPatchWhoseTestFailsChangesNothing() {
        String name = uniqueName();
        JsonNode created = create(name);
        Reply reply = api.patch(item(name), "application/json-patch+json",
                "[{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"other\"},"
                        + "{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"a\":\"1\"}}]");
        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json().get("reason").asString()).isEqualTo("Invalid");
        assertThat(api.get(item(name)).json()).isEqualTo(created);
    }

    @Test
    void aPatchWithAStaleResourceVersionConflicts() {
        String name = uniqueName();
        JsonNode created = create(name);
        String version = created.at("/metadata/resourceVersion").asString();
        api.patch(item(name), "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"a\":\"1\"}}}");
        Reply stale = api.patch(item(name), "application/merge-patch+json",
                "{\"metadata\":{\"resourceVersion\":\"" + version + "\",\"labels\":{\"a\":\"2\"}}}");
        assertThat(stale.code()).isEqualTo(409);
        assertThat(stale.json().get("reason").asString()).isEqualTo("Conflict");
    }

    @Test
    void anUnknownPatchTypeIsUnsupported() {
        String name = uniqueName();
        create(name);
        Reply reply = api.patch(item(name), "application/xml", "<x/>");
        assertThat(reply.code()).isEqualTo(415);
        assertThat(reply.json().get("reason").asString()).isEqualTo("UnsupportedMediaType");
    }

    @Test
    void aPatchOfAMissingObjectAnswersNotFound() {
        Reply reply = api.patch(item("ghost"), "application/merge-patch+json", "{}");
        assertThat(reply.code()).isEqualTo(404);
        assertThat(reply.json().get("message").asString()).isEqualTo(qualifiedResource() + " \"ghost\" not found");
    }

    @Test
    void anInvalidNameAnswersInvalidNamingTheField() {
        String bad = invalidName();
        Reply reply = api.post(collection(), sample(bad).toString());
        assertThat(reply.code()).isEqualTo(422);
        JsonNode body = reply.json();
        assertThat(body.get("reason").asString()).isEqualTo("Invalid");
        assertThat(body.get("message").asString()).startsWith(qualifiedKind() + " \"" + bad + "\" is invalid: metadata.name: Invalid value: \"" + bad + "\": ");
        assertThat(body.at("/details/kind").asString()).isEqualTo(kind());
        assertThat(body.at("/details/causes/0/field").asString()).isEqualTo("metadata.name");
        assertThat(body.at("/details/causes/0/reason").asString()).isEqualTo("FieldValueInvalid");
    }

    @Test
    void bodiesWithoutApiVersionAndKindTakeThemFromTheUrl() {
        String name = uniqueName();
        ObjectNode bare = sample(name);
        bare.remove("apiVersion");
        bare.remove("kind");
        Reply created = api.post(collection(), bare.toString());
        assertThat(created.code()).as(created.text()).isEqualTo(201);
        assertThat(created.json().get("kind").asString()).isEqualTo(kind());
        assertThat(created.json().get("apiVersion").asString()).isEqualTo(apiVersion());
        assertThat(api.get(item(name)).json().get("kind").asString()).isEqualTo(kind());
        settled(created.json());

        // list, modify, replace: list items carry no kind
        JsonNode listed = null;
        for (JsonNode item : api.get(collection()).json().get("items")) {
            if (item.at("/metadata/name").asString().equals(name)) {
                listed = item;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.has("kind")).isEqualTo(listItemsCarryKind());
        ObjectNode modified = (ObjectNode) listed.deepCopy();
        ((ObjectNode) modified.get("metadata")).putObject("labels").put("changed", "yes");
        Reply replaced = api.put(item(name), modified.toString());
        assertThat(replaced.code()).as(replaced.text()).isEqualTo(200);
        assertThat(replaced.json().at("/metadata/labels/changed").asString()).isEqualTo("yes");
        assertThat(replaced.json().get("kind").asString()).isEqualTo(kind());

        String yamlName = uniqueName();
        ObjectNode bareYaml = sample(yamlName);
        bareYaml.remove("apiVersion");
        bareYaml.remove("kind");
        Reply fromYaml = api.send("POST", collection(), JSON_TO_YAML.writeValueAsString(bareYaml), "application/yaml",
                "application/json");
        assertThat(fromYaml.code()).as(fromYaml.text()).isEqualTo(201);
        assertThat(fromYaml.json().get("kind").asString()).isEqualTo(kind());

        ObjectNode onlyKind = sample(uniqueName());
        onlyKind.remove("apiVersion");
        assertThat(api.post(collection(), onlyKind.toString()).code()).isEqualTo(201);
        ObjectNode onlyVersion = sample(uniqueName());
        onlyVersion.remove("kind");
        assertThat(api.post(collection(), onlyVersion.toString()).code()).isEqualTo(201);
    }

    @Test
    void badBodiesAreRefusedAndNothingIsStored() {
        String marker = uniqueName();
        Reply malformed = api.post(collection(), "{\"kind\":");
        assertThat(malformed.code()).isEqualTo(400);
        assertThat(malformed.json().get("reason").asString()).isEqualTo("BadRequest");

        ObjectNode wrongKind = marked(marker);
        wrongKind.put("kind", "Deployment");
        Reply kindReply = api.post(collection(), wrongKind.toString());
        assertThat(kindReply.code()).isEqualTo(400);
        ObjectNode wrongKindNoVersion = marked(marker);
        wrongKindNoVersion.remove("apiVersion");
        wrongKindNoVersion.put("kind", "Deployment");
        assertThat(api.post(collection(), wrongKindNoVersion.toString()).code()).isEqualTo(400);

        ObjectNode wrongVersion = marked(marker);
        wrongVersion.put("apiVersion", otherApiVersion());
        Reply versionReply = api.post(collection(), wrongVersion.toString());
        assertThat(versionReply.code()).isEqualTo(400);
        assertThat(versionReply.json().get("message").asString())
                .isEqualTo("the API version in the data (" + otherApiVersion() + ") does not match the expected API version ("
                        + apiVersion() + ")");

        if (namespaced()) {
            ObjectNode otherNamespace = marked(marker);
            ((ObjectNode) otherNamespace.get("metadata")).put("namespace", "elsewhere");
            Reply nsReply = api.post(collection(), otherNamespace.toString());
            assertThat(nsReply.code()).isEqualTo(400);
            assertThat(nsReply.json().get("message").asString())
                    .isEqualTo("the namespace of the provided object does not match the namespace sent on the request");
        }
        Reply badDryRun = api.post(collection() + "?dryRun=Sometimes", marked(marker).toString());
        assertThat(badDryRun.code()).isEqualTo(422);
        assertThat(badDryRun.json().get("message").asString()).isEqualTo(
                "CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: \"Sometimes\": supported values: \"All\"");

        assertThat(storedWith(marker)).isEmpty();
    }

    @Test
    void dryRunValidatesAndDefaultsButStoresNothing() {
        String marker = uniqueName();
        ObjectNode object = marked(marker);
        String name = object.at("/metadata/name").asString();
        Reply dry = api.post(collection() + "?dryRun=All", object.toString());
        assertThat(dry.code()).isEqualTo(201);
        assertThat(dry.json().at("/metadata/name").asString()).isEqualTo(name);
        assertThat(dry.json().at("/metadata/uid").asString()).isNotEmpty();
        assertThat(dry.json().at("/metadata/labels/" + MARKER.replace("/", "~1")).asString()).isEqualTo(marker);
        assertThat(api.get(item(name)).code()).isEqualTo(404);
        assertThat(storedWith(marker)).isEmpty();
    }

    /** The label that marks the objects one test sends, to find whatever of them was stored. */
    private static final String MARKER = "contract.kubeling.io/test";

    /** A sample with a name of its own, labelled with {@code marker}. */
    private ObjectNode marked(String marker) {
        ObjectNode object = sample(uniqueName());
        ObjectNode metadata = (ObjectNode) object.get("metadata");
        ObjectNode labels = metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
        labels.put(MARKER, marker);
        return object;
    }

    /**
     * The names of the objects labelled with {@code marker}, in every namespace: on the shared server other tests
     * (this class's own methods among them) create and delete objects of this resource meanwhile, so "nothing
     * stored" is judged on what this test sent, and not on a before-and-after count or the global revision.
     */
    private List<String> storedWith(String marker) {
        String base = group().isEmpty() ? "/api/v1" : "/apis/" + apiVersion();
        Reply list = api.get(base + "/" + resource() + "?labelSelector=" + MARKER + "%3D" + marker);
        assertThat(list.code()).as(list.text()).isEqualTo(200);
        return names(list.json());
    }

    @Test
    void listsFilterByLabelsAndPageThroughOneSnapshot() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = "page-" + i + "-" + uniqueName();
            ObjectNode object = sample(name);
            ((ObjectNode) object.get("metadata")).putObject("labels").put("idx", Integer.toString(i))
                    .put("set", namespace);
            Reply reply = api.post(collection(), object.toString());
            assertThat(reply.code()).as(reply.text()).isEqualTo(201);
            names.add(name);
        }
        Reply selected = api.get(collection() + "?labelSelector=set%3D" + namespace + ",idx+in+(1,3)");
        assertThat(selected.code()).as(selected.text()).isEqualTo(200);
        assertThat(selected.json().get("kind").asString()).isEqualTo(kind() + "List");
        assertThat(names(selected.json())).containsExactly(names.get(1), names.get(3));
        assertThat(selected.json().at("/items/0/kind").isMissingNode()).isEqualTo(!listItemsCarryKind());

        Reply first = api.get(collection() + "?limit=2&labelSelector=set%3D" + namespace);
        assertThat(names(first.json())).containsExactly(names.get(0), names.get(1));
        String token = first.json().at("/metadata/continue").asString();
        String snapshot = first.json().at("/metadata/resourceVersion").asString();
        assertThat(token).isNotEmpty();

        // A write after the first page does not show in the later pages of the same snapshot.
        api.delete(item(names.get(2)) + "?gracePeriodSeconds=0");
        Reply second = api.get(collection() + "?limit=2&labelSelector=set%3D" + namespace + "&continue=" + token);
        assertThat(second.code()).as(second.text()).isEqualTo(200);
        assertThat(names(second.json())).containsExactly(names.get(2), names.get(3));
        assertThat(second.json().at("/metadata/resourceVersion").asString()).isEqualTo(snapshot);
        Reply third = api.get(collection() + "?limit=2&labelSelector=set%3D" + namespace + "&continue="
                + second.json().at("/metadata/continue").asString());
        assertThat(names(third.json())).containsExactly(names.get(4));
        assertThat(third.json().at("/metadata/continue").isMissingNode()).isTrue();
    }

    @Test
    void malformedSelectorsAreBadRequests() {
        Reply labels = api.get(collection() + "?labelSelector=a+in+(b");
        assertThat(labels.code()).isEqualTo(400);
        assertThat(labels.json().get("reason").asString()).isEqualTo("BadRequest");
        Reply fields = api.get(collection() + "?fieldSelector=spec.nothing%3Dx");
        assertThat(fields.code()).isEqualTo(400);
        assertThat(fields.json().get("message").asString()).isEqualTo("field label not supported: spec.nothing");
    }

    @Test
    void fieldSelectorOnNameFindsOneObject() {
        String name = uniqueName();
        create(name);
        create(uniqueName());
        Reply one = api.get(collection() + "?fieldSelector=metadata.name%3D" + name);
        assertThat(names(one.json())).containsExactly(name);
        Reply others = api.get(collection() + "?fieldSelector=metadata.name!%3D" + name);
        assertThat(names(others.json())).doesNotContain(name).isNotEmpty();
    }

    @Test
    void yamlGoesInAndComesOut() {
        String name = uniqueName();
        String yaml = JSON_TO_YAML.writeValueAsString(sample(name));
        Reply created = api.send("POST", collection(), yaml, "application/yaml", "application/yaml");
        assertThat(created.code()).as(created.text()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/yaml");
        assertThat(created.text()).contains("name: " + name).contains("kind: " + kind());
        assertThat(created.text()).containsPattern("resourceVersion: \"\\d+\"");
    }

    @Test
    void deleteRemovesTheObject() {
        String name = uniqueName();
        create(name);
        Reply deleted = api.delete(item(name));
        assertThat(deleted.code()).as(deleted.text()).isEqualTo(200);
        if (deletesAtOnce()) {
            assertThat(api.get(item(name)).code()).isEqualTo(404);
        } else {
            awaitGone(item(name));
        }
        assertThat(api.delete(item(name)).code()).isEqualTo(404);
    }

    @Test
    void deletePreconditionsAreChecked() {
        String name = uniqueName();
        create(name);
        Reply wrongUid = api.delete(item(name), "{\"kind\":\"DeleteOptions\",\"apiVersion\":\"v1\","
                + "\"preconditions\":{\"uid\":\"00000000-0000-0000-0000-000000000000\"}}");
        assertThat(wrongUid.code()).isEqualTo(409);
        assertThat(wrongUid.json().get("message").asString()).startsWith("Operation cannot be fulfilled on "
                + qualifiedResource() + " \"" + name + "\": Precondition failed: UID in precondition: 00000000-0000-0000-0000-000000000000, UID in object meta: ");
        assertThat(api.get(item(name)).code()).isEqualTo(200);
    }

    @Test
    void finalizersHoldAnObjectUntilTheyAreRemoved() {
        String name = uniqueName();
        ObjectNode object = sample(name);
        ((ObjectNode) object.get("metadata")).putArray("finalizers").add("example.com/hold");
        assertThat(api.post(collection(), object.toString()).code()).isEqualTo(201);
        Reply deleting = api.delete(item(name));
        assertThat(deleting.code()).isEqualTo(200);
        assertThat(deleting.json().at("/metadata/deletionTimestamp").asString()).isNotEmpty();
        Reply still = api.get(item(name));
        assertThat(still.code()).isEqualTo(200);
        assertThat(still.json().at("/metadata/finalizers/0").asString()).isEqualTo("example.com/hold");

        Reply released = api.patch(item(name), "application/json-patch+json",
                "[{\"op\":\"remove\",\"path\":\"/metadata/finalizers\"}]");
        assertThat(released.code()).as(released.text()).isEqualTo(200);
        awaitGone(item(name));
    }

    void awaitGone(String path) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(api.get(path).code()).as("object still present: " + path).isEqualTo(404));
    }

    static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.get("items").forEach(i -> names.add(i.at("/metadata/name").asString()));
        return names;
    }

    static final tools.jackson.dataformat.yaml.YAMLMapper JSON_TO_YAML = tools.jackson.dataformat.yaml.YAMLMapper
            .builder().build();
}

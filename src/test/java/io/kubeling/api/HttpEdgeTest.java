package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.RawHttp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What reaches the server before a resource handler: paths, parameters, media types, headers, origins. */
@KubelingTest
class HttpEdgeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TABLE_ONLY = "application/json;as=Table;v=v1;g=meta.k8s.io";

    @LocalServerPort
    int port;

    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        ns = api.newNamespace("edge-");
    }

    private String configMaps() {
        return "/api/v1/namespaces/" + ns + "/configmaps";
    }

    private String configMap(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"}}";
    }

    private static void assertStatus(JsonNode status, int code, String reason) {
        assertThat(status.path("kind").asString()).isEqualTo("Status");
        assertThat(status.path("apiVersion").asString()).isEqualTo("v1");
        assertThat(status.path("status").asString()).isEqualTo("Failure");
        assertThat(status.path("code").asInt()).isEqualTo(code);
        assertThat(status.path("reason").asString()).isEqualTo(reason);
    }

    private static void assertNotFoundPath(int code, String body) {
        assertThat(code).isEqualTo(404);
        JsonNode status = JSON.readTree(body);
        assertStatus(status, 404, "NotFound");
        assertThat(status.path("message").asString()).isEqualTo("the server could not find the requested resource");
        assertThat(status.path("details").isObject()).as(body).isTrue();
        assertThat(status.path("details").isEmpty()).as(body).isTrue();
    }

    @Test
    void formEncodedAndPlainTextBodiesAre415AndStoreNothing() {
        for (String type : List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/plain")) {
            Reply reply = api.send("POST", configMaps(), configMap("form") + "%zz", type, "application/json");
            assertThat(reply.code()).as(type).isEqualTo(415);
            assertStatus(reply.json(), 415, "UnsupportedMediaType");
        }
        assertThat(api.post(configMaps(), configMap("form")).code()).isEqualTo(201);
        Reply put = api.send("PUT", configMaps() + "/form", configMap("form") + "&%zz", "application/x-www-form-urlencoded",
                "application/json");
        assertThat(put.code()).isEqualTo(415);
        Reply patch = api.send("PATCH", configMaps() + "/form", "data=%zz", "application/x-www-form-urlencoded",
                "application/json");
        assertThat(patch.code()).isEqualTo(415);
        assertThat(api.get(configMaps()).json().path("items")).hasSize(1);
    }

    @Test
    void emptyMediaTypesAreRefusedAsKubeRefusesThem() {
        Reply body = api.send("POST", configMaps(), configMap("semicolon"), ";", "application/json");
        assertThat(body.code()).isEqualTo(415);
        assertStatus(body.json(), 415, "UnsupportedMediaType");
        Reply patch = api.send("PATCH", configMaps() + "/semicolon", "{}", ";", "application/json");
        assertThat(patch.code()).isEqualTo(415);
        Reply accept = api.get(configMaps(), ";");
        assertThat(accept.code()).isEqualTo(406);
        assertStatus(accept.json(), 406, "NotAcceptable");
        assertThat(api.get("/openapi/v2", ";").code()).isEqualTo(406);
    }

    @Test
    void aBodyWithoutContentTypeIsReadAsJson() throws Exception {
        try (RawHttp raw = new RawHttp(port)) {
            RawHttp.Response response = raw.send("POST " + configMaps() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port,
                    configMap("untyped"));
            assertThat(response.code()).as(response.toString()).isEqualTo(201);
        }
        assertThat(api.get(configMaps() + "/untyped").code()).isEqualTo(200);
    }

    @Test
    void aMalformedQueryParameterIsIgnored() throws Exception {
        api.post(configMaps(), configMap("a"));
        api.post(configMaps(), configMap("b"));
        try (RawHttp raw = new RawHttp(port)) {
            RawHttp.Response list = raw.send("GET " + configMaps() + "?%zz=1&limit=1 HTTP/1.1\r\nHost: 127.0.0.1", null);
            assertThat(list.code()).as(list.toString()).isEqualTo(200);
            assertThat(JSON.readTree(list.body()).path("items")).hasSize(1);
            RawHttp.Response get = raw.send("GET " + configMaps() + "/a?pretty=%zz HTTP/1.1\r\nHost: 127.0.0.1", null);
            assertThat(get.code()).as(get.toString()).isEqualTo(200);
        }
    }

    @Test
    void aHugeUnknownFieldNameWarnsCutToKubesLengthAndStoresOnce() {
        String field = "f".repeat(9000);
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"generateName\":\"warn-\"},\""
                + field + "\":1}";
        Reply reply = api.post(configMaps(), body);
        assertThat(reply.code()).isEqualTo(201);
        assertThat(reply.headers("Warning")).containsExactly("299 - \"unknown field \\\"" + "f".repeat(241) + "\"");
        assertThat(api.get(configMaps()).json().path("items")).hasSize(1);
    }

    @Test
    void manyLongUnknownFieldsKeepTheWarningsWithinKubesTotal() {
        StringBuilder body = new StringBuilder("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"many\"}");
        for (int i = 0; i < 60; i++) {
            body.append(",\"").append(String.format("%02d", i)).append("é".repeat(400)).append("\":1");
        }
        Reply reply = api.post(configMaps(), body.append('}').toString());
        assertThat(reply.code()).isEqualTo(201);
        List<String> warnings = reply.headers("Warning");
        assertThat(warnings).hasSize(16);
        for (String warning : warnings) {
            String text = new String(warning.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            assertThat(text).startsWith("299 - \"unknown field \\\"").endsWith("é\"");
            assertThat(text.codePointCount(0, text.length())).isEqualTo("299 - \"\"".length() + 256 + 1);
        }
    }

    @Test
    void anAcceptOfOnlyATableRangeGetsATable() {
        api.post(configMaps(), configMap("t"));
        for (String accept : List.of(TABLE_ONLY, "application/json; g=meta.k8s.io; v=v1; as=Table",
                "application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io, application/json;v=v1beta1;as=Table;g=meta.k8s.io")) {
            Reply list = api.get(configMaps(), accept);
            assertThat(list.code()).as(accept).isEqualTo(200);
            assertThat(list.json().path("kind").asString()).isEqualTo("Table");
            assertThat(list.json().path("rows")).hasSize(1);
            Reply one = api.get(configMaps() + "/t", accept);
            assertThat(one.json().path("kind").asString()).as(accept).isEqualTo("Table");
        }
        assertThat(api.get(configMaps(), TABLE_ONLY).json().path("apiVersion").asString()).isEqualTo("meta.k8s.io/v1");
    }

    @Test
    void partialObjectMetadataIsServedForGetListAndWatch() throws Exception {
        api.post(configMaps(), "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"p\","
                + "\"labels\":{\"a\":\"b\"}},\"data\":{\"k\":\"v\"}}");
        String metadataAccept = "application/vnd.kubernetes.protobuf;as=%1$s;g=meta.k8s.io;v=v1,"
                + "application/json;as=%1$s;g=meta.k8s.io;v=v1,application/json";
        Reply one = api.get(configMaps() + "/p", metadataAccept.formatted("PartialObjectMetadata"));
        assertThat(one.json().path("kind").asString()).isEqualTo("PartialObjectMetadata");
        assertThat(one.json().path("apiVersion").asString()).isEqualTo("meta.k8s.io/v1");
        assertThat(one.json().path("metadata").path("labels").path("a").asString()).isEqualTo("b");
        assertThat(one.json().has("data")).isFalse();
        Reply list = api.get(configMaps(), metadataAccept.formatted("PartialObjectMetadataList"));
        assertThat(list.json().path("kind").asString()).isEqualTo("PartialObjectMetadataList");
        assertThat(list.json().path("metadata").path("resourceVersion").asString()).isNotEmpty();
        assertThat(list.json().path("items").get(0).path("kind").asString()).isEqualTo("PartialObjectMetadata");
        assertThat(list.json().path("items").get(0).has("data")).isFalse();
        Reply watch = api.get(configMaps() + "?watch=true&timeoutSeconds=1",
                metadataAccept.formatted("PartialObjectMetadata"));
        JsonNode event = JSON.readTree(watch.text().lines().findFirst().orElseThrow());
        assertThat(event.path("type").asString()).isEqualTo("ADDED");
        assertThat(event.path("object").path("kind").asString()).isEqualTo("PartialObjectMetadata");
        assertThat(event.path("object").path("metadata").path("name").asString()).isEqualTo("p");
    }

    @Test
    void aViewThatDoesNotFitTheAnswerIs406() {
        api.post(configMaps(), configMap("m"));
        Reply list = api.get(configMaps(), "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1");
        assertThat(list.code()).isEqualTo(406);
        assertStatus(list.json(), 406, "NotAcceptable");
        assertThat(list.json().path("message").asString())
                .isEqualTo("you requested PartialObjectMetadata, but the requested object is a list (*v1.ConfigMapList)");
        Reply one = api.get(configMaps() + "/m", "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1");
        assertThat(one.code()).isEqualTo(406);
        assertThat(one.json().path("message").asString())
                .isEqualTo("you requested PartialObjectMetadataList, but the requested object is not a list (*v1.ConfigMap)");
        assertThat(api.get(configMaps(), "application/json;as=Table;v=v2;g=meta.k8s.io").code()).isEqualTo(406);
        assertThat(api.get("/api/v1", TABLE_ONLY).code()).isEqualTo(406);
    }

    @Test
    void eachGroupServesItsAPIGroup() {
        Reply apps = api.get("/apis/apps");
        assertThat(apps.code()).isEqualTo(200);
        assertThat(apps.json().path("kind").asString()).isEqualTo("APIGroup");
        assertThat(apps.json().path("name").asString()).isEqualTo("apps");
        JsonNode listed = null;
        for (JsonNode group : api.get("/apis").json().path("groups")) {
            if (group.path("name").asString().equals("apps")) {
                listed = group;
            }
        }
        assertThat(apps.json().path("versions")).isEqualTo(listed.path("versions"));
        assertThat(apps.json().path("preferredVersion")).isEqualTo(listed.path("preferredVersion"));
        Reply unknown = api.get("/apis/nothing.example");
        assertNotFoundPath(unknown.code(), unknown.text());
    }

    @Test
    void everyUnknownPathIsKubesNotFoundStatus() throws Exception {
        for (String path : List.of("/foo", "/apis/apps/v1/nothing", "/api/v1/nothing", "/api/v2",
                "/api/v1/namespaces/" + ns + "/configmaps/x/y/z")) {
            Reply reply = api.get(path);
            assertNotFoundPath(reply.code(), reply.text());
        }
        api.post("/api/v1/namespaces/" + ns + "/pods", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"
                + "{\"name\":\"dbg\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}");
        Reply unserved = api.patch("/api/v1/namespaces/" + ns + "/pods/dbg/nothing",
                "application/strategic-merge-patch+json", "{\"spec\":{}}");
        assertNotFoundPath(unserved.code(), unserved.text());
        try (RawHttp raw = new RawHttp(port)) {
            RawHttp.Response response = raw.send("GET /api/v1/%zz HTTP/1.1\r\nHost: 127.0.0.1", null);
            assertThat(response.code()).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/json");
            assertStatus(JSON.readTree(response.body()), 400, "BadRequest");
        }
    }

    @Test
    void aForeignOriginOrHostIsForbiddenAndChangesNothing() throws Exception {
        try (RawHttp raw = new RawHttp(port)) {
            RawHttp.Response origin = raw.send("POST " + configMaps() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nOrigin: http://attacker.example", configMap("from-page"));
            assertThat(origin.code()).isEqualTo(403);
            assertStatus(JSON.readTree(origin.body()), 403, "Forbidden");
            RawHttp.Response host = raw.send("POST " + configMaps() + " HTTP/1.1\r\nHost: attacker.example:" + port,
                    configMap("rebound"));
            assertThat(host.code()).isEqualTo(403);
            assertStatus(JSON.readTree(host.body()), 403, "Forbidden");
            RawHttp.Response read = raw.send("GET " + configMaps() + " HTTP/1.1\r\nHost: attacker.example", null);
            assertThat(read.code()).isEqualTo(403);
        }
        assertThat(api.get(configMaps()).json().path("items")).isEmpty();
    }

    @Test
    void thisServersOwnNamesAndOriginsAreServed() throws Exception {
        try (RawHttp raw = new RawHttp(port)) {
            for (String headers : List.of("Host: localhost:" + port, "Host: [::1]:" + port,
                    "Host: 127.0.0.1:" + port + "\r\nOrigin: http://localhost:3000",
                    "Host: 127.0.0.1:" + port + "\r\nOrigin: http://127.0.0.1:" + port)) {
                RawHttp.Response response = raw.send("GET " + configMaps() + " HTTP/1.1\r\n" + headers, null);
                assertThat(response.code()).as(headers).isEqualTo(200);
            }
        }
    }
}

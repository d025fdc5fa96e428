package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.RawHttp;
import tools.jackson.databind.json.JsonMapper;

/** An error answer leaves the connection open for the client's next request, as kube-apiserver's do. */
@KubelingTest
class KeepAliveAfterErrorsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    String ns;

    @BeforeEach
    void setUp() {
        ns = new HttpApi(port).newNamespace("keep-");
    }

    private String configMaps() {
        return "/api/v1/namespaces/" + ns + "/configmaps";
    }

    private String post(String type) {
        return "POST " + configMaps() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: " + type;
    }

    private static String configMap(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"}}";
    }

    @Test
    void eachErrorIsFollowedByAnAnswerOnTheSameConnection() throws Exception {
        try (RawHttp raw = new RawHttp(port)) {
            assertThat(raw.send(post("application/json"), configMap("first")).code()).isEqualTo(201);

            expect(raw, raw.send(post("application/json"), "{\"apiVersion\":\"v1\",\"kind\":"), 400, "BadRequest");
            expect(raw, raw.send("GET " + configMaps() + "/missing HTTP/1.1\r\nHost: 127.0.0.1", null), 404,
                    "NotFound");
            expect(raw, raw.send(post("application/json"), configMap("Not_A_Name")), 422, "Invalid");
            expect(raw, raw.send(post("application/json"), configMap("first")), 409, "AlreadyExists");
            expect(raw, raw.send(post("text/plain"), configMap("plain")), 415, "UnsupportedMediaType");

            assertThat(raw.closedByServer()).isFalse();
        }
    }

    /** The error is kube's, and a valid request sent next on the same connection is answered. */
    private void expect(RawHttp raw, RawHttp.Response error, int code, String reason) throws Exception {
        assertThat(error.code()).as(error.toString()).isEqualTo(code);
        assertThat(JSON.readTree(error.body()).path("reason").asString()).isEqualTo(reason);
        assertThat(error.header("Connection")).as(error.toString()).isNull();
        RawHttp.Response next = raw.send("GET " + configMaps() + "/first HTTP/1.1\r\nHost: 127.0.0.1", null);
        assertThat(next.code()).as("after %d: %s", code, next).isEqualTo(200);
        assertThat(JSON.readTree(next.body()).path("metadata").path("name").asString()).isEqualTo("first");
    }
}

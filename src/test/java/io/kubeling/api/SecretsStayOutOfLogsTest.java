package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.RawHttp;

/** Secret values reach no log line, whether a request succeeds or fails. */
@KubelingTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfLogsTest {

    @LocalServerPort
    int port;

    @Test
    void noSecretValueIsLogged(CapturedOutput output) {
        HttpApi api = new HttpApi(port);
        String value = "pw-" + UUID.randomUUID();
        String encoded = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        String secrets = "/api/v1/namespaces/default/secrets";
        assertThat(api.post(secrets, "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"log-"
                + UUID.randomUUID().toString().substring(0, 8) + "\"},\"stringData\":{\"password\":\"" + value + "\"}}")
                .code()).isEqualTo(201);
        // Failing requests carrying the value: malformed, strict-unknown, invalid, bad base64.
        assertThat(api.post(secrets, "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"x\"},"
                + "\"stringData\":{\"password\":\"" + value + "\"").code()).isEqualTo(400);
        assertThat(api.post(secrets + "?fieldValidation=Strict", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\","
                + "\"metadata\":{\"name\":\"x\"},\"" + value + "\":1}").code()).isEqualTo(400);
        assertThat(api.post(secrets, "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"Bad_Name\"},"
                + "\"stringData\":{\"password\":\"" + value + "\"}}").code()).isEqualTo(422);
        assertThat(api.post(secrets, "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"y\"},"
                + "\"data\":{\"password\":\"" + value + "!\"}}").code()).isEqualTo(400);
        assertThat(output.getAll()).doesNotContain(value).doesNotContain(encoded);
    }

    @Test
    void aFormEncodedSecretIsRefusedUnreadAndUnlogged(CapturedOutput output) throws Exception {
        HttpApi api = new HttpApi(port);
        String value = "pw%zz-" + UUID.randomUUID();
        String name = "form-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"" + name
                + "\"},\"stringData\":{\"password\":\"" + value + "\"}}";
        // curl -d sends this media type unless told otherwise
        HttpApi.Reply reply = api.send("POST", "/api/v1/namespaces/default/secrets", body,
                "application/x-www-form-urlencoded", "application/json");
        assertThat(reply.code()).isEqualTo(415);
        assertThat(reply.text()).doesNotContain(value);
        assertThat(api.get("/api/v1/namespaces/default/secrets/" + name).code()).isEqualTo(404);
        HttpApi.Reply elsewhere = api.send("POST", "/not-served?pretty=true", body, "application/x-www-form-urlencoded",
                "application/json");
        assertThat(elsewhere.code()).isEqualTo(404);
        assertThat(elsewhere.json().path("reason").asString()).isEqualTo("NotFound");
        try (RawHttp raw = new RawHttp(port)) {
            String created = body.replace(value, "x");
            RawHttp.Response response = raw.send("POST /api/v1/namespaces/default/secrets?" + value
                    + "=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json", created);
            assertThat(response.code()).isEqualTo(201);
        }
        assertThat(api.get("/api/v1/namespaces/default/secrets/" + name).code()).isEqualTo(200);
        assertThat(output.getAll()).doesNotContain(value).doesNotContain(value.substring(6));
    }

    @Test
    void noCredentialIsLoggedWhetherItHoldsOrNot(CapturedOutput output) {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("creds-");
        HttpApi.Reply issued = api.post("/api/v1/namespaces/" + ns + "/serviceaccounts/default/token",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":{}}");
        assertThat(issued.code()).isEqualTo(201);
        String token = issued.json().path("status").path("token").asString();
        String pods = "/api/v1/namespaces/" + ns + "/pods";
        // the token's user may not list pods, nor impersonate
        assertThat(api.bearer(token).get(pods).code()).isEqualTo(403);
        assertThat(api.as("admin", "system:masters").bearer(token).get(pods).code()).isEqualTo(403);
        String forged = "forged-" + UUID.randomUUID();
        String[] header = token.split("\\.");
        String wronglySigned = header[0] + "." + header[1] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("sig-" + forged).getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of(forged, wronglySigned, forged + "." + forged + "." + forged)) {
            assertThat(api.bearer(bad).get(pods).code()).as(bad).isEqualTo(401);
        }
        assertThat(output.getAll()).doesNotContain(token).doesNotContain(header[2]).doesNotContain(forged)
                .doesNotContain(wronglySigned.substring(wronglySigned.lastIndexOf('.') + 1));
    }
}

package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;

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
}

package io.kubeling.resources.configmaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.json.JsonMapper;

/** ConfigMap rules through the API: both maps, their keys, the size limit and immutability, with kube's Status bodies. */
@KubelingTest
class ConfigMapRulesHttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    HttpApi api;
    String configMaps;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        configMaps = "/api/v1/namespaces/" + api.newNamespace("cm-") + "/configmaps";
    }

    private static void assertInvalid(Reply reply, String name, String message, String causes) {
        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json()).isEqualTo(JSON.readTree("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":" + JSON.writeValueAsString(message) + ",\"reason\":\"Invalid\","
                + "\"details\":{\"name\":\"" + name + "\",\"kind\":\"ConfigMap\",\"causes\":" + causes + "},\"code\":422}"));
    }

    @Test
    void dataAndBinaryDataAreKeptAndAKeyMayBeInOnlyOne() {
        String bytes = Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 255});
        Reply created = api.post(configMaps, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},"
                + "\"data\":{\"mode\":\"dev\"},\"binaryData\":{\"blob\":\"" + bytes + "\"}}");
        assertThat(created.code()).isEqualTo(201);
        assertThat(api.get(configMaps + "/c").json().at("/binaryData/blob").asString()).isEqualTo(bytes);
        Reply both = api.post(configMaps, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"d\"},"
                + "\"data\":{\"a\":\"x\"},\"binaryData\":{\"a\":\"" + bytes + "\"}}");
        assertInvalid(both, "d", "ConfigMap \"d\" is invalid: data[a]: Invalid value: \"a\": duplicate of key present in binaryData",
                "[{\"reason\":\"FieldValueInvalid\",\"message\":\"Invalid value: \\\"a\\\": duplicate of key present in binaryData\","
                        + "\"field\":\"data[a]\"}]");
    }

    @Test
    void anImmutableConfigMapKeepsItsData() {
        assertThat(api.post(configMaps, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"i\"},"
                + "\"data\":{\"a\":\"x\"},\"immutable\":true}").code()).isEqualTo(201);
        Reply changed = api.patch(configMaps + "/i", "application/merge-patch+json", "{\"data\":{\"a\":\"y\"}}");
        assertInvalid(changed, "i", "ConfigMap \"i\" is invalid: data: Forbidden: field is immutable when `immutable` is set",
                "[{\"reason\":\"FieldValueForbidden\",\"message\":\"Forbidden: field is immutable when `immutable` is set\","
                        + "\"field\":\"data\"}]");
        assertThat(api.patch(configMaps + "/i", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"l\":\"v\"}}}").code()).isEqualTo(200);
    }

    @Test
    void theTotalIsAtMostOneMebibyte() {
        Reply big = api.post(configMaps, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},"
                + "\"data\":{\"a\":\"" + "x".repeat(1024 * 1024 + 1) + "\"}}");
        assertInvalid(big, "big", "ConfigMap \"big\" is invalid: []: Too long: may not be more than 1048576 bytes",
                "[{\"reason\":\"FieldValueTooLong\",\"message\":\"Too long: may not be more than 1048576 bytes\",\"field\":\"[]\"}]");
    }
}

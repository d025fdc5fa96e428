package io.kubeling.resources.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.json.JsonMapper;

/** Each secret type's rules and the rules every secret keeps, with the Status bodies kube-apiserver sends. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class SecretRulesHttpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    HttpApi api;
    String secrets;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        secrets = "/api/v1/namespaces/" + api.newNamespace("sec-") + "/secrets";
    }

    private static String secret(String name, String type, String data) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"" + name + "\"},"
                + (type == null ? "" : "\"type\":\"" + type + "\",") + "\"data\":{" + data + "}}";
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes());
    }

    private static void assertInvalid(Reply reply, String name, String message, String causes) {
        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json()).isEqualTo(JSON.readTree("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":" + JSON.writeValueAsString(message) + ",\"reason\":\"Invalid\","
                + "\"details\":{\"name\":\"" + name + "\",\"kind\":\"Secret\",\"causes\":" + causes + "},\"code\":422}"));
    }

    @Test
    void dockerConfigJsonNeedsItsKey() {
        Reply reply = api.post(secrets, secret("d", "kubernetes.io/dockerconfigjson", "\"other\":\"" + b64("{}") + "\""));
        assertInvalid(reply, "d", "Secret \"d\" is invalid: data[.dockerconfigjson]: Required value",
                "[{\"reason\":\"FieldValueRequired\",\"message\":\"Required value\",\"field\":\"data[.dockerconfigjson]\"}]");
        Reply notJson = api.post(secrets, secret("d", "kubernetes.io/dockerconfigjson",
                "\".dockerconfigjson\":\"" + b64("{nope") + "\""));
        assertThat(notJson.code()).isEqualTo(422);
        assertThat(notJson.json().at("/message").asString())
                .startsWith("Secret \"d\" is invalid: data[.dockerconfigjson]: Invalid value: \"<secret contents redacted>\": ");
        assertThat(api.post(secrets, secret("d", "kubernetes.io/dockerconfigjson",
                "\".dockerconfigjson\":\"" + b64("{\"auths\":{}}") + "\"")).code()).isEqualTo(201);
    }

    @Test
    void dockercfgNeedsItsKey() {
        Reply reply = api.post(secrets, secret("c", "kubernetes.io/dockercfg", ""));
        assertInvalid(reply, "c", "Secret \"c\" is invalid: data[.dockercfg]: Required value",
                "[{\"reason\":\"FieldValueRequired\",\"message\":\"Required value\",\"field\":\"data[.dockercfg]\"}]");
    }

    @Test
    void tlsNeedsCertificateAndKey() {
        Reply reply = api.post(secrets, secret("t", "kubernetes.io/tls", ""));
        assertInvalid(reply, "t", "Secret \"t\" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]",
                "[{\"reason\":\"FieldValueRequired\",\"message\":\"Required value\",\"field\":\"data[tls.crt]\"},"
                        + "{\"reason\":\"FieldValueRequired\",\"message\":\"Required value\",\"field\":\"data[tls.key]\"}]");
    }

    @Test
    void basicAuthSshAuthAndServiceAccountTokens() {
        assertInvalid(api.post(secrets, secret("b", "kubernetes.io/basic-auth", "")), "b",
                "Secret \"b\" is invalid: [data[username]: Required value, data[password]: Required value]",
                "[{\"reason\":\"FieldValueRequired\",\"message\":\"Required value\",\"field\":\"data[username]\"},"
                        + "{\"reason\":\"FieldValueRequired\",\"message\":\"Required value\",\"field\":\"data[password]\"}]");
        assertThat(api.post(secrets, secret("b", "kubernetes.io/basic-auth", "\"password\":\"\"")).code()).isEqualTo(201);
        assertInvalid(api.post(secrets, secret("s", "kubernetes.io/ssh-auth", "\"ssh-privatekey\":\"\"")), "s",
                "Secret \"s\" is invalid: data[ssh-privatekey]: Required value",
                "[{\"reason\":\"FieldValueRequired\",\"message\":\"Required value\",\"field\":\"data[ssh-privatekey]\"}]");
        assertInvalid(api.post(secrets, secret("k", "kubernetes.io/service-account-token", "")), "k",
                "Secret \"k\" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value",
                "[{\"reason\":\"FieldValueRequired\",\"message\":\"Required value\","
                        + "\"field\":\"metadata.annotations[kubernetes.io/service-account.name]\"}]");
        assertThat(api.post(secrets, secret("bt", "bootstrap.kubernetes.io/token",
                "\"token-id\":\"" + b64("abcdef") + "\"")).code()).isEqualTo(201);
    }

    @Test
    void keysMustBeConfigKeysAndTheTotalAtMostOneMebibyte() {
        Reply badKey = api.post(secrets, secret("k", null, "\"a b\":\"" + b64("x") + "\""));
        assertThat(badKey.code()).isEqualTo(422);
        assertThat(badKey.json().at("/message").asString()).isEqualTo("Secret \"k\" is invalid: data[a b]: Invalid value: "
                + "\"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  "
                + "or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
        String big = Base64.getEncoder().encodeToString(new byte[1024 * 1024 + 1]);
        assertInvalid(api.post(secrets, secret("big", null, "\"a\":\"" + big + "\"")), "big",
                "Secret \"big\" is invalid: data: Too long: may not be more than 1048576 bytes",
                "[{\"reason\":\"FieldValueTooLong\",\"message\":\"Too long: may not be more than 1048576 bytes\",\"field\":\"data\"}]");
    }

    @Test
    void stringDataIsMergedAndNeverReturned() {
        Reply created = api.post(secrets, "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"},"
                + "\"data\":{\"a\":\"" + b64("old") + "\"},\"stringData\":{\"a\":\"new\",\"b\":\"two\"}}");
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.json().at("/stringData").isMissingNode()).isTrue();
        assertThat(created.json().at("/data/a").asString()).isEqualTo(b64("new"));
        assertThat(created.json().at("/data/b").asString()).isEqualTo(b64("two"));
        assertThat(api.get(secrets + "/s").text()).doesNotContain("stringData");
    }

    @Test
    void theTypeAndAnImmutableSecretDoNotChange() {
        assertThat(api.post(secrets, secret("s", null, "\"a\":\"" + b64("x") + "\"")).code()).isEqualTo(201);
        Reply type = api.patch(secrets + "/s", "application/merge-patch+json", "{\"type\":\"example.com/custom\"}");
        assertInvalid(type, "s", "Secret \"s\" is invalid: type: Invalid value: \"example.com/custom\": field is immutable",
                "[{\"reason\":\"FieldValueInvalid\",\"message\":\"Invalid value: \\\"example.com/custom\\\": field is immutable\","
                        + "\"field\":\"type\"}]");
        assertThat(api.patch(secrets + "/s", "application/merge-patch+json", "{\"immutable\":true}").code()).isEqualTo(200);
        Reply data = api.patch(secrets + "/s", "application/merge-patch+json", "{\"data\":{\"a\":\"" + b64("y") + "\"}}");
        assertInvalid(data, "s", "Secret \"s\" is invalid: data: Forbidden: field is immutable when `immutable` is set",
                "[{\"reason\":\"FieldValueForbidden\",\"message\":\"Forbidden: field is immutable when `immutable` is set\","
                        + "\"field\":\"data\"}]");
        Reply flag = api.patch(secrets + "/s", "application/merge-patch+json", "{\"immutable\":false}");
        assertInvalid(flag, "s", "Secret \"s\" is invalid: immutable: Forbidden: field is immutable when `immutable` is set",
                "[{\"reason\":\"FieldValueForbidden\",\"message\":\"Forbidden: field is immutable when `immutable` is set\","
                        + "\"field\":\"immutable\"}]");
        assertThat(api.delete(secrets + "/s").code()).isEqualTo(200);
    }
}

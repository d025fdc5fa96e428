package io.kubeling.resources.serviceaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code serviceaccounts/token} (kube's TokenRequest) answers a request it cannot serve as kube's TokenREST does, in
 * its order and words: the body naming another account, a missing account, a duration out of bounds, an object of a
 * kind no token binds to, a pod of another account, a uid of an object since replaced; and a pod-bound token of
 * 3607 s, as the kubelet asks, reports the hour and seven seconds while its JWT holds a year.
 */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class TokenRequestTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private static String request(String spec) {
        return "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":" + spec + "}";
    }

    @Test
    void aRequestItCannotServeIsAnsweredInKubesWords() {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("tokens-");
        String accounts = "/api/v1/namespaces/" + ns + "/serviceaccounts/";

        Reply renamed = api.post(accounts + "default/token", "{\"metadata\":{\"name\":\"other\"},\"spec\":{}}");
        assertThat(renamed.code()).isEqualTo(422);
        assertThat(renamed.json().path("message").asString()).isEqualTo("TokenRequest.authentication.k8s.io"
                + " \"default\" is invalid: metadata.name: Invalid value: \"other\": must match the service account"
                + " name if specified");
        // the account is looked up before the request is validated
        Reply missing = api.post(accounts + "ghost/token", request("{\"expirationSeconds\":60}"));
        assertThat(missing.code()).isEqualTo(404);
        assertThat(missing.json().path("message").asString()).isEqualTo("serviceaccounts \"ghost\" not found");
        Reply brief = api.post(accounts + "default/token", request("{\"expirationSeconds\":300}"));
        assertThat(brief.code()).isEqualTo(422);
        assertThat(brief.json().path("message").asString()).isEqualTo("TokenRequest.authentication.k8s.io \"\" is"
                + " invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10"
                + " minutes");

        Reply configMap = api.post(accounts + "default/token", request("{\"boundObjectRef\":{\"kind\":\"ConfigMap\","
                + "\"apiVersion\":\"v1\",\"name\":\"x\"}}"));
        assertThat(configMap.code()).isEqualTo(400);
        assertThat(configMap.json().path("message").asString())
                .isEqualTo("cannot bind token to object of type /v1, Kind=ConfigMap");
        Reply appsPod = api.post(accounts + "default/token", request("{\"boundObjectRef\":{\"kind\":\"Pod\","
                + "\"apiVersion\":\"apps/v1\",\"name\":\"x\"}}"));
        assertThat(appsPod.json().path("message").asString())
                .isEqualTo("cannot bind token to object of type apps/v1, Kind=Pod");
        Reply noPod = api.post(accounts + "default/token", request("{\"boundObjectRef\":{\"kind\":\"Pod\","
                + "\"apiVersion\":\"v1\",\"name\":\"nope\"}}"));
        assertThat(noPod.code()).isEqualTo(404);
        assertThat(noPod.json().path("message").asString()).isEqualTo("pods \"nope\" not found");

        assertThat(api.post(accounts, "{\"metadata\":{\"name\":\"robot\"}}").code()).isEqualTo(201);
        assertThat(api.post("/api/v1/namespaces/" + ns + "/pods", "{\"metadata\":{\"name\":\"web\"},\"spec\":"
                + "{\"serviceAccountName\":\"robot\",\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}").code())
                .isEqualTo(201);
        Reply otherAccount = api.post(accounts + "default/token", request("{\"boundObjectRef\":{\"kind\":\"Pod\","
                + "\"apiVersion\":\"v1\",\"name\":\"web\"}}"));
        assertThat(otherAccount.code()).isEqualTo(400);
        assertThat(otherAccount.json().path("message").asString()).isEqualTo("cannot bind token for serviceaccount"
                + " \"default\" to pod running with different serviceaccount name.");
        Reply replaced = api.post(accounts + "robot/token", request("{\"boundObjectRef\":{\"kind\":\"Pod\","
                + "\"apiVersion\":\"v1\",\"name\":\"web\",\"uid\":\"0000\"}}"));
        assertThat(replaced.code()).isEqualTo(409);
        assertThat(replaced.json().path("message").asString()).isEqualTo("Operation cannot be fulfilled on Pod"
                + " \"web\": the UID in the bound object reference (0000) does not match the UID in record. The object"
                + " might have been deleted and then recreated");
    }

    @Test
    void theKubeletsPodBoundTokenHoldsAYearAndReportsTheHourAsked() throws Exception {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("tokens-");
        assertThat(api.post("/api/v1/namespaces/" + ns + "/pods", "{\"metadata\":{\"name\":\"web\"},\"spec\":"
                + "{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}").code()).isEqualTo(201);
        Instant before = Instant.now().minusSeconds(1);
        Reply issued = api.post("/api/v1/namespaces/" + ns + "/serviceaccounts/default/token", request(
                "{\"expirationSeconds\":3607,\"boundObjectRef\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\","
                        + "\"name\":\"web\"}}"));
        assertThat(issued.code()).isEqualTo(201);
        JsonNode status = issued.json().path("status");
        Instant reported = Instant.parse(status.path("expirationTimestamp").asString());
        assertThat(Duration.between(before, reported).toSeconds()).isBetween(3600L, 3620L);
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(status.path("token").asString().split("\\.")[1]));
        long iat = claims.path("iat").asLong();
        assertThat(claims.path("exp").asLong() - iat).isEqualTo(365L * 24 * 3600);
        assertThat(claims.path("kubernetes.io").path("warnafter").asLong() - iat).isEqualTo(3607);
        assertThat(claims.path("kubernetes.io").path("pod").path("name").asString()).isEqualTo("web");

        // for another audience, or bound to no pod, the 3607 s are what they say
        for (String spec : new String[] {"{\"expirationSeconds\":3607,\"audiences\":[\"vault\"],\"boundObjectRef\":"
                + "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"name\":\"web\"}}", "{\"expirationSeconds\":3607}"}) {
            JsonNode token = JSON.readTree(Base64.getUrlDecoder().decode(api.post("/api/v1/namespaces/" + ns
                    + "/serviceaccounts/default/token", request(spec)).json().path("status").path("token").asString()
                    .split("\\.")[1]));
            assertThat(token.path("exp").asLong() - token.path("iat").asLong()).as(spec).isEqualTo(3607);
            assertThat(token.path("kubernetes.io").has("warnafter")).as(spec).isFalse();
        }
    }
}

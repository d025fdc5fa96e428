package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;

/** The shared server logs its audit namespace's requests (src/test/resources/audit-policy.yaml) as kube does. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class AuditLogTest {

    private static final String NAMESPACE = "kubeling-audit-e2e";
    private static final Path LOG = Path.of("target/test-audit.log");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void createGetAndWatchAreLoggedAtTheirStages() throws Exception {
        HttpApi api = namespace();
        String name = "cm-" + UUID.randomUUID().toString().substring(0, 8);
        String base = "/api/v1/namespaces/" + NAMESPACE + "/configmaps";
        HttpApi.Reply created = api.post(base, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":"
                + "{\"name\":\"" + name + "\"},\"data\":{\"colour\":\"teal\"}}");
        assertThat(created.code()).isEqualTo(201);
        HttpApi.Reply got = api.get(base + "/" + name);
        HttpApi.Reply missing = api.get(base + "/" + name + "-missing");
        assertThat(missing.code()).isEqualTo(404);
        HttpResponse<String> watched = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                api.base() + base + "?watch=1&fieldSelector=metadata.name%3D" + name + "&timeoutSeconds=1"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(watched.body()).contains("\"ADDED\"");

        List<JsonNode> create = events(created.header("Audit-Id"), 2);
        assertThat(create).extracting(e -> e.path("stage").asString())
                .containsExactly("RequestReceived", "ResponseComplete");
        JsonNode complete = create.get(1);
        assertThat(complete.path("kind").asString()).isEqualTo("Event");
        assertThat(complete.path("apiVersion").asString()).isEqualTo("audit.k8s.io/v1");
        assertThat(complete.path("level").asString()).isEqualTo("RequestResponse");
        assertThat(complete.path("verb").asString()).isEqualTo("create");
        assertThat(complete.path("requestURI").asString()).isEqualTo(base);
        assertThat(complete.path("user").path("username").asString()).isNotEmpty();
        assertThat(complete.path("sourceIPs").get(0).asString()).isEqualTo("127.0.0.1");
        assertThat(complete.path("userAgent").asString()).isNotEmpty();
        // as kube's LogRequestObject, the object sent names what the URL of a create does not
        assertThat(complete.path("objectRef").toString()).isEqualTo("{\"resource\":\"configmaps\",\"namespace\":\""
                + NAMESPACE + "\",\"name\":\"" + name + "\",\"apiVersion\":\"v1\"}");
        assertThat(create.get(0).path("objectRef").has("name")).isFalse();
        assertThat(complete.path("responseStatus").path("code").asInt()).isEqualTo(201);
        assertThat(complete.path("requestObject").path("data").path("colour").asString()).isEqualTo("teal");
        assertThat(complete.path("responseObject").path("metadata").path("uid").asString()).isNotEmpty();
        assertThat(complete.path("annotations").path("authorization.k8s.io/decision").asString())
                .isEqualTo("allow");
        assertThat(complete.path("stageTimestamp").asString()).matches("\\d{4}-\\d\\d-\\d\\dT[\\d:]{8}\\.\\d{6}Z");

        JsonNode get = events(got.header("Audit-Id"), 2).get(1);
        assertThat(get.path("verb").asString()).isEqualTo("get");
        assertThat(get.path("objectRef").path("name").asString()).isEqualTo(name);
        assertThat(get.path("responseObject").path("data").path("colour").asString()).isEqualTo("teal");
        assertThat(get.has("requestObject")).isFalse();

        JsonNode notFound = events(missing.header("Audit-Id"), 2).get(1).path("responseStatus");
        assertThat(notFound.path("code").asInt()).isEqualTo(404);
        assertThat(notFound.path("reason").asString()).isEqualTo("NotFound");
        assertThat(notFound.path("status").asString()).isEqualTo("Failure");

        List<JsonNode> watch = events(watched.headers().firstValue("Audit-Id").orElseThrow(), 3);
        assertThat(watch).extracting(e -> e.path("stage").asString())
                .containsExactly("RequestReceived", "ResponseStarted", "ResponseComplete");
        assertThat(watch.get(2).path("verb").asString()).isEqualTo("watch");
        assertThat(watch.get(1).path("responseStatus").path("code").asInt()).isEqualTo(200);
    }

    @Test
    void aSecretsDataIsNeverLogged() throws Exception {
        HttpApi api = namespace();
        String value = "audit-pw-" + UUID.randomUUID();
        String encoded = Base64.getEncoder().encodeToString(value.getBytes());
        String name = "s-" + UUID.randomUUID().toString().substring(0, 8);
        String base = "/api/v1/namespaces/" + NAMESPACE + "/secrets";
        HttpApi.Reply created = api.post(base, "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":"
                + "{\"name\":\"" + name + "\"},\"data\":{\"password\":\"" + encoded + "\"},"
                + "\"stringData\":{\"plain\":\"" + value + "\"}}");
        assertThat(created.code()).isEqualTo(201);
        HttpApi.Reply got = api.get(base + "/" + name);
        assertThat(got.text()).contains(encoded);
        HttpApi.Reply listed = api.get(base);
        for (HttpApi.Reply reply : List.of(created, got, listed)) {
            List<JsonNode> events = events(reply.header("Audit-Id"), 2);
            JsonNode complete = events.get(1);
            assertThat(complete.path("level").asString()).isEqualTo("Metadata");
            assertThat(complete.path("objectRef").path("resource").asString()).isEqualTo("secrets");
            assertThat(complete.has("requestObject")).isFalse();
            assertThat(complete.has("responseObject")).isFalse();
        }
        assertThat(Files.readString(LOG)).doesNotContain(value).doesNotContain(encoded);
    }

    @Test
    void aTokenIssuedOrPresentedIsNeverLogged() throws Exception {
        HttpApi api = namespace();
        api.awaitDefaultServiceAccount(NAMESPACE);
        HttpApi.Reply issued = api.post("/api/v1/namespaces/" + NAMESPACE + "/serviceaccounts/default/token",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":{}}");
        assertThat(issued.code()).isEqualTo(201);
        String token = issued.json().path("status").path("token").asString();
        String configMaps = "/api/v1/namespaces/" + NAMESPACE + "/configmaps";
        HttpApi.Reply used = api.bearer(token).get(configMaps);
        assertThat(used.code()).isEqualTo(403);
        String forged = "forged-" + UUID.randomUUID();
        HttpApi.Reply refused = api.bearer(forged).get(configMaps);
        assertThat(refused.code()).isEqualTo(401);

        // the TokenRequest at Metadata whatever the policy says, its user named, its token nowhere
        JsonNode request = events(issued.header("Audit-Id"), 2).get(1);
        assertThat(request.path("level").asString()).isEqualTo("Metadata");
        assertThat(request.path("objectRef").path("subresource").asString()).isEqualTo("token");
        assertThat(request.has("requestObject")).isFalse();
        assertThat(request.has("responseObject")).isFalse();
        assertThat(events(used.header("Audit-Id"), 2).get(1).path("user").path("username").asString())
                .isEqualTo("system:serviceaccount:" + NAMESPACE + ":default");
        assertThat(events(refused.header("Audit-Id"), 1).get(0).path("responseStatus").path("code").asInt())
                .isEqualTo(401);
        String log = Files.readString(LOG);
        assertThat(log).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1))
                .doesNotContain(forged);
    }

    @Test
    void anImpersonatedRequestTheAuthorizerForbidsIsLoggedWithBothUsers() {
        HttpApi api = namespace();
        HttpApi.Reply forbidden = api.as("audit-nobody", "audit-group")
                .get("/api/v1/namespaces/" + NAMESPACE + "/configmaps");
        assertThat(forbidden.code()).isEqualTo(403);
        JsonNode complete = events(forbidden.header("Audit-Id"), 2).get(1);
        assertThat(complete.path("impersonatedUser").path("username").asString()).isEqualTo("audit-nobody");
        assertThat(complete.path("impersonatedUser").path("groups").toString()).contains("audit-group");
        assertThat(complete.path("user").path("username").asString()).isNotEqualTo("audit-nobody");
        assertThat(complete.path("annotations").path("authorization.k8s.io/decision").asString())
                .isEqualTo("forbid");
        assertThat(complete.path("responseStatus").path("code").asInt()).isEqualTo(403);
        assertThat(complete.path("responseStatus").path("reason").asString()).isEqualTo("Forbidden");
    }

    @Test
    void theComponentsWritesAreLoggedUnderTheirOwnUsers() {
        HttpApi api = namespace();
        String name = "pod-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/v1/namespaces/" + NAMESPACE + "/pods", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
                + "\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[{\"name\":\"c\","
                + "\"image\":\"nginx\"}]}}").code()).isEqualTo(201);
        JsonNode binding = component(name, "binding", "system:kube-scheduler");
        assertThat(binding.path("verb").asString()).isEqualTo("create");
        assertThat(binding.path("requestURI").asString())
                .isEqualTo("/api/v1/namespaces/" + NAMESPACE + "/pods/" + name + "/binding");
        assertThat(binding.path("userAgent").asString()).startsWith("kube-scheduler/v").endsWith("/scheduler");
        assertThat(binding.path("responseStatus").path("code").asInt()).isEqualTo(201);
        JsonNode status = component(name, "status", "system:node:");
        assertThat(status.path("userAgent").asString()).startsWith("kubelet/v");
        assertThat(status.path("user").path("groups").toString()).contains("system:nodes");
        assertThat(status.path("responseStatus").path("code").asInt()).isEqualTo(200);
        assertThat(status.path("responseObject").path("status").path("phase").asString()).isNotEmpty();
    }

    /** The completed event of a component's write to the pod's subresource, by a user whose name starts so. */
    private static JsonNode component(String pod, String subresource, String user) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> completed(pod, subresource, user), events -> !events.isEmpty()).get(0);
    }

    private static List<JsonNode> completed(String pod, String subresource, String user) throws IOException {
        if (!Files.exists(LOG)) {
            return List.of();
        }
        return Files.readAllLines(LOG).stream().filter(line -> line.contains(pod))
                .map(line -> (JsonNode) JSON.readTree(line))
                .filter(e -> e.path("stage").asString().equals("ResponseComplete")
                        && e.path("objectRef").path("name").asString().equals(pod)
                        && e.path("objectRef").path("subresource").asString().equals(subresource)
                        && e.path("user").path("username").asString().startsWith(user))
                .toList();
    }

    @Test
    void everyResponseCarriesAnAuditIdAndAClientsOwnIsKept() throws Exception {
        HttpApi api = new HttpApi(port);
        assertThat(api.get("/version").header("Audit-Id")).matches("[0-9a-f-]{36}");
        HttpResponse<String> own = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                api.base() + "/version")).header("Audit-ID", "my-audit-id").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(own.headers().firstValue("Audit-Id")).contains("my-audit-id");
    }

    private HttpApi namespace() {
        HttpApi api = new HttpApi(port);
        HttpApi.Reply reply = api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\","
                + "\"metadata\":{\"name\":\"" + NAMESPACE + "\"}}");
        assertThat(reply.code()).isIn(201, 409);
        return api;
    }

    /** The request's events in the log, once {@code count} of them are written. */
    private static List<JsonNode> events(String auditId, int count) {
        assertThat(auditId).isNotEmpty();
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> read(auditId), events -> events.size() >= count);
    }

    private static List<JsonNode> read(String auditId) throws IOException {
        if (!Files.exists(LOG)) {
            return List.of();
        }
        return Files.readAllLines(LOG).stream().filter(line -> line.contains(auditId))
                .map(line -> (JsonNode) JSON.readTree(line)).filter(e -> auditId.equals(e.path("auditID").asString()))
                .toList();
    }
}

package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI document springdoc serves must equal the one checked in under openapi/.
 * After a deliberate change, regenerate it with {@code -Dkubeling.openapi.write=true}.
 */
@KubelingTest
class OpenApiDocumentTest {

    private static final Path CHECKED_IN = Path.of("openapi", "kubeling-openapi.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void servedDocumentMatchesTheCheckedInOne() throws Exception {
        HttpApi.Reply reply = new HttpApi(port).get("/v3/api-docs");
        assertThat(reply.code()).isEqualTo(200);
        ObjectNode served = (ObjectNode) reply.json();
        // The server list names the random test port; it is not part of the contract.
        served.remove("servers");
        String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n";
        if (Boolean.getBoolean("kubeling.openapi.write")) {
            Files.writeString(CHECKED_IN, pretty, StandardCharsets.UTF_8);
        }
        assertThat(Files.exists(CHECKED_IN)).as("missing " + CHECKED_IN).isTrue();
        JsonNode checkedIn = JSON.readTree(Files.readString(CHECKED_IN, StandardCharsets.UTF_8));
        assertThat(served).as("the served OpenAPI document drifted from " + CHECKED_IN
                + "; regenerate it with ./mvnw test -Dtest=OpenApiDocumentTest -Dkubeling.openapi.write=true")
                .isEqualTo(checkedIn);
        assertThat(served.at("/paths").has("/api/v1/namespaces/{namespace}/pods/{name}")).isTrue();
    }

    @Test
    void resourcesOnlyCreatedOrComputedHaveTheirPathsWithTheVerbsTheyServe() throws Exception {
        JsonNode paths = new HttpApi(port).get("/v3/api-docs").json().path("paths");
        for (String created : java.util.List.of("/api/v1/namespaces/{namespace}/bindings",
                "/apis/authentication.k8s.io/v1/tokenreviews", "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                "/apis/authorization.k8s.io/v1/subjectaccessreviews",
                "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
                "/apis/authorization.k8s.io/v1/namespaces/{namespace}/localsubjectaccessreviews")) {
            assertThat(paths.path(created).has("post")).as(created).isTrue();
            assertThat(paths.path(created).has("get")).as(created).isFalse();
            assertThat(paths.has(created + "/{name}")).as(created).isFalse();
        }
        assertThat(paths.at("/~1apis~1authorization.k8s.io~1v1~1subjectaccessreviews/post/operationId").asText())
                .isEqualTo("createSubjectAccessReview");
        assertThat(paths.at("/~1apis~1metrics.k8s.io~1v1beta1~1namespaces~1{namespace}~1pods~1{name}/get/operationId")
                .asText()).isEqualTo("readPodMetrics");
        assertThat(paths.path("/apis/metrics.k8s.io/v1beta1/nodes").has("post")).isFalse();
    }
}

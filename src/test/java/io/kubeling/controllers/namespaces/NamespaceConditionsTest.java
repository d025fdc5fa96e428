package io.kubeling.controllers.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.ReadyPods;
import tools.jackson.databind.JsonNode;

@KubelingTest
class NamespaceConditionsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Test
    void terminatingNamespaceReportsWhatRemains() {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("nsc-");
        for (String name : new String[] {"a", "b"}) {
            assertThat(api.post("/api/v1/namespaces/" + ns + "/configmaps", """
                    {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s","finalizers":["example.com/hold"]}}
                    """.formatted(name)).code()).isEqualTo(201);
        }
        api.post("/api/v1/namespaces/" + ns + "/secrets", """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"}}""");
        assertThat(api.delete("/api/v1/namespaces/" + ns).code()).isEqualTo(200);
        assertThat(ReadyPods.await(WAIT, () -> conditions(api, ns).containsKey("NamespaceFinalizersRemaining"))).isTrue();
        Map<String, JsonNode> conditions = conditions(api, ns);
        assertThat(conditions.get("NamespaceContentRemaining").get("status").asString()).isEqualTo("True");
        assertThat(conditions.get("NamespaceContentRemaining").get("reason").asString()).isEqualTo("SomeResourcesRemain");
        assertThat(conditions.get("NamespaceContentRemaining").get("message").asString())
                .isEqualTo("Some resources are remaining: configmaps. has 2 resource instances");
        assertThat(conditions.get("NamespaceFinalizersRemaining").get("message").asString())
                .isEqualTo("Some content in the namespace has finalizers remaining: example.com/hold in 2 resource instances");
        assertThat(conditions.get("NamespaceDeletionDiscoveryFailure").get("status").asString()).isEqualTo("False");
        assertThat(conditions.get("NamespaceDeletionDiscoveryFailure").get("reason").asString())
                .isEqualTo("ResourcesDiscovered");
        assertThat(conditions.get("NamespaceDeletionGroupVersionParsingFailure").get("reason").asString())
                .isEqualTo("ParsedGroupVersions");
        assertThat(conditions.get("NamespaceDeletionContentFailure").get("message").asString())
                .isEqualTo("All content successfully deleted, may be waiting on finalization");
        assertThat(api.get("/api/v1/namespaces/" + ns + "/secrets/s").code()).isEqualTo(404);

        for (String name : new String[] {"a", "b"}) {
            api.patch("/api/v1/namespaces/" + ns + "/configmaps/" + name, "application/merge-patch+json",
                    "{\"metadata\":{\"finalizers\":null}}");
        }
        assertThat(ReadyPods.await(WAIT, () -> api.get("/api/v1/namespaces/" + ns).code() == 404)).isTrue();
    }

    private static Map<String, JsonNode> conditions(HttpApi api, String ns) {
        Map<String, JsonNode> out = new HashMap<>();
        api.get("/api/v1/namespaces/" + ns).json().at("/status/conditions")
                .forEach(c -> out.put(c.get("type").asString(), c));
        return out;
    }
}

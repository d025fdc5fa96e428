package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

/** Discovery, version and health, as kubectl reads them. */
@KubelingTest
class DiscoveryTest {

    private static final String AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
            + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    @LocalServerPort
    int port;

    @Test
    void legacyDiscoveryListsWhatIsServed() {
        HttpApi api = new HttpApi(port);
        Reply versions = api.get("/api");
        assertThat(versions.json().get("kind").asString()).isEqualTo("APIVersions");
        assertThat(versions.json().at("/versions/0").asString()).isEqualTo("v1");

        JsonNode resources = api.get("/api/v1").json();
        assertThat(resources.get("kind").asString()).isEqualTo("APIResourceList");
        assertThat(resources.get("groupVersion").asString()).isEqualTo("v1");
        List<String> names = new ArrayList<>();
        resources.get("resources").forEach(r -> names.add(r.get("name").asString()));
        assertThat(names).contains("pods", "pods/status", "services", "services/status", "namespaces",
                "namespaces/status", "namespaces/finalize", "secrets", "configmaps", "events");
        JsonNode pods = find(resources.get("resources"), "pods");
        assertThat(pods.get("singularName").asString()).isEqualTo("pod");
        assertThat(pods.get("namespaced").asBoolean()).isTrue();
        assertThat(pods.get("kind").asString()).isEqualTo("Pod");
        assertThat(pods.get("shortNames").toString()).isEqualTo("[\"po\"]");
        assertThat(pods.get("categories").toString()).isEqualTo("[\"all\"]");
        assertThat(pods.get("verbs").toString()).isEqualTo(
                "[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]");
        assertThat(find(resources.get("resources"), "pods/status").get("verbs").toString())
                .isEqualTo("[\"get\",\"patch\",\"update\"]");
        assertThat(find(resources.get("resources"), "namespaces").get("namespaced").asBoolean()).isFalse();

        Reply groups = api.get("/apis");
        assertThat(groups.json().get("kind").asString()).isEqualTo("APIGroupList");
        assertThat(api.get("/apis/nothing.example.com/v1").code()).isEqualTo(404);
    }

    @Test
    void aggregatedDiscoveryAnswersWithTheVersionAndContentTypeAskedFor() {
        HttpApi api = new HttpApi(port);
        Reply core = api.get("/api", AGGREGATED);
        assertThat(core.code()).isEqualTo(200);
        assertThat(core.contentType()).isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        JsonNode list = core.json();
        assertThat(list.get("kind").asString()).isEqualTo("APIGroupDiscoveryList");
        assertThat(list.get("apiVersion").asString()).isEqualTo("apidiscovery.k8s.io/v2");
        JsonNode v1 = list.at("/items/0/versions/0");
        assertThat(v1.get("version").asString()).isEqualTo("v1");
        JsonNode pods = null;
        for (JsonNode r : v1.get("resources")) {
            if (r.get("resource").asString().equals("pods")) {
                pods = r;
            }
        }
        assertThat(pods).isNotNull();
        assertThat(pods.get("scope").asString()).isEqualTo("Namespaced");
        assertThat(pods.at("/responseKind/kind").asString()).isEqualTo("Pod");
        assertThat(pods.get("subresources").findValuesAsString("subresource"))
                .containsExactly("binding", "eviction", "status");

        Reply beta = api.get("/apis", "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList");
        assertThat(beta.contentType())
                .isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList");
        assertThat(beta.json().get("apiVersion").asString()).isEqualTo("apidiscovery.k8s.io/v2beta1");
    }

    @Test
    void versionAndHealthAnswerAsKubeDoes() {
        HttpApi api = new HttpApi(port);
        JsonNode version = api.get("/version").json();
        assertThat(version.get("major").asString()).isEqualTo("1");
        assertThat(version.get("minor").asString()).isEqualTo("32");
        assertThat(version.get("gitVersion").asString()).isEqualTo("v1.32.4");
        assertThat(version.get("platform").asString()).isEqualTo("linux/amd64");
        for (String path : new String[] {"/healthz", "/livez", "/readyz"}) {
            Reply health = api.get(path, "*/*");
            assertThat(health.code()).isEqualTo(200);
            assertThat(health.text()).isEqualTo("ok");
        }
        Reply verbose = api.get("/readyz?verbose", "*/*");
        assertThat(verbose.text()).startsWith("[+]ping ok\n").endsWith("readyz check passed\n");
    }

    private static JsonNode find(JsonNode resources, String name) {
        for (JsonNode r : resources) {
            if (r.get("name").asString().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no resource " + name);
    }
}

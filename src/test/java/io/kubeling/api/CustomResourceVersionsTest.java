package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.CustomResourceDefinitionsLock;
import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A CRD with two served versions (conversion None): one store read under either apiVersion, the deprecated
 * version's Warning header, both versions in discovery by priority, and each version's OpenAPI document.
 */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
@CustomResourceDefinitionsLock
class CustomResourceVersionsTest {

    static final String GROUP = "versions.kubeling.io";
    static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: gadgets.versions.kubeling.io
            spec:
              group: versions.kubeling.io
              scope: Namespaced
              names: {plural: gadgets, singular: gadget, kind: Gadget, shortNames: [gd]}
              versions:
              - name: v1beta1
                served: true
                storage: false
                deprecated: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec: {type: object, properties: {size: {type: integer}}}
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        properties:
                          size: {type: integer, description: How big the gadget is.}
            """;

    @LocalServerPort
    int port;

    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() throws InterruptedException {
        api = new HttpApi(port);
        ns = api.newNamespace("versions");
        String json = JsonMapper.builder().build().writeValueAsString(YAMLMapper.builder().build().readTree(CRD));
        Reply created = api.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", json);
        assertThat(created.code()).as(created.text()).isIn(201, 409);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (api.get("/apis/" + GROUP + "/v1beta1/gadgets").code() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
    }

    @Test
    void anObjectWrittenUnderOneVersionIsReadUnderTheOtherWithItsApiVersion() {
        Reply created = api.post("/apis/" + GROUP + "/v1beta1/namespaces/" + ns + "/gadgets",
                "{\"apiVersion\":\"" + GROUP + "/v1beta1\",\"kind\":\"Gadget\",\"metadata\":{\"name\":\"g\"},"
                        + "\"spec\":{\"size\":3}}");
        assertThat(created.code()).as(created.text()).isEqualTo(201);
        assertThat(created.headers("Warning")).containsExactly(
                "299 - \"" + GROUP + "/v1beta1 Gadget is deprecated; use " + GROUP + "/v1 Gadget\"");

        Reply v1 = api.get("/apis/" + GROUP + "/v1/namespaces/" + ns + "/gadgets/g");
        assertThat(v1.json().get("apiVersion").asString()).isEqualTo(GROUP + "/v1");
        assertThat(v1.json().at("/spec/size").asInt()).isEqualTo(3);
        assertThat(v1.headers("Warning")).isEmpty();
        Reply beta = api.get("/apis/" + GROUP + "/v1beta1/namespaces/" + ns + "/gadgets/g");
        assertThat(beta.json().get("apiVersion").asString()).isEqualTo(GROUP + "/v1beta1");
        assertThat(beta.json().at("/metadata/resourceVersion")).isEqualTo(v1.json().at("/metadata/resourceVersion"));
    }

    @Test
    void discoveryListsBothVersionsThePreferredFirst() {
        JsonNode group = api.get("/apis/" + GROUP).json();
        assertThat(group.at("/preferredVersion/version").asString()).isEqualTo("v1");
        assertThat(group.at("/versions/0/version").asString()).isEqualTo("v1");
        assertThat(group.at("/versions/1/version").asString()).isEqualTo("v1beta1");
        JsonNode resources = api.get("/apis/" + GROUP + "/v1").json().get("resources");
        assertThat(resources.get(0).get("name").asString()).isEqualTo("gadgets");
        assertThat(resources.get(0).get("shortNames").get(0).asString()).isEqualTo("gd");

        JsonNode aggregated = api.get("/apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
                .json();
        JsonNode item = null;
        for (JsonNode candidate : aggregated.get("items")) {
            if (candidate.at("/metadata/name").asString().equals(GROUP)) {
                item = candidate;
            }
        }
        assertThat(item).isNotNull();
        assertThat(item.at("/versions/0/version").asString()).isEqualTo("v1");
        assertThat(item.at("/versions/1/version").asString()).isEqualTo("v1beta1");
        assertThat(item.at("/versions/0/resources/0/resource").asString()).isEqualTo("gadgets");
        assertThat(item.at("/versions/1/resources/0/responseKind/version").asString()).isEqualTo("v1beta1");
    }

    @Test
    void eachVersionHasItsOpenApiDocumentWithTheSchemaOfTheCrd() {
        JsonNode index = api.get("/openapi/v3").json();
        assertThat(index.at("/paths/apis~1" + GROUP + "~1v1/serverRelativeURL").asString())
                .startsWith("/openapi/v3/apis/" + GROUP + "/v1?hash=");
        JsonNode doc = api.get("/openapi/v3/apis/" + GROUP + "/v1").json();
        JsonNode schema = doc.at("/components/schemas/io.kubeling.versions.v1.Gadget");
        assertThat(schema.at("/properties/spec/properties/size/description").asString())
                .isEqualTo("How big the gadget is.");
        assertThat(schema.at("/x-kubernetes-group-version-kind/0/kind").asString()).isEqualTo("Gadget");
        assertThat(doc.at("/paths/~1apis~1" + GROUP + "~1v1~1namespaces~1{namespace}~1gadgets~1{name}/get")
                .isMissingNode()).isFalse();
        JsonNode v2 = api.get("/openapi/v2").json();
        assertThat(v2.at("/definitions/io.kubeling.versions.v1.Gadget/properties/spec/properties/size/type")
                .asString()).isEqualTo("integer");
    }
}

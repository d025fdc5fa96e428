package io.kubeling.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.kubeling.openapi.ModelSchemas.Gvk;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.SubresourceEndpoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Subresources served by endpoints of their own are documented with the kind and verbs they declare. */
class ResourcePathsTest {

    private static final String POD = "/api/v1/namespaces/{namespace}/pods/{name}";

    private static SubresourceEndpoint endpoint(String name, SubresourceEndpoint.KindRef kind, List<String> verbs) {
        return new SubresourceEndpoint() {
            @Override
            public GroupResource resource() {
                return new GroupResource("", "pods");
            }

            @Override
            public String subresource() {
                return name;
            }

            @Override
            public KindRef kind() {
                return kind;
            }

            @Override
            public List<String> verbs() {
                return verbs;
            }
        };
    }

    private static JsonNode paths(List<SubresourceEndpoint> endpoints, ModelSchemas schemas) {
        ResourceDefinition<Pod> pods = new ResourceDefinition<>("", "v1", "pods", "pod", "Pod", true, List.of("po"),
                List.of("all"), Pod.class, PodList.class, null, Map.of(), null);
        ObjectNode paths = JsonNodeFactory.instance.objectNode();
        new ResourcePaths(pods, schemas).addTo(paths, endpoints);
        return paths;
    }

    @Test
    void anEndpointOfAnotherKindTakesAndAnswersThatKind() {
        ModelSchemas schemas = new ModelSchemas(Map.of());
        JsonNode paths = paths(List.of(endpoint("eviction",
                new SubresourceEndpoint.KindRef("policy", "v1", "Eviction"), List.of("create"))), schemas);
        JsonNode post = paths.get(POD + "/eviction").get("post");
        assertThat(post.get("operationId").asText()).isEqualTo("createCoreV1NamespacedPodEviction");
        assertThat(post.get("x-kubernetes-action").asText()).isEqualTo("post");
        assertThat(post.get("x-kubernetes-group-version-kind").toString())
                .isEqualTo("{\"group\":\"policy\",\"kind\":\"Eviction\",\"version\":\"v1\"}");
        assertThat(post.at("/requestBody/content/*~1*/schema/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.api.policy.v1.Eviction");
        assertThat(paths.get(POD + "/eviction").has("get")).isFalse();
        assertThat(schemas.components().has("io.k8s.api.policy.v1.Eviction")).isTrue();
    }

    @Test
    void anEndpointOfTheParentsKindAnswersText() {
        JsonNode paths = paths(List.of(endpoint("log", new SubresourceEndpoint.KindRef("", "v1", "Pod"),
                List.of("get"))), new ModelSchemas(Map.of(Pod.class, List.of(new Gvk("", "v1", "Pod")))));
        JsonNode get = paths.get(POD + "/log").get("get");
        assertThat(get.get("operationId").asText()).isEqualTo("readCoreV1NamespacedPodLog");
        assertThat(get.at("/responses/200/content/text~1plain/schema/type").asText()).isEqualTo("string");
        assertThat(get.get("x-kubernetes-group-version-kind").toString())
                .isEqualTo("{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}");
    }

    @Test
    void everyWriteOfTheResourceTakesFieldValidation() {
        JsonNode paths = paths(List.of(), new ModelSchemas(Map.of()));
        for (String path : List.of("/api/v1/namespaces/{namespace}/pods", POD)) {
            paths.get(path).properties().forEach(op -> {
                if (List.of("post", "put", "patch").contains(op.getKey())) {
                    List<String> names = op.getValue().findValuesAsString("name");
                    assertThat(names).as(path + " " + op.getKey()).contains("fieldValidation", "fieldManager",
                            "dryRun");
                }
            });
        }
    }
}

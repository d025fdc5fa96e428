package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

/** /openapi/v3 as kubectl reads it. */
@KubelingTest
class OpenApiV3Test {

    private static final String SCHEMAS = "/components/schemas/";

    @LocalServerPort
    int port;

    private HttpApi api() {
        return new HttpApi(port);
    }

    private String urlOf(String path) {
        HttpApi.Reply index = api().get("/openapi/v3");
        assertThat(index.code()).isEqualTo(200);
        return index.json().at("/paths").get(path).get("serverRelativeURL").asText();
    }

    private JsonNode coreV1() {
        HttpApi.Reply reply = api().get(urlOf("api/v1"));
        assertThat(reply.code()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void theIndexNamesEachDocumentWithItsHash() {
        HttpApi.Reply index = api().get("/openapi/v3");
        assertThat(index.contentType()).isEqualTo("application/json");
        assertThat(index.header("ETag")).matches("\"[0-9A-F]{128}\"");
        JsonNode paths = index.json().get("paths");
        assertThat(paths.has("api")).isTrue();
        assertThat(paths.has("apis")).isTrue();
        assertThat(paths.has("version")).isTrue();
        assertThat(paths.get("api/v1").get("serverRelativeURL").asText())
                .matches("/openapi/v3/api/v1\\?hash=[0-9A-F]{128}");
    }

    @Test
    void aDocumentUnderItsHashIsCachedForGoodAndAnOldHashIsRedirected() {
        String url = urlOf("api/v1");
        HttpApi.Reply current = api().get(url, "application/json");
        assertThat(current.code()).isEqualTo(200);
        assertThat(current.contentType()).isEqualTo("application/json");
        assertThat(current.header("Cache-Control")).isEqualTo("public, immutable");
        assertThat(current.header("Expires")).isNotBlank();
        assertThat(current.header("ETag")).isEqualTo("\"" + url.substring(url.indexOf("hash=") + 5) + "\"");

        HttpApi.Reply stale = api().get("/openapi/v3/api/v1?hash=0123", "application/json");
        assertThat(stale.code()).isEqualTo(301);
        assertThat(stale.header("Location")).isEqualTo(url);

        HttpApi.Reply unhashed = api().get("/openapi/v3/api/v1", "application/json");
        assertThat(unhashed.code()).isEqualTo(200);
        assertThat(unhashed.header("Cache-Control")).isNotEqualTo("public, immutable");
        assertThat(unhashed.text()).isEqualTo(current.text());
    }

    @Test
    void kindsCarryTheirGroupVersionKindAndKubesDescriptions() {
        JsonNode doc = coreV1();
        assertThat(doc.get("openapi").asText()).isEqualTo("3.0.0");
        JsonNode pod = doc.at(SCHEMAS + "io.k8s.api.core.v1.Pod");
        assertThat(pod.get("x-kubernetes-group-version-kind").toString())
                .isEqualTo("[{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}]");
        assertThat(pod.at("/properties/spec/allOf/0/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.api.core.v1.PodSpec");
        JsonNode container = doc.at(SCHEMAS + "io.k8s.api.core.v1.Container");
        assertThat(container.get("description").asText())
                .isEqualTo("A single application container that you want to run within a pod.");
        assertThat(container.at("/properties/image/description").asText()).startsWith("Container image name.");
        assertThat(container.get("required").toString()).isEqualTo("[\"name\"]");
    }

    @Test
    void listsCarryTheirPatchMergeKeysAndListTypes() {
        JsonNode doc = coreV1();
        JsonNode containers = doc.at(SCHEMAS + "io.k8s.api.core.v1.PodSpec/properties/containers");
        assertThat(containers.get("type").asText()).isEqualTo("array");
        assertThat(containers.get("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
        assertThat(containers.get("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
        assertThat(containers.get("x-kubernetes-list-type").asText()).isEqualTo("map");
        assertThat(containers.get("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"name\"]");
        JsonNode ports = doc.at(SCHEMAS + "io.k8s.api.core.v1.Container/properties/ports");
        assertThat(ports.get("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"containerPort\",\"protocol\"]");
        JsonNode volumes = doc.at(SCHEMAS + "io.k8s.api.core.v1.PodSpec/properties/volumes");
        assertThat(volumes.get("x-kubernetes-patch-strategy").asText()).isEqualTo("merge,retainKeys");
        JsonNode finalizers = doc.at(SCHEMAS + "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta/properties/finalizers");
        assertThat(finalizers.get("x-kubernetes-list-type").asText()).isEqualTo("set");
        JsonNode command = doc.at(SCHEMAS + "io.k8s.api.core.v1.Container/properties/command");
        assertThat(command.get("x-kubernetes-list-type").asText()).isEqualTo("atomic");
        assertThat(command.has("x-kubernetes-patch-strategy")).isFalse();
    }

    @Test
    void valuesUseKubesFormats() {
        JsonNode doc = coreV1();
        JsonNode schemas = doc.at("/components/schemas");
        assertThat(schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.Time/format").asText()).isEqualTo("date-time");
        assertThat(schemas.at("/io.k8s.apimachinery.pkg.util.intstr.IntOrString/format").asText())
                .isEqualTo("int-or-string");
        assertThat(schemas.at("/io.k8s.apimachinery.pkg.api.resource.Quantity/oneOf").toString())
                .isEqualTo("[{\"type\":\"string\"},{\"type\":\"number\"}]");
        assertThat(schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta/properties/creationTimestamp"
                + "/allOf/0/$ref").asText()).isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.Time");
        assertThat(schemas.at("/io.k8s.api.core.v1.Secret/properties/data/additionalProperties/format").asText())
                .isEqualTo("byte");
        assertThat(schemas.at("/io.k8s.api.core.v1.ContainerPort/properties/containerPort/format").asText())
                .isEqualTo("int32");
    }

    @Test
    void writesDeclareFieldValidationSoKubectlLeavesValidationToTheServer() {
        JsonNode doc = coreV1();
        JsonNode patch = doc.at("/paths/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}/patch");
        assertThat(patch.get("x-kubernetes-action").asText()).isEqualTo("patch");
        assertThat(patch.get("x-kubernetes-group-version-kind").toString())
                .isEqualTo("{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}");
        assertThat(names(patch.get("parameters"))).contains("fieldValidation", "dryRun", "fieldManager", "force");
        assertThat(patch.at("/requestBody/content").has("application/strategic-merge-patch+json")).isTrue();
        JsonNode create = doc.at("/paths/~1api~1v1~1namespaces~1{namespace}~1configmaps/post");
        assertThat(names(create.get("parameters"))).contains("fieldValidation", "dryRun", "fieldManager");
        assertThat(create.at("/requestBody/content/*~1*/schema/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.api.core.v1.ConfigMap");
        JsonNode status = doc.at("/paths/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}~1status/patch");
        assertThat(names(status.get("parameters"))).contains("fieldValidation");
        JsonNode list = doc.at("/paths/~1api~1v1~1pods/get");
        assertThat(list.get("operationId").asText()).isEqualTo("listCoreV1PodForAllNamespaces");
    }

    @Test
    void aReadOnlyResourceDocumentsOnlyItsReads() {
        JsonNode doc = coreV1();
        assertThat(doc.at("/paths/~1api~1v1~1componentstatuses").propertyNames()).containsExactly("get",
                "parameters");
        assertThat(doc.at("/paths/~1api~1v1~1componentstatuses~1{name}").propertyNames()).containsExactly("get",
                "parameters");
        assertThat(doc.at("/paths/~1api~1v1~1namespaces~1{namespace}~1configmaps~1{name}").propertyNames())
                .contains("get", "put", "patch", "delete");
    }

    @Test
    void everyReferenceResolves() {
        JsonNode doc = coreV1();
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
    }

    @Test
    void unknownDocumentsAreNotFound() {
        assertThat(api().get("/openapi/v3/apis/nothing.example.com/v1").code()).isEqualTo(404);
    }

    private static List<String> names(JsonNode parameters) {
        List<String> out = new ArrayList<>();
        parameters.forEach(p -> out.add(p.get("name").asText()));
        return out;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }

    @Test
    void resourcesThatAreOnlyCreatedOrComputedDocumentTheOperationsTheyServe() {
        JsonNode authorization = api().get(urlOf("apis/authorization.k8s.io/v1")).json();
        JsonNode reviews = authorization.at("/paths/~1apis~1authorization.k8s.io~1v1~1subjectaccessreviews");
        assertThat(reviews.at("/post/operationId").asText()).isEqualTo("createAuthorizationV1SubjectAccessReview");
        assertThat(reviews.has("get")).isFalse();
        assertThat(authorization.at("/paths/~1apis~1authorization.k8s.io~1v1~1subjectaccessreviews~1{name}")
                .isMissingNode()).isTrue();
        assertThat(authorization.at("/paths/~1apis~1authorization.k8s.io~1v1~1namespaces~1{namespace}"
                + "~1localsubjectaccessreviews/post/operationId").asText())
                .isEqualTo("createAuthorizationV1NamespacedLocalSubjectAccessReview");
        assertThat(authorization.at(SCHEMAS + "io.k8s.api.authorization.v1.SubjectAccessReview"
                + "/x-kubernetes-group-version-kind/0/kind").asText()).isEqualTo("SubjectAccessReview");

        JsonNode authentication = api().get(urlOf("apis/authentication.k8s.io/v1")).json();
        assertThat(authentication.at("/paths/~1apis~1authentication.k8s.io~1v1~1tokenreviews/post/requestBody"
                + "/content/*~1*/schema/$ref").asText())
                .isEqualTo("#/components/schemas/io.k8s.api.authentication.v1.TokenReview");

        JsonNode metrics = api().get(urlOf("apis/metrics.k8s.io/v1beta1")).json();
        assertThat(metrics.at("/paths/~1apis~1metrics.k8s.io~1v1beta1~1namespaces~1{namespace}~1pods~1{name}"
                + "/get/operationId").asText()).isEqualTo("readMetricsV1beta1NamespacedPodMetrics");
        assertThat(metrics.at("/paths/~1apis~1metrics.k8s.io~1v1beta1~1pods/get/operationId").asText())
                .isEqualTo("listMetricsV1beta1PodMetricsForAllNamespaces");
        assertThat(metrics.at("/paths/~1apis~1metrics.k8s.io~1v1beta1~1nodes").has("post")).isFalse();
    }
}

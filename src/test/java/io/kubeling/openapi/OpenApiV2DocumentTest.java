package io.kubeling.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.kubeling.openapi.v2.Document;
import io.kubeling.openapi.v2.NamedAny;
import io.kubeling.openapi.v2.NamedSchema;
import io.kubeling.openapi.v2.Operation;
import io.kubeling.openapi.v2.ParametersItem;
import io.kubeling.openapi.v2.PathItem;
import io.kubeling.openapi.v2.QueryParameterSubSchema;
import io.kubeling.openapi.v2.Schema;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.SubresourceEndpoints;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The /openapi/v2 document, encoded as protobuf and decoded back as kubectl decodes it. */
class OpenApiV2DocumentTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String POD = "/api/v1/namespaces/{namespace}/pods/{name}";

    static ObjectNode swagger;
    static Document decoded;
    static Map<String, Schema> definitions;

    @BeforeAll
    static void build() throws Exception {
        DocumentBuilder builder = new DocumentBuilder("v1.32.4");
        SubresourceEndpoints endpoints = mock(SubresourceEndpoints.class);
        SwaggerConversion conversion = new SwaggerConversion();
        conversion.add(builder.groupVersion(List.of(
                new ResourceDefinition<>("", "v1", "pods", "pod", "Pod", true, List.of("po"), List.of("all"),
                        Pod.class, PodList.class, null, Map.of(), null),
                new ResourceDefinition<>("", "v1", "configmaps", "configmap", "ConfigMap", true, List.of("cm"),
                        List.of(), ConfigMap.class, ConfigMapList.class, null, Map.of(), null)), endpoints));
        conversion.add(builder.groupVersion(List.of(
                new ResourceDefinition<>("apps", "v1", "deployments", "deployment", "Deployment", true,
                        List.of("deploy"), List.of("all"), Deployment.class, DeploymentList.class, null, Map.of(),
                        null)), endpoints));
        conversion.add(builder.version());
        swagger = conversion.document();
        byte[] bytes = SwaggerProto.document(swagger).toByteArray();
        decoded = Document.parseFrom(bytes);
        definitions = new HashMap<>();
        for (NamedSchema named : decoded.getDefinitions().getAdditionalPropertiesList()) {
            definitions.put(named.getName(), named.getValue());
        }
    }

    private static Schema definition(String name) {
        assertThat(definitions).containsKey(name);
        return definitions.get(name);
    }

    private static Schema property(Schema schema, String name) {
        return schema.getProperties().getAdditionalPropertiesList().stream().filter(p -> p.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no property " + name)).getValue();
    }

    private static JsonNode extension(List<NamedAny> extensions, String name) {
        return extensions.stream().filter(e -> e.getName().equals(name)).findFirst()
                .map(e -> JSON.readTree(e.getValue().getYaml())).orElse(null);
    }

    @Test
    void theDocumentIsSwagger2WithKubesInfoAndSecurity() {
        assertThat(decoded.getSwagger()).isEqualTo("2.0");
        assertThat(decoded.getInfo().getTitle()).isEqualTo("Kubernetes");
        assertThat(decoded.getInfo().getVersion()).isEqualTo("v1.32.4");
        assertThat(decoded.getSecurityDefinitions().getAdditionalProperties(0).getName()).isEqualTo("BearerToken");
        assertThat(decoded.getSecurityDefinitions().getAdditionalProperties(0).getValue().getApiKeySecurity()
                .getIn()).isEqualTo("header");
        assertThat(decoded.getSecurity(0).getAdditionalProperties(0).getName()).isEqualTo("BearerToken");
    }

    @Test
    void definitionsNameTheirKindsAndKeepKubesRequiredFields() {
        Schema pod = definition("io.k8s.api.core.v1.Pod");
        assertThat(pod.getType().getValueList()).containsExactly("object");
        assertThat(pod.getDescription()).contains("Pod is a collection of containers");
        assertThat(extension(pod.getVendorExtensionList(), "x-kubernetes-group-version-kind"))
                .isEqualTo(JSON.readTree("[{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}]"));
        assertThat(extension(definition("io.k8s.api.apps.v1.Deployment").getVendorExtensionList(),
                "x-kubernetes-group-version-kind"))
                .isEqualTo(JSON.readTree("[{\"group\":\"apps\",\"kind\":\"Deployment\",\"version\":\"v1\"}]"));
        Schema spec = property(pod, "spec");
        assertThat(spec.getRef()).isEqualTo("#/definitions/io.k8s.api.core.v1.PodSpec");
        assertThat(spec.getType().getValueCount()).as("a reference has no type of its own").isZero();
        assertThat(definition("io.k8s.api.core.v1.Container").getRequiredList()).contains("name");
        assertThat(definition("io.k8s.api.core.v1.PodSpec").getRequiredList()).contains("containers");
    }

    @Test
    void patchMetadataIsCarriedForStrategicMergePatches() {
        Schema containers = property(definition("io.k8s.api.core.v1.PodSpec"), "containers");
        assertThat(containers.getType().getValueList()).containsExactly("array");
        assertThat(containers.getItems().getSchemaList()).hasSize(1);
        assertThat(containers.getItems().getSchema(0).getRef()).isEqualTo("#/definitions/io.k8s.api.core.v1.Container");
        assertThat(extension(containers.getVendorExtensionList(), "x-kubernetes-patch-merge-key").asString())
                .isEqualTo("name");
        assertThat(extension(containers.getVendorExtensionList(), "x-kubernetes-patch-strategy").asString())
                .isEqualTo("merge");
        Schema ports = property(definition("io.k8s.api.core.v1.Container"), "ports");
        assertThat(extension(ports.getVendorExtensionList(), "x-kubernetes-patch-merge-key").asString())
                .isEqualTo("containerPort");
        Schema labels = property(definition("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"), "labels");
        assertThat(labels.getType().getValueList()).containsExactly("object");
        assertThat(labels.getAdditionalProperties().getSchema().getType().getValueList()).containsExactly("string");
    }

    @Test
    void valuesThatAreStringsOrNumbersAreStringsAsInKubesV2() {
        Schema intOrString = definition("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
        assertThat(intOrString.getType().getValueList()).containsExactly("string");
        assertThat(intOrString.getFormat()).isEqualTo("int-or-string");
        assertThat(definition("io.k8s.apimachinery.pkg.api.resource.Quantity").getType().getValueList())
                .containsExactly("string");
    }

    /** kubectl refuses the whole document when one reference names no definition. */
    @Test
    void everyReferenceResolvesAndEveryDefinitionHasOneShape() {
        List<Schema> all = new ArrayList<>();
        definitions.values().forEach(s -> collect(s, all));
        Set<String> refs = new TreeSet<>();
        for (Schema s : all) {
            if (!s.getRef().isEmpty()) {
                assertThat(s.getRef()).startsWith("#/definitions/");
                refs.add(s.getRef().substring("#/definitions/".length()));
                assertThat(s.getType().getValueCount()).as(s.getRef()).isZero();
            } else {
                assertThat(s.getType().getValueCount()).as(s.toString()).isLessThanOrEqualTo(1);
                if (s.getType().getValueList().equals(List.of("array"))) {
                    assertThat(s.getItems().getSchemaCount()).isEqualTo(1);
                }
            }
        }
        assertThat(refs).isNotEmpty();
        assertThat(definitions.keySet()).containsAll(refs);
    }

    private static void collect(Schema schema, List<Schema> out) {
        out.add(schema);
        schema.getProperties().getAdditionalPropertiesList().forEach(p -> collect(p.getValue(), out));
        schema.getItems().getSchemaList().forEach(s -> collect(s, out));
        if (schema.getAdditionalProperties().hasSchema()) {
            collect(schema.getAdditionalProperties().getSchema(), out);
        }
    }

    @Test
    void pathsCarryTheirKindVerbsAndParameters() {
        PathItem pod = decoded.getPaths().getPathList().stream().filter(p -> p.getName().equals(POD)).findFirst()
                .orElseThrow().getValue();
        Operation patch = pod.getPatch();
        assertThat(patch.getOperationId()).isEqualTo("patchCoreV1NamespacedPod");
        assertThat(extension(patch.getVendorExtensionList(), "x-kubernetes-group-version-kind"))
                .isEqualTo(JSON.readTree("{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}"));
        assertThat(extension(patch.getVendorExtensionList(), "x-kubernetes-action").asString()).isEqualTo("patch");
        assertThat(patch.getConsumesList()).contains("application/strategic-merge-patch+json",
                "application/apply-patch+yaml");
        assertThat(patch.getProducesList()).contains("application/json", "application/yaml");
        ParametersItem body = patch.getParameters(0);
        assertThat(body.getParameter().getBodyParameter().getName()).isEqualTo("body");
        assertThat(body.getParameter().getBodyParameter().getSchema().getRef())
                .isEqualTo("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch");
        List<String> query = patch.getParametersList().stream()
                .filter(p -> p.getParameter().getNonBodyParameter().hasQueryParameterSubSchema())
                .map(p -> p.getParameter().getNonBodyParameter().getQueryParameterSubSchema())
                .map(QueryParameterSubSchema::getName).toList();
        assertThat(query).contains("dryRun", "fieldManager", "fieldValidation", "force");
        assertThat(patch.getResponses().getResponseCodeList().stream().filter(r -> r.getName().equals("200"))
                .findFirst().orElseThrow().getValue().getResponse().getSchema().getSchema().getRef())
                .isEqualTo("#/definitions/io.k8s.api.core.v1.Pod");
        assertThat(pod.getParametersList().stream()
                .filter(p -> p.getParameter().getNonBodyParameter().hasPathParameterSubSchema())
                .map(p -> p.getParameter().getNonBodyParameter().getPathParameterSubSchema())
                .filter(p -> p.getName().equals("namespace")).findFirst().orElseThrow().getType())
                .isEqualTo("string");
    }

    @Test
    void theProtobufHoldsWhatTheJsonHolds() {
        assertThat(definitions.keySet()).isEqualTo(new TreeSet<>(swagger.get("definitions").propertyNames()));
        swagger.get("definitions").properties().forEach(e -> {
            Schema schema = definitions.get(e.getKey());
            Set<String> jsonProps = e.getValue().has("properties")
                    ? new TreeSet<>(e.getValue().get("properties").propertyNames()) : Set.of();
            Set<String> protoProps = new TreeSet<>();
            schema.getProperties().getAdditionalPropertiesList().forEach(p -> protoProps.add(p.getName()));
            assertThat(protoProps).as(e.getKey()).isEqualTo(jsonProps);
        });
        List<String> paths = decoded.getPaths().getPathList().stream().map(p -> p.getName()).toList();
        assertThat(paths).containsExactlyElementsOf(swagger.get("paths").propertyNames());
        assertThat(paths).contains("/version/", "/api/v1/pods", "/apis/apps/v1/namespaces/{namespace}/deployments");
    }
}

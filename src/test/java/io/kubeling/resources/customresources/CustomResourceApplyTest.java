package io.kubeling.resources.customresources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.SubresourceEndpoints;
import io.kubeling.registry.WriteOptions;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Server-side apply on a custom resource follows the list and map types its CRD's schema declares: list-map
 * lists merged by their keys, sets merged by value, atomic lists and maps replaced and owned whole.
 */
class CustomResourceApplyTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final YAMLMapper YAML = YAMLMapper.builder().build();

    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    InMemoryStorage storage;
    Registry registry;
    ResourceStore<GenericKubernetesResource> gateways;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() {
        storage = InMemoryStorage.open(clock);
        registry = new Registry(List.of(new CustomResourceDefinitionResource().customresourcedefinitions()),
                storage.store(), new ObjectCodec(), clock, new NameGenerator(), List.of(), List.of(), List.of(),
                new KubelingProperties.Cache(1024, null));
        CustomResourceDefinition crd = YAML.readValue("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: gateways.ssa.example.com}
                spec:
                  group: ssa.example.com
                  scope: Namespaced
                  names: {plural: gateways, singular: gateway, kind: Gateway, listKind: GatewayList}
                  versions:
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
                              listeners:
                                type: array
                                x-kubernetes-list-type: map
                                x-kubernetes-list-map-keys: [name, protocol]
                                items:
                                  type: object
                                  required: [name]
                                  properties:
                                    name: {type: string}
                                    protocol: {type: string, default: TCP}
                                    port: {type: integer}
                                    hostnames: {type: array, x-kubernetes-list-type: set, items: {type: string}}
                              tags: {type: array, x-kubernetes-list-type: set, items: {type: string}}
                              args: {type: array, items: {type: string}}
                              labels: {type: object, additionalProperties: {type: string}}
                              selector:
                                type: object
                                x-kubernetes-map-type: atomic
                                additionalProperties: {type: string}
                """, CustomResourceDefinition.class);
        CustomResourceDefinitionStatus status = new CustomResourceDefinitionStatus();
        status.setAcceptedNames(crd.getSpec().getNames());
        CustomResourceDefinitionCondition accepted = new CustomResourceDefinitionCondition();
        accepted.setType(CrdConditions.NAMES_ACCEPTED);
        accepted.setStatus("True");
        status.setConditions(List.of(accepted));
        crd.setStatus(status);
        new CustomResourceServing(registry, new SubresourceEndpoints(List.of()), new ObjectCodec())
                .sync(crd.getMetadata().getName(), crd);
        gateways = (ResourceStore<GenericKubernetesResource>) registry.find("ssa.example.com", "v1", "gateways")
                .orElseThrow();
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    private GenericKubernetesResource apply(String manager, String spec, boolean force) {
        ObjectNode config = (ObjectNode) YAML.readTree("""
                apiVersion: ssa.example.com/v1
                kind: Gateway
                metadata: {name: gw, namespace: default}
                spec: %s
                """.formatted(spec));
        return gateways.apply("default", "gw", null, config, force, new WriteOptions(false, manager)).object();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource object) {
        return (Map<String, Object>) object.getAdditionalProperties().get("spec");
    }

    @Test
    void listMapsAndSetsOfTwoManagersAreMergedByTheirKeys() {
        apply("alice", "{listeners: [{name: http, port: 80, hostnames: [a.example]}], tags: [a], "
                + "labels: {team: one}}", false);

        GenericKubernetesResource merged = apply("bob", "{listeners: [{name: https, port: 443}, "
                + "{name: http, hostnames: [b.example]}], tags: [b], labels: {tier: two}}", false);

        assertThat(spec(merged).get("listeners")).isEqualTo(List.of(
                Map.of("name", "http", "protocol", "TCP", "port", 80, "hostnames", List.of("a.example", "b.example")),
                Map.of("name", "https", "protocol", "TCP", "port", 443)));
        assertThat(spec(merged).get("tags")).isEqualTo(List.of("a", "b"));
        assertThat(spec(merged).get("labels")).isEqualTo(Map.of("team", "one", "tier", "two"));
        String bobs = JSON.writeValueAsString(merged.getMetadata().getManagedFields().stream()
                .filter(m -> m.getManager().equals("bob")).findFirst().orElseThrow().getFieldsV1());
        assertThat(bobs).contains("k:{\\\"name\\\":\\\"https\\\",\\\"protocol\\\":\\\"TCP\\\"}")
                .contains("v:\\\"b\\\"").contains("f:tier");

        // alice stops applying her listener: it goes, bob's stays, as do the hostnames bob set in hers
        GenericKubernetesResource after = apply("alice", "{tags: [a], labels: {team: one}}", false);
        assertThat(spec(after).get("listeners")).isEqualTo(List.of(
                Map.of("name", "http", "protocol", "TCP", "hostnames", List.of("b.example")),
                Map.of("name", "https", "protocol", "TCP", "port", 443)));
    }

    @Test
    void aCreateOwnsTheSchemaDefaultsAsKubeDecodesThemIntoTheObject() {
        GenericKubernetesResource sent = JSON.convertValue(YAML.readTree("""
                apiVersion: ssa.example.com/v1
                kind: Gateway
                metadata: {name: gw, namespace: default}
                spec: {listeners: [{name: http, port: 80}]}
                """), GenericKubernetesResource.class);

        GenericKubernetesResource created = gateways.create("default", sent, new WriteOptions(false, "creator"));

        // the defaulted protocol is the creator's, key and field, as kube defaults a custom resource as it decodes it
        JsonNode owned = JSON.valueToTree(created.getMetadata().getManagedFields().get(0).getFieldsV1());
        assertThat(owned.at("/f:spec/f:listeners")).isEqualTo(JSON.readTree("""
                {".":{},"k:{\\"name\\":\\"http\\",\\"protocol\\":\\"TCP\\"}":{".":{},"f:name":{},"f:port":{},
                 "f:protocol":{}}}"""));
    }

    /**
     * Kube compares a created custom resource with an empty Unstructured, where a typed object has its structs:
     * the creator owns spec itself too ({@code ".": {}}), and every object in it; an apply owns only what it sets.
     */
    @Test
    void aCreatedCustomResourceOwnsItsSpecItselfAndAnAppliedOneDoesNot() {
        GenericKubernetesResource sent = JSON.convertValue(YAML.readTree("""
                apiVersion: ssa.example.com/v1
                kind: Gateway
                metadata: {name: gw, namespace: default, labels: {app: web}}
                spec: {tags: [a], labels: {team: one}}
                """), GenericKubernetesResource.class);

        GenericKubernetesResource created = gateways.create("default", sent, new WriteOptions(false, "creator"));

        JsonNode owned = JSON.valueToTree(created.getMetadata().getManagedFields().get(0).getFieldsV1());
        assertThat(owned).isEqualTo(JSON.readTree("""
                {"f:metadata":{"f:labels":{".":{},"f:app":{}}},
                 "f:spec":{".":{},"f:labels":{".":{},"f:team":{}},"f:tags":{".":{},"v:\\"a\\"":{}}}}"""));

        GenericKubernetesResource applied = apply("alice", "{tags: [b]}", true);
        JsonNode alices = JSON.valueToTree(applied.getMetadata().getManagedFields().stream()
                .filter(m -> m.getManager().equals("alice")).findFirst().orElseThrow().getFieldsV1());
        assertThat(alices).isEqualTo(JSON.readTree("""
                {"f:spec":{"f:tags":{"v:\\"b\\"":{}}}}"""));
    }

    @Test
    void atomicListsAndMapsAreReplacedWholeAndConflictUnlessForced() {
        apply("alice", "{args: [--one], selector: {app: web}}", false);

        assertThatThrownBy(() -> apply("bob", "{args: [--two]}", false))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("conflict with \"alice\"").contains(".spec.args");
                });
        assertThatThrownBy(() -> apply("bob", "{selector: {tier: db}}", false))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.getMessage())
                        .contains(".spec.selector"));

        GenericKubernetesResource forced = apply("bob", "{args: [--two], selector: {tier: db}}", true);

        assertThat(spec(forced).get("args")).isEqualTo(List.of("--two"));
        assertThat(spec(forced).get("selector")).isEqualTo(Map.of("tier", "db"));
    }
}

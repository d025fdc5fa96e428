package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.CustomResourceDefinitionsLock;
import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Duplicate and unknown fields of a custom resource, named as kube names them for its map decoder and its pruning:
 * the body's duplicates in document order, then the pruned fields. The CRD and the body are those of kube's
 * test/integration/apiserver/field_validation_test.go.
 */
@KubelingTest
@CustomResourceDefinitionsLock
class CustomResourceFieldValidationTest {

    static final String GROUP = "fieldvalidation.kubeling.io";
    static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: noxus.fieldvalidation.kubeling.io
            spec:
              group: fieldvalidation.kubeling.io
              scope: Namespaced
              names: {plural: noxus, singular: nox, kind: Noxu}
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
                          cronSpec: {type: string}
                          knownField1: {type: string}
                          embeddedObj:
                            x-kubernetes-embedded-resource: true
                            type: object
                            properties:
                              apiversion: {type: string}
                              kind: {type: string}
                              metadata: {type: object}
                          ports:
                            type: array
                            x-kubernetes-list-map-keys: [containerPort, protocol]
                            x-kubernetes-list-type: map
                            items:
                              type: object
                              required: [containerPort, protocol]
                              properties:
                                containerPort: {type: integer, format: int32}
                                hostIP: {type: string}
                                hostPort: {type: integer, format: int32}
                                name: {type: string}
                                protocol: {type: string}
            """;

    static final String BODY = """
            {
            \t"apiVersion": "fieldvalidation.kubeling.io/v1",
            \t"kind": "Noxu",
            \t"metadata": {
            \t\t"name": "dupename",
            \t\t"name": "%s",
            \t\t"unknownMeta": "metaVal"
            \t},
            \t"spec": {
            \t\t"unknown1": "val1",
            \t\t"unknownDupe": "valDupe",
            \t\t"unknownDupe": "valDupe2",
            \t\t"knownField1": "val1",
            \t\t"knownField1": "val2",
            \t\t\t"ports": [{
            \t\t\t\t"name": "portName",
            \t\t\t\t"containerPort": 8080,
            \t\t\t\t"protocol": "TCP",
            \t\t\t\t"hostPort": 8081,
            \t\t\t\t"hostPort": 8082,
            \t\t\t\t"unknownNested": "val"
            \t\t\t}],
            \t\t"embeddedObj": {
            \t\t\t"apiVersion": "v1",
            \t\t\t"kind": "ConfigMap",
            \t\t\t"metadata": {
            \t\t\t\t"name": "my-cm",
            \t\t\t\t"namespace": "my-ns",
            \t\t\t\t"unknownEmbeddedMeta": "foo"
            \t\t\t}
            \t\t}
            \t}
            }
            """;

    static final String BODY_YAML = """

            apiVersion: "fieldvalidation.kubeling.io/v1"
            kind: "Noxu"
            metadata:
              name: dupename
              name: "%s"
              unknownMeta: metaVal
            spec:
              unknown1: val1
              unknownDupe: valDupe
              unknownDupe: valDupe2
              knownField1: val1
              knownField1: val2
              ports:
              - name: portName
                containerPort: 8080
                protocol: TCP
                hostPort: 8081
                hostPort: 8082
                unknownNested: val
              embeddedObj:
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: my-cm
                  namespace: my-ns
                  unknownEmbeddedMeta: foo
            """;

    static final List<String> FINDINGS = List.of(
            "duplicate field \"metadata.name\"",
            "duplicate field \"spec.unknownDupe\"",
            "duplicate field \"spec.knownField1\"",
            "duplicate field \"spec.ports[0].hostPort\"",
            "unknown field \"metadata.unknownMeta\"",
            "unknown field \"spec.ports[0].unknownNested\"",
            "unknown field \"spec.unknown1\"",
            "unknown field \"spec.unknownDupe\"",
            "unknown field \"spec.embeddedObj.metadata.unknownEmbeddedMeta\"");

    @LocalServerPort
    int port;

    HttpApi api;
    String noxus;

    @BeforeEach
    void setUp() throws InterruptedException {
        api = new HttpApi(port);
        noxus = "/apis/" + GROUP + "/v1/namespaces/" + api.newNamespace("fv-") + "/noxus";
        String json = JsonMapper.builder().build().writeValueAsString(YAMLMapper.builder().build().readTree(CRD));
        Reply created = api.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", json);
        assertThat(created.code()).as(created.text()).isIn(201, 409);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (api.get(noxus).code() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
    }

    private static List<String> warnings(Reply reply) {
        return reply.headers("Warning").stream().map(h -> h.substring("299 - \"".length(), h.length() - 1)
                .replace("\\\"", "\"")).toList();
    }

    @Test
    void strictRefusesNamingTheDuplicatesThenThePrunedFields() {
        Reply strict = api.post(noxus + "?fieldValidation=Strict", BODY.formatted("strict"));
        assertThat(strict.code()).as(strict.text()).isEqualTo(400);
        assertThat(strict.json().get("message").asString()).isEqualTo("Noxu in version \"v1\" cannot be handled as a "
                + "Noxu: strict decoding error: " + String.join(", ", FINDINGS));
        assertThat(api.get(noxus + "/strict").code()).isEqualTo(404);
    }

    @Test
    void yamlsRepeatedKeysAreNamedByLineBeforeThePrunedFields() {
        Reply strict = api.send("POST", noxus + "?fieldValidation=Strict", BODY_YAML.formatted("yaml"),
                "application/yaml", "application/json");
        assertThat(strict.code()).as(strict.text()).isEqualTo(400);
        assertThat(strict.json().get("message").asString()).isEqualTo("Noxu in version \"v1\" cannot be handled as a "
                + "Noxu: strict decoding error: yaml: unmarshal errors:\n  line 6: key \"name\" already set in map\n"
                + "  line 11: key \"unknownDupe\" already set in map\n  line 13: key \"knownField1\" already set in map\n"
                + "  line 19: key \"hostPort\" already set in map, " + String.join(", ", FINDINGS.subList(4, 9)));
    }

    @Test
    void warnStoresTheLastValuesAndWarnsOfEach() {
        Reply warned = api.post(noxus, BODY.formatted("warned"));
        assertThat(warned.code()).as(warned.text()).isEqualTo(201);
        assertThat(warnings(warned)).isEqualTo(FINDINGS);
        assertThat(warned.json().at("/spec/knownField1").asString()).isEqualTo("val2");
        assertThat(warned.json().at("/spec/ports/0/hostPort").asInt()).isEqualTo(8082);
        assertThat(warned.json().at("/spec/unknown1").isMissingNode()).isTrue();
    }
}

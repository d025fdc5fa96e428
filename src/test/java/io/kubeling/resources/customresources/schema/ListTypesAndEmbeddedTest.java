package io.kubeling.resources.customresources.schema;

import static io.kubeling.resources.customresources.schema.Schemas.object;
import static io.kubeling.resources.customresources.schema.Schemas.structural;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.kubeling.registry.validation.FieldError;

class ListTypesAndEmbeddedTest {

    private static final StructuralSchema SCHEMA = structural("""
            type: object
            properties:
              spec:
                type: object
                properties:
                  tags:
                    type: array
                    x-kubernetes-list-type: set
                    items: {type: string}
                  ports:
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
                  template:
                    type: object
                    x-kubernetes-embedded-resource: true
                    x-kubernetes-preserve-unknown-fields: true
            """);

    private static List<String> errors(String yaml) {
        return SCHEMA.validate(object(yaml)).stream().map(FieldError::toString).toList();
    }

    @Test
    void setsRefuseDuplicates() {
        assertThat(errors("spec: {tags: [a, b, a]}")).containsExactly("spec.tags[2]: Duplicate value: \"a\"");
        assertThat(errors("spec: {tags: [a, b]}")).isEmpty();
    }

    @Test
    void mapsRefuseDuplicateKeysCountingDefaults() {
        assertThat(errors("spec: {ports: [{name: http, port: 80}, {name: http, protocol: TCP, port: 81}]}"))
                .containsExactly("spec.ports[1]: Duplicate value: map[string]interface {}{\"name\":\"http\", \"protocol\":\"TCP\"}");
        assertThat(errors("spec: {ports: [{name: dns, protocol: UDP}, {name: dns, protocol: TCP}]}")).isEmpty();
    }

    @Test
    void embeddedResourcesNeedApiVersionAndKind() {
        assertThat(errors("spec: {template: {metadata: {name: a}}}")).containsExactly(
                "spec.template.apiVersion: Required value: must not be empty",
                "spec.template.kind: Required value: must not be empty");
        assertThat(errors("spec: {template: {apiVersion: a/b/c, kind: 'Pod_X', metadata: {name: a/b}}}")).containsExactly(
                "spec.template.apiVersion: Invalid value: \"a/b/c\": unexpected GroupVersion string: a/b/c",
                "spec.template.kind: Invalid value: \"Pod_X\": may have mixed case, but should otherwise match: "
                        + "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
                        + "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
                        + "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
                "spec.template.metadata.name: Invalid value: \"a/b\": may not contain '/'");
        assertThat(errors("spec: {template: {apiVersion: v1, kind: Pod, spec: {}}}")).isEmpty();
    }
}

package io.kubeling.resources.customresources.schema;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Schemas and objects written as YAML in the tests. */
final class Schemas {

    static final YAMLMapper YAML = YAMLMapper.builder().build();

    private Schemas() {
    }

    static JSONSchemaProps schema(String yaml) {
        return YAML.readValue(yaml, JSONSchemaProps.class);
    }

    static StructuralSchema structural(String yaml) {
        return StructuralSchema.of(schema(yaml));
    }

    static ObjectNode object(String yaml) {
        return (ObjectNode) YAML.readTree(yaml);
    }

    static CustomResourceDefinitionSpec crdSpec(String yaml) {
        return YAML.readValue(yaml, CustomResourceDefinitionSpec.class);
    }
}

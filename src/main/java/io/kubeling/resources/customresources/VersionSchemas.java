package io.kubeling.resources.customresources;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.customresources.schema.CrdSchemaValidation;
import io.kubeling.resources.customresources.schema.StructuralSchema;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where the CRD code meets the structural schema engine: the schemas of a CRD checked, and each version's schema
 * applied to custom resources, which the engine reads and changes as JSON trees.
 */
final class VersionSchemas {

    private VersionSchemas() {
    }

    /** The checks of a CRD's schemas. */
    static List<FieldError> validateDefinition(CustomResourceDefinitionSpec spec) {
        return CrdSchemaValidation.validate(spec);
    }

    /** The schema of one version. */
    static VersionSchema of(CustomResourceDefinitionVersion version) {
        if (version.getSchema() == null || version.getSchema().getOpenAPIV3Schema() == null) {
            return VersionSchema.NONE;
        }
        return new Structural(StructuralSchema.of(version.getSchema().getOpenAPIV3Schema()));
    }

    private record Structural(StructuralSchema schema) implements VersionSchema {

        @Override
        public List<String> prune(GenericKubernetesResource object) {
            ObjectNode tree = tree(object);
            List<String> pruned = schema.prune(tree);
            if (!pruned.isEmpty()) {
                adopt(object, tree);
            }
            return pruned;
        }

        @Override
        public void applyDefaults(GenericKubernetesResource object) {
            ObjectNode tree = tree(object);
            schema.applyDefaults(tree);
            adopt(object, tree);
        }

        /** One tree for both steps, taken back into the object only when they changed it: most reads find nothing to do. */
        @Override
        public void applyOnRead(GenericKubernetesResource object) {
            ObjectNode tree = tree(object);
            ObjectNode before = tree.deepCopy();
            schema.prune(tree);
            schema.applyDefaults(tree);
            if (!tree.equals(before)) {
                adopt(object, tree);
            }
        }

        @Override
        public List<FieldError> validate(GenericKubernetesResource object, GenericKubernetesResource old) {
            return old == null ? schema.validate(tree(object)) : schema.validateUpdate(tree(object), tree(old));
        }

        private static ObjectNode tree(GenericKubernetesResource object) {
            return JsonPaths.JSON.valueToTree(object);
        }

        /**
         * Takes the content of a tree the engine changed back into the object. The metadata object stays the
         * same one: the store holds it across the strategy's calls, and the schema does not reach into it.
         */
        @SuppressWarnings("unchecked")
        private static void adopt(GenericKubernetesResource object, ObjectNode tree) {
            Map<String, Object> content = JsonPaths.JSON.convertValue(tree, Map.class);
            content.remove("apiVersion");
            content.remove("kind");
            content.remove("metadata");
            object.setAdditionalProperties(content);
        }
    }
}

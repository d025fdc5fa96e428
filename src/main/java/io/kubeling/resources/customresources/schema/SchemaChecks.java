package io.kubeling.resources.customresources.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.kubeling.registry.validation.FieldError;

/** The structural schema rules (apiextensions' schema.ValidateStructural) over a JSONSchemaProps tree. */
final class SchemaChecks {

    private SchemaChecks() {
    }

    static List<FieldError> check(JSONSchemaProps schema, String path) {
        List<FieldError> errors = new ArrayList<>();
        types(schema, path, errors, true);
        return errors;
    }

    private static void types(JSONSchemaProps s, String path, List<FieldError> errors, boolean root) {
        boolean typeless = s.getType() == null || s.getType().isEmpty();
        if (typeless && !Boolean.TRUE.equals(s.getXKubernetesIntOrString())
                && !Boolean.TRUE.equals(s.getXKubernetesPreserveUnknownFields())) {
            errors.add(FieldError.required(path + ".type", "must not be empty for specified object fields"));
        }
        if (s.getProperties() != null) {
            for (Map.Entry<String, JSONSchemaProps> e : s.getProperties().entrySet()) {
                types(e.getValue(), path + ".properties[" + e.getKey() + "]", errors, false);
            }
        }
        if (s.getItems() != null && s.getItems().getSchema() != null) {
            types(s.getItems().getSchema(), path + ".items", errors, false);
        }
        if (s.getAdditionalProperties() != null && s.getAdditionalProperties().getSchema() != null) {
            types(s.getAdditionalProperties().getSchema(), path + ".additionalProperties", errors, false);
        }
    }
}

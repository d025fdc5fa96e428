package io.kubeling.resources.customresources.schema;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.kubeling.registry.validation.FieldError;

/**
 * kube's validation of the schemas of a CustomResourceDefinition (apiextensions' validation of
 * {@code spec.versions[*].schema.openAPIV3Schema}): structural schema rules, defaults, CEL rules
 * and their cost. Names, group, scope and versions are the CRD strategy's to check.
 */
public final class CrdSchemaValidation {

    private CrdSchemaValidation() {
    }

    /** The errors of every version's schema, with paths from the CRD's root. */
    public static List<FieldError> validate(CustomResourceDefinitionSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec == null || spec.getVersions() == null) {
            return errors;
        }
        List<CustomResourceDefinitionVersion> versions = spec.getVersions();
        for (int i = 0; i < versions.size(); i++) {
            CustomResourceDefinitionVersion v = versions.get(i);
            String path = "spec.versions[" + i + "].schema.openAPIV3Schema";
            if (v.getSchema() == null || v.getSchema().getOpenAPIV3Schema() == null) {
                errors.add(FieldError.required(path, "schemas are required"));
                continue;
            }
            errors.addAll(validateSchema(v.getSchema().getOpenAPIV3Schema(), path,
                    spec.getPreserveUnknownFields() != null && spec.getPreserveUnknownFields()));
        }
        return errors;
    }

    /** The errors of one version's schema, at {@code path} (its openAPIV3Schema). */
    public static List<FieldError> validateSchema(JSONSchemaProps schema, String path, boolean preserveUnknownFields) {
        return SchemaChecks.check(schema, path);
    }
}

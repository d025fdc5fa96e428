package io.kubeling.resources.customresources.schema;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.kubeling.registry.validation.FieldError;

/**
 * kube's validation of the schemas of a CustomResourceDefinition (apiextensions' validation of
 * {@code spec.versions[*].schema.openAPIV3Schema}): structural schema rules, defaults, the
 * generic OpenAPI checks, then the CEL rules (compilation and cost) once the rest is valid.
 * Names, group, scope and versions are the CRD strategy's to check.
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
            errors.addAll(validateSchema(v.getSchema().getOpenAPIV3Schema(), path));
        }
        return errors;
    }

    /** The errors of one version's schema, {@code path} naming its openAPIV3Schema. */
    public static List<FieldError> validateSchema(JSONSchemaProps schema, String path) {
        List<FieldError> errors = new ArrayList<>();
        if (Boolean.TRUE.equals(schema.getNullable())) {
            errors.add(FieldError.forbidden(path + ".nullable", "nullable cannot be true at the root"));
        }
        List<FieldError> structural = SchemaChecks.structural(schema, path);
        errors.addAll(structural);
        List<FieldError> defaults = List.of();
        if (structural.isEmpty()) {
            defaults = DefaultChecks.check(Node.of(schema), path);
            errors.addAll(defaults);
        }
        List<FieldError> generic = SchemaChecks.generic(schema, path);
        errors.addAll(generic);
        if (structural.isEmpty() && defaults.isEmpty() && generic.isEmpty()) {
            errors.addAll(RuleChecks.check(RuleSet.of(Node.of(schema)), path));
        }
        return errors;
    }
}

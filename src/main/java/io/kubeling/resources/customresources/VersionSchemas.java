package io.kubeling.resources.customresources;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.kubeling.registry.validation.FieldError;

/** Where the CRD code meets the structural schema engine: the schemas of a CRD checked, and each version's schema. */
final class VersionSchemas {

    private VersionSchemas() {
    }

    /** The checks of a CRD's schemas: v1 requires one per version. */
    static List<FieldError> validateDefinition(CustomResourceDefinitionSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        List<CustomResourceDefinitionVersion> versions = spec.getVersions() == null ? List.of() : spec.getVersions();
        for (int i = 0; i < versions.size(); i++) {
            CustomResourceDefinitionVersion v = versions.get(i);
            if (v.getSchema() == null || v.getSchema().getOpenAPIV3Schema() == null) {
                errs.add(FieldError.required("spec.versions[" + i + "].schema.openAPIV3Schema", "schemas are required"));
            }
        }
        return errs;
    }

    /** The schema of one version. */
    static VersionSchema of(CustomResourceDefinitionVersion version) {
        return VersionSchema.NONE;
    }
}

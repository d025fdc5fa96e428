package io.kubeling.resources.customresources;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/**
 * Kube's ValidateCustomResourceDefinition (pkg/apis/apiextensions/validation) for names, group, scope, versions
 * and stored versions, with its messages and field paths; the schemas are checked by {@link VersionSchemas}.
 */
final class CrdValidation {

    /** How kube prints a slice of versions as an Invalid value: Go's %#v, left out here as it is unreadable. */
    private static final Object VERSIONS = FieldError.OMIT;

    private CrdValidation() {
    }

    static List<FieldError> validate(CustomResourceDefinition crd) {
        return validate(crd, true);
    }

    /** {@code recognizedReviewVersion}: whether a Webhook conversion must name a ConversionReview version kube knows. */
    private static List<FieldError> validate(CustomResourceDefinition crd, boolean recognizedReviewVersion) {
        List<FieldError> errs = new ArrayList<>();
        CustomResourceDefinitionSpec spec = crd.getSpec() == null ? new CustomResourceDefinitionSpec() : crd.getSpec();
        String plural = spec.getNames() == null ? null : spec.getNames().getPlural();
        String name = crd.getMetadata().getName();
        if (name != null && !name.isEmpty() && !name.equals(Objects.toString(plural, "") + "." + Objects.toString(spec.getGroup(), ""))) {
            errs.add(FieldError.invalid("metadata.name", name, "must be spec.names.plural+\".\"+spec.group"));
        }
        errs.addAll(spec(spec));
        errs.addAll(ConversionValidation.validate(spec.getConversion(), recognizedReviewVersion));
        if (crd.getStatus() != null) {
            errs.addAll(names(crd.getStatus().getAcceptedNames(), "status.acceptedNames"));
        }
        return errs;
    }

    static List<FieldError> validateUpdate(CustomResourceDefinition crd, CustomResourceDefinition old) {
        CustomResourceDefinitionSpec spec = crd.getSpec() == null ? new CustomResourceDefinitionSpec() : crd.getSpec();
        CustomResourceDefinitionSpec oldSpec = old.getSpec() == null ? new CustomResourceDefinitionSpec()
                : old.getSpec();
        List<FieldError> errs = validate(crd, ConversionValidation.recognizedOrEmpty(oldSpec.getConversion()));
        if (CrdConditions.isTrue(old, CrdConditions.ESTABLISHED)) {
            immutable(errs, "spec.scope", spec.getScope(), oldSpec.getScope());
            immutable(errs, "spec.names.kind", kind(spec), kind(oldSpec));
        }
        immutable(errs, "spec.group", spec.getGroup(), oldSpec.getGroup());
        immutable(errs, "spec.names.plural", spec.getNames() == null ? null : spec.getNames().getPlural(),
                oldSpec.getNames() == null ? null : oldSpec.getNames().getPlural());
        List<String> stored = crd.getStatus() == null || crd.getStatus().getStoredVersions() == null ? List.of()
                : crd.getStatus().getStoredVersions();
        Set<String> versions = new HashSet<>();
        if (spec.getVersions() != null) {
            spec.getVersions().forEach(v -> versions.add(v.getName()));
        }
        for (int i = 0; i < stored.size(); i++) {
            if (!versions.contains(stored.get(i))) {
                errs.add(FieldError.invalid("status.storedVersions[" + i + "]", stored.get(i),
                        "must appear in spec.versions"));
            }
        }
        return errs;
    }

    private static String kind(CustomResourceDefinitionSpec spec) {
        return spec.getNames() == null ? null : spec.getNames().getKind();
    }

    private static void immutable(List<FieldError> errs, String path, String value, String old) {
        if (!Objects.equals(value, old)) {
            errs.add(FieldError.invalid(path, value == null ? "" : value, "field is immutable"));
        }
    }

    private static List<FieldError> spec(CustomResourceDefinitionSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        String group = spec.getGroup();
        if (group == null || group.isEmpty()) {
            errs.add(FieldError.required("spec.group", ""));
        } else if (!Names.dns1123Subdomain(group).isEmpty()) {
            errs.add(FieldError.invalid("spec.group", group, String.join(",", Names.dns1123Subdomain(group))));
        } else if (group.split("\\.", -1).length < 2) {
            errs.add(FieldError.invalid("spec.group", group, "should be a domain with at least one dot"));
        }
        String scope = spec.getScope();
        if (scope == null || scope.isEmpty()) {
            errs.add(FieldError.required("spec.scope", ""));
        } else if (!scope.equals("Cluster") && !scope.equals("Namespaced")) {
            errs.add(FieldError.notSupported("spec.scope", scope, List.of("Cluster", "Namespaced")));
        }
        List<CustomResourceDefinitionVersion> versions = spec.getVersions() == null ? List.of() : spec.getVersions();
        int storage = 0;
        Set<String> seen = new HashSet<>();
        boolean unique = true;
        for (int i = 0; i < versions.size(); i++) {
            CustomResourceDefinitionVersion v = versions.get(i);
            if (Boolean.TRUE.equals(v.getStorage())) {
                storage++;
            }
            if (!seen.add(Objects.toString(v.getName(), ""))) {
                unique = false;
            }
            String vname = Objects.toString(v.getName(), "");
            List<String> bad = Names.dns1035Label(vname);
            if (!bad.isEmpty()) {
                errs.add(FieldError.invalid("spec.versions[" + i + "].name", vname, String.join(",", bad)));
            }
            if (v.getDeprecationWarning() != null && !Boolean.TRUE.equals(v.getDeprecated())) {
                errs.add(FieldError.invalid("spec.versions[" + i + "].deprecationWarning", v.getDeprecationWarning(),
                        "can only be set for deprecated versions"));
            }
            if (v.getDeprecationWarning() != null && v.getDeprecationWarning().length() > 256) {
                errs.add(FieldError.tooLong("spec.versions[" + i + "].deprecationWarning", 256));
            }
        }
        if (versions.isEmpty()) {
            errs.add(FieldError.invalid("spec.versions", VERSIONS, "must have exactly one version marked as storage version"));
        } else {
            if (!unique) {
                errs.add(FieldError.invalid("spec.versions", VERSIONS, "must contain unique version names"));
            }
            if (storage != 1) {
                errs.add(FieldError.invalid("spec.versions", VERSIONS,
                        "must have exactly one version marked as storage version"));
            }
        }
        CustomResourceDefinitionNames names = spec.getNames() == null ? new CustomResourceDefinitionNames()
                : spec.getNames();
        if (empty(names.getPlural())) {
            errs.add(FieldError.required("spec.names.plural", ""));
        }
        if (empty(names.getSingular())) {
            errs.add(FieldError.required("spec.names.singular", ""));
        }
        if (empty(names.getKind())) {
            errs.add(FieldError.required("spec.names.kind", ""));
        }
        if (empty(names.getListKind())) {
            errs.add(FieldError.required("spec.names.listKind", ""));
        }
        errs.addAll(names(names, "spec.names"));
        errs.addAll(VersionSchemas.validateDefinition(spec));
        return errs;
    }

    /** ValidateCustomResourceDefinitionNames, for spec.names and status.acceptedNames. */
    static List<FieldError> names(CustomResourceDefinitionNames names, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (names == null) {
            return errs;
        }
        label(errs, path + ".plural", names.getPlural(), names.getPlural(), "");
        label(errs, path + ".singular", names.getSingular(), names.getSingular(), "");
        label(errs, path + ".kind", names.getKind(), lower(names.getKind()),
                "may have mixed case, but should otherwise match: ");
        label(errs, path + ".listKind", names.getListKind(), lower(names.getListKind()),
                "may have mixed case, but should otherwise match: ");
        List<String> shortNames = names.getShortNames() == null ? List.of() : names.getShortNames();
        for (int i = 0; i < shortNames.size(); i++) {
            label(errs, path + ".shortNames[" + i + "]", shortNames.get(i), shortNames.get(i), "");
        }
        if (!empty(names.getKind()) && names.getKind().equals(names.getListKind())) {
            errs.add(FieldError.invalid(path + ".listKind", names.getListKind(), "kind and listKind may not be the same"));
        }
        List<String> categories = names.getCategories() == null ? List.of() : names.getCategories();
        for (int i = 0; i < categories.size(); i++) {
            label(errs, path + ".categories[" + i + "]", categories.get(i), categories.get(i), "");
        }
        return errs;
    }

    private static void label(List<FieldError> errs, String path, String value, String checked, String prefix) {
        if (empty(value)) {
            return;
        }
        List<String> bad = Names.dns1035Label(checked);
        if (!bad.isEmpty()) {
            errs.add(FieldError.invalid(path, value, prefix + String.join(",", bad)));
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static boolean empty(String s) {
        return s == null || s.isEmpty();
    }
}

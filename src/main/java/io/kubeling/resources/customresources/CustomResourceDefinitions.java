package io.kubeling.resources.customresources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.SelectableField;
import io.kubeling.registry.CustomTraits;
import io.kubeling.registry.KubeVersions;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.Strategy;
import io.kubeling.resources.common.WebhookPoster;
import tools.jackson.databind.JsonNode;

/**
 * The resource definitions a CRD stands for, one per served version, under its accepted names, as kube's
 * customresource handler builds its crdInfo.
 */
final class CustomResourceDefinitions {

    private CustomResourceDefinitions() {
    }

    static List<ResourceDefinition<GenericKubernetesResource>> of(CustomResourceDefinition crd, WebhookPoster poster) {
        List<ResourceDefinition<GenericKubernetesResource>> defs = new ArrayList<>();
        Map<String, StoredVersions> codecs = StoredVersions.of(crd, poster);
        CustomResourceDefinitionNames names = crd.getStatus().getAcceptedNames();
        String group = crd.getSpec().getGroup();
        boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
        boolean terminating = crd.getMetadata().getDeletionTimestamp() != null;
        for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
            if (!Boolean.TRUE.equals(v.getServed())) {
                continue;
            }
            VersionSchema schema = VersionSchemas.of(v);
            boolean status = v.getSubresources() != null && v.getSubresources().getStatus() != null;
            List<String> selectable = new ArrayList<>();
            if (v.getSelectableFields() != null) {
                for (SelectableField f : v.getSelectableFields()) {
                    selectable.add(f.getJsonPath());
                }
            }
            Map<String, Strategy<GenericKubernetesResource>> subresources = new LinkedHashMap<>();
            if (status) {
                subresources.put("status", new CustomResourceStatusStrategy(schema));
            }
            JsonNode openApi = v.getSchema() == null || v.getSchema().getOpenAPIV3Schema() == null ? null
                    : JsonPaths.JSON.valueToTree(v.getSchema().getOpenAPIV3Schema());
            String listKind = names.getListKind() == null || names.getListKind().isEmpty() ? names.getKind() + "List"
                    : names.getListKind();
            defs.add(new ResourceDefinition<>(group, v.getName(), names.getPlural(), orEmpty(names.getSingular()),
                    names.getKind(), namespaced, list(names.getShortNames()), list(names.getCategories()),
                    GenericKubernetesResource.class, GenericKubernetesResourceList.class,
                    new CustomResourceStrategy(schema, status, terminating, selectable), subresources,
                    new CustomResourceTable(v.getAdditionalPrinterColumns()),
                    new CustomTraits(listKind, openApi, deprecationWarning(crd, v), codecs.get(v.getName()))));
        }
        return defs;
    }

    /** The version whose paths the scale subresource reads, the storage version when it is served. */
    static CustomResourceDefinitionVersion scaleVersion(CustomResourceDefinition crd) {
        CustomResourceDefinitionVersion chosen = null;
        for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
            if (Boolean.TRUE.equals(v.getServed()) && v.getSubresources() != null
                    && v.getSubresources().getScale() != null
                    && (chosen == null || Boolean.TRUE.equals(v.getStorage()))) {
                chosen = v;
            }
        }
        return chosen;
    }

    /** getDeprecationWarning: the version's own text, else kube's, naming a newer served version if there is one. */
    static String deprecationWarning(CustomResourceDefinition crd, CustomResourceDefinitionVersion version) {
        if (!Boolean.TRUE.equals(version.getDeprecated())) {
            return null;
        }
        if (version.getDeprecationWarning() != null) {
            return version.getDeprecationWarning();
        }
        String kind = crd.getSpec().getNames().getKind();
        String msg = crd.getSpec().getGroup() + "/" + version.getName() + " " + kind + " is deprecated";
        String replacement = null;
        for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
            if (Boolean.TRUE.equals(v.getServed()) && !Boolean.TRUE.equals(v.getDeprecated())
                    && KubeVersions.PRIORITY.compare(v.getName(), version.getName()) < 0
                    && (replacement == null || KubeVersions.PRIORITY.compare(v.getName(), replacement) < 0)) {
                replacement = v.getName();
            }
        }
        return replacement == null ? msg : msg + "; use " + crd.getSpec().getGroup() + "/" + replacement + " " + kind;
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

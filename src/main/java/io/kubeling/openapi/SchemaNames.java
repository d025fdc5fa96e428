package io.kubeling.openapi;

import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * The name kube gives a model type in its OpenAPI documents ({@code io.k8s.api.core.v1.Pod}), from the fabric8
 * class. fabric8 keeps core/v1 and meta/v1 in one package, so the meta/v1 types are listed by name.
 */
final class SchemaNames {

    static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    static final String TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.Time";
    static final String MICRO_TIME = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime";
    static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

    private static final String MODEL = "io.fabric8.kubernetes.api.model";
    private static final Set<String> META_TYPES = Set.of("APIGroup", "APIGroupList", "APIResource",
            "APIResourceList", "APIVersions", "Condition", "CreateOptions", "DeleteOptions", "FieldSelectorRequirement",
            "FieldsV1", "GetOptions", "GroupVersionForDiscovery", "LabelSelector", "LabelSelectorRequirement",
            "ListMeta", "ListOptions", "ManagedFieldsEntry", "ObjectMeta", "OwnerReference", "PartialObjectMetadata",
            "PartialObjectMetadataList", "Patch", "PatchOptions", "Preconditions", "RootPaths",
            "ServerAddressByClientCIDR", "Status", "StatusCause", "StatusDetails", "Table", "TableColumnDefinition",
            "TableRow", "TypeMeta", "UpdateOptions", "WatchEvent");

    private SchemaNames() {
    }

    static Optional<String> of(Class<?> type) {
        if (type == Quantity.class) {
            return Optional.of(QUANTITY);
        }
        if (type == IntOrString.class) {
            return Optional.of(INT_OR_STRING);
        }
        if (type == MicroTime.class) {
            return Optional.of(MICRO_TIME);
        }
        String pkg = type.getPackageName();
        String name = type.getSimpleName();
        if (pkg.equals(MODEL)) {
            return Optional.of((META_TYPES.contains(name) ? META : "io.k8s.api.core.v1.") + name);
        }
        if (pkg.equals(MODEL + ".version")) {
            return Optional.of("io.k8s.apimachinery.pkg.version." + name);
        }
        if (pkg.equals(MODEL + ".runtime")) {
            return Optional.of("io.k8s.apimachinery.pkg.runtime." + name);
        }
        if (pkg.equals(MODEL + ".apps")) {
            return Optional.of("io.k8s.api.apps.v1." + name);
        }
        if (pkg.equals(MODEL + ".rbac")) {
            return Optional.of("io.k8s.api.rbac.v1." + name);
        }
        if (pkg.equals(MODEL + ".storage")) {
            return Optional.of("io.k8s.api.storage.v1." + name);
        }
        if (pkg.equals(MODEL + ".authentication")) {
            return Optional.of("io.k8s.api.authentication.v1." + name);
        }
        if (pkg.equals(MODEL + ".metrics.v1beta1")) {
            return Optional.of("io.k8s.metrics.pkg.apis.metrics.v1beta1." + name);
        }
        if (pkg.equals(MODEL + ".apiextensions.v1")) {
            return Optional.of("io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1." + name);
        }
        if (pkg.startsWith(MODEL + ".") && pkg.matches(".*\\.v\\d+((alpha|beta)\\d+)?")) {
            return Optional.of("io.k8s.api." + pkg.substring(MODEL.length() + 1) + "." + name);
        }
        return Optional.empty();
    }
}

package io.kubeling.registry;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;

/**
 * Everything the generic machinery needs to serve one resource: its names for discovery, its
 * Java types, its strategy and the strategies of its subresources (such as {@code status}); for a custom
 * resource, what its CustomResourceDefinition adds ({@code custom}, else null); for a built-in resource served in a
 * version other than the one it is stored in, how its objects are converted ({@code conversion}, else null); for a
 * resource served from another resource's stored objects, how ({@code storedShape}, else null).
 */
public record ResourceDefinition<T extends HasMetadata>(
        String group,
        String version,
        String plural,
        String singular,
        String kind,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        Class<T> type,
        Class<? extends KubernetesResourceList<T>> listType,
        Strategy<T> strategy,
        Map<String, Strategy<T>> subresources,
        TableConvertor<T> table,
        CustomTraits custom,
        VersionConversion<T, ?> conversion,
        StoredShape storedShape) {

    /** A built-in resource. */
    public ResourceDefinition(String group, String version, String plural, String singular, String kind,
            boolean namespaced, List<String> shortNames, List<String> categories, Class<T> type,
            Class<? extends KubernetesResourceList<T>> listType, Strategy<T> strategy,
            Map<String, Strategy<T>> subresources, TableConvertor<T> table) {
        this(group, version, plural, singular, kind, namespaced, shortNames, categories, type, listType, strategy,
                subresources, table, null, null, null);
    }

    /** A custom resource. */
    public ResourceDefinition(String group, String version, String plural, String singular, String kind,
            boolean namespaced, List<String> shortNames, List<String> categories, Class<T> type,
            Class<? extends KubernetesResourceList<T>> listType, Strategy<T> strategy,
            Map<String, Strategy<T>> subresources, TableConvertor<T> table, CustomTraits custom) {
        this(group, version, plural, singular, kind, namespaced, shortNames, categories, type, listType, strategy,
                subresources, table, custom, null, null);
    }

    /** This built-in resource served from objects stored in another version, converted by {@code conversion}. */
    public ResourceDefinition<T> storedAs(VersionConversion<T, ?> conversion) {
        return new ResourceDefinition<>(group, version, plural, singular, kind, namespaced, shortNames, categories,
                type, listType, strategy, subresources, table, custom, conversion, storedShape);
    }

    /** This built-in resource served from another resource's stored objects, in the shape {@code shape} gives. */
    public ResourceDefinition<T> storedAs(StoredShape shape) {
        return new ResourceDefinition<>(group, version, plural, singular, kind, namespaced, shortNames, categories,
                type, listType, strategy, subresources, table, custom, conversion, shape);
    }

    /** Whether a CustomResourceDefinition defines this resource. */
    public boolean isCustom() {
        return custom != null;
    }

    public GroupResource groupResource() {
        return new GroupResource(group, plural);
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String listKind() {
        return custom != null ? custom.listKind() : kind + "List";
    }

    /** The kind as kube names it in messages: {@code Pod}, {@code Deployment.apps}. */
    public String qualifiedKind() {
        return group.isEmpty() ? kind : kind + "." + group;
    }

    /** The storage prefix of every object of this resource, or of those in one namespace. */
    public String keyPrefix(String namespace) {
        GroupResource stored = storedShape != null ? storedShape.storage() : groupResource();
        String base = "/registry/" + (stored.group().isEmpty() ? "" : stored.group() + "/") + stored.resource() + "/";
        return namespaced && namespace != null && !namespace.isEmpty() ? base + namespace + "/" : base;
    }

    public String key(String namespace, String name) {
        return keyPrefix(namespace) + name;
    }
}

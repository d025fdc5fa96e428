package io.kubeling.openapi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kubeling.openapi.ModelSchemas.Gvk;
import io.kubeling.registry.ReadOnlyResource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The paths of a resource that is computed on request (metrics-server's pod and node metrics: get and list) or
 * only created (kube's access and token reviews, the top-level bindings: a POST on the collection alone), with
 * the operations it serves and no others, as kube documents them.
 */
final class ComputedPaths {

    private final ReadOnlyResource resource;
    private final ModelSchemas schemas;

    ComputedPaths(ReadOnlyResource resource, ModelSchemas schemas) {
        this.resource = resource;
        this.schemas = schemas;
    }

    /** The model types of {@code resource} and of its list, where fabric8 has them, by their kinds. */
    static void addKinds(ReadOnlyResource resource, Map<Class<?>, List<Gvk>> kinds) {
        for (String kind : List.of(resource.kind(), resource.listKind())) {
            ModelClasses.forKind(resource.group(), resource.version(), kind).ifPresent(type -> kinds
                    .computeIfAbsent(type, t -> new java.util.ArrayList<>())
                    .add(new Gvk(resource.group(), resource.version(), kind)));
        }
    }

    void addTo(ObjectNode paths) {
        Optional<Class<?>> type = ModelClasses.forKind(resource.group(), resource.version(), resource.kind());
        if (type.isEmpty()) {
            return;
        }
        String group = resource.group();
        String version = resource.version();
        KindOperations ops = new KindOperations(group, version, resource.kind(), resource.namespaced());
        String base = group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
        String collection = base + (resource.namespaced() ? "/namespaces/{namespace}/" : "/") + resource.plural();
        String object = schemas.ref(type.get());
        Optional<String> list = ModelClasses.forKind(group, version, resource.listKind()).map(schemas::ref);
        List<String> verbs = resource.verbs();

        ObjectNode items = paths.putObject(collection);
        if (verbs.contains("list") && list.isPresent()) {
            items.set("get", ops.list("list", list.get()));
        }
        if (verbs.contains("create")) {
            items.set("post", ops.create(object));
        }
        items.set("parameters", Parameters.forPath(false, resource.namespaced()));

        if (verbs.contains("get")) {
            ObjectNode one = paths.putObject(collection + "/{name}");
            one.set("get", ops.read(object));
            one.set("parameters", Parameters.forPath(true, resource.namespaced()));
        }
        if (verbs.contains("list") && list.isPresent() && resource.namespaced()) {
            ObjectNode all = paths.putObject(base + "/" + resource.plural());
            all.set("get", ops.listAll("list", list.get()));
            all.set("parameters", Parameters.forPath(false, false));
        }
    }
}

package io.kubeling.openapi;

import static io.kubeling.openapi.OperationNames.capitalize;

import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Status;
import io.kubeling.openapi.ModelSchemas.Gvk;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.SubresourceEndpoint;
import io.kubeling.registry.SubresourceEndpoint.KindRef;
import tools.jackson.databind.node.ObjectNode;

/** The paths and operations of one served resource, its subresources included, as kube documents them. */
final class ResourcePaths {

    private final ResourceDefinition<?> def;
    private final ModelSchemas schemas;
    private final String tag;
    private final String gv;
    private final Gvk gvk;
    private final String scope;
    private final KindOperations ops;

    ResourcePaths(ResourceDefinition<?> def, ModelSchemas schemas) {
        this.def = def;
        this.schemas = schemas;
        this.ops = new KindOperations(def.group(), def.version(), def.kind(), def.namespaced());
        // the names of the operations only stored resources have (replace, patch, delete, subresources)
        this.tag = ops.tag;
        this.gv = ops.gv;
        this.gvk = ops.gvk;
        this.scope = ops.scope;
    }

    void addTo(ObjectNode paths, List<SubresourceEndpoint> endpoints) {
        String base = def.group().isEmpty() ? "/api/" + def.version() : "/apis/" + def.group() + "/" + def.version();
        String collection = base + (def.namespaced() ? "/namespaces/{namespace}/" : "/") + def.plural();
        String object = def.isCustom() ? schemas.custom(def, false) : schemas.ref(def.type());
        String list = def.isCustom() ? schemas.custom(def, true) : schemas.ref(def.listType());
        String status = schemas.ref(Status.class);
        String kind = def.kind();

        // a read-only resource (componentstatuses) documents only the verbs it serves: get, list and watch
        boolean writable = def.strategy() == null || !def.strategy().readOnly();
        ObjectNode items = paths.putObject(collection);
        items.set("get", ops.list("list or watch", list));
        if (writable) {
            addWrites(items, kind, object, status);
        }
        items.set("parameters", Parameters.forPath(false, def.namespaced()));

        ObjectNode one = paths.putObject(collection + "/{name}");
        one.set("get", ops.read(object));
        if (writable) {
            one.set("put", replace(kind, "", object));
            one.set("patch", patch(kind, "", object));
            ObjectNode delete = Operations.operation(tag, "delete a " + kind, "delete" + gv + scope + kind, "delete",
                    gvk, Parameters.DELETE, object);
            Operations.body(delete, List.of("*/*"), schemas.ref(DeleteOptions.class), false);
            one.set("delete", delete);
        }
        one.set("parameters", Parameters.forPath(true, def.namespaced()));

        if (def.namespaced()) {
            ObjectNode all = paths.putObject(base + "/" + def.plural());
            all.set("get", ops.listAll("list or watch", list));
            all.set("parameters", Parameters.forPath(false, false));
        }

        for (String sub : def.subresources().keySet().stream().sorted().toList()) {
            ObjectNode item = paths.putObject(collection + "/{name}/" + sub);
            String suffix = capitalize(sub);
            if (!sub.equals("finalize")) {
                item.set("get", Operations.operation(tag, "read " + sub + " of the specified " + kind,
                        "read" + gv + scope + kind + suffix, "get", gvk, List.of(), object));
                item.set("patch", patch(kind, sub, object));
            }
            item.set("put", replace(kind, sub, object));
            item.set("parameters", Parameters.forPath(true, def.namespaced()));
        }
        for (SubresourceEndpoint endpoint : endpoints) {
            addEndpoint(paths.putObject(collection + "/{name}/" + endpoint.subresource()), endpoint);
        }
    }

    private void addWrites(ObjectNode items, String kind, String object, String status) {
        items.set("post", ops.create(object));
        ObjectNode deleteAll = Operations.operation(tag, "delete collection of " + kind,
                "deletecollection" + gv + scope + kind, "deletecollection", gvk, Parameters.DELETE_COLLECTION, status);
        Operations.body(deleteAll, List.of("*/*"), schemas.ref(DeleteOptions.class), false);
        items.set("delete", deleteAll);
    }

    private void addEndpoint(ObjectNode item, SubresourceEndpoint endpoint) {
        KindRef ref = endpoint.kind();
        Gvk kindGvk = new Gvk(ref.group(), ref.version(), ref.kind());
        // An endpoint of the parent's own kind is not the object itself (pods/log): its answer is text.
        boolean parentKind = kindGvk.equals(gvk);
        Optional<Class<?>> type = parentKind ? Optional.empty()
                : ModelClasses.forKind(ref.group(), ref.version(), ref.kind());
        String schema = type.map(schemas::ref).orElse(null);
        String bodySchema = schema != null ? schema : schemas.builtin(BuiltinSchemas.RAW_EXTENSION);
        String sub = endpoint.subresource();
        String name = def.kind() + capitalize(sub);
        String about = sub + " of the specified " + def.kind();
        for (String verb : endpoint.verbs()) {
            switch (verb) {
                case "get" -> item.set("get", Operations.operation(tag, "read " + about,
                        "read" + gv + scope + name, "get", kindGvk, List.of(), schema));
                case "create" -> {
                    ObjectNode op = Operations.operation(tag, "create " + about, "create" + gv + scope + name,
                            "post", kindGvk, Parameters.WRITE, schema);
                    Operations.body(op, List.of("*/*"), bodySchema, true);
                    item.set("post", op);
                }
                case "update" -> {
                    ObjectNode op = Operations.operation(tag, "replace " + about, "replace" + gv + scope + name,
                            "put", kindGvk, Parameters.WRITE, schema);
                    Operations.body(op, List.of("*/*"), bodySchema, true);
                    item.set("put", op);
                }
                case "patch" -> {
                    ObjectNode op = Operations.operation(tag, "partially update " + about,
                            "patch" + gv + scope + name, "patch", kindGvk, Parameters.PATCH, schema);
                    Operations.body(op, Operations.PATCH_TYPES, patchSchema(), true);
                    item.set("patch", op);
                }
                default -> {
                    // other verbs have no HTTP method of their own here
                }
            }
        }
        item.set("parameters", Parameters.forPath(true, def.namespaced()));
    }

    private ObjectNode replace(String kind, String sub, String object) {
        String what = sub.isEmpty() ? "the specified " + kind : sub + " of the specified " + kind;
        ObjectNode op = Operations.operation(tag, "replace " + what, "replace" + gv + scope + kind + capitalize(sub),
                "put", gvk, Parameters.WRITE, object);
        Operations.body(op, List.of("*/*"), object, true);
        return op;
    }

    private ObjectNode patch(String kind, String sub, String object) {
        String what = sub.isEmpty() ? "the specified " + kind : sub + " of the specified " + kind;
        ObjectNode op = Operations.operation(tag, "partially update " + what,
                "patch" + gv + scope + kind + capitalize(sub), "patch", gvk, Parameters.PATCH, object);
        Operations.body(op, Operations.PATCH_TYPES, patchSchema(), true);
        return op;
    }

    private String patchSchema() {
        return schemas.builtin(BuiltinSchemas.PATCH);
    }
}

package io.kubeling.openapi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.version.Info;
import io.kubeling.openapi.ModelSchemas.Gvk;
import io.kubeling.registry.ReadOnlyResource;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.SubresourceEndpoint;
import io.kubeling.registry.SubresourceEndpoint.KindRef;
import io.kubeling.registry.SubresourceEndpoints;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Builds one OpenAPI 3.0 document: a group version's resources, or one of the discovery paths. */
final class DocumentBuilder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String serverVersion;

    DocumentBuilder(String serverVersion) {
        this.serverVersion = serverVersion;
    }

    /** The document of one group version (its resources share group and version). */
    ObjectNode groupVersion(List<ResourceDefinition<?>> defs, SubresourceEndpoints endpoints) {
        return groupVersion(defs.get(0).group(), defs.get(0).version(), defs, List.of(), endpoints);
    }

    /** The same with the group version's resources that are computed or only created, stored nowhere. */
    ObjectNode groupVersion(String group, String version, List<ResourceDefinition<?>> defs,
            List<ReadOnlyResource> computed, SubresourceEndpoints endpoints) {
        Map<Class<?>, List<Gvk>> kinds = new HashMap<>();
        for (ResourceDefinition<?> def : defs) {
            if (def.isCustom()) {
                addEndpointKinds(kinds, endpoints, def);
                continue;
            }
            kinds.computeIfAbsent(def.type(), t -> new ArrayList<>())
                    .add(new Gvk(def.group(), def.version(), def.kind()));
            kinds.computeIfAbsent(def.listType(), t -> new ArrayList<>())
                    .add(new Gvk(def.group(), def.version(), def.listKind()));
            addEndpointKinds(kinds, endpoints, def);
        }
        computed.forEach(resource -> ComputedPaths.addKinds(resource, kinds));
        ModelSchemas schemas = new ModelSchemas(kinds);
        ObjectNode paths = NODES.objectNode();
        String base = group.isEmpty() ? "/api/" + version + "/" : "/apis/" + group + "/" + version + "/";
        ObjectNode root = paths.putObject(base);
        root.set("get", Operations.operation(OperationNames.tag(group, version), "get available resources",
                "get" + OperationNames.groupVersion(group, version) + "APIResources", "get", null, List.of(),
                schemas.ref(APIResourceList.class)));
        for (ResourceDefinition<?> def : defs) {
            new ResourcePaths(def, schemas).addTo(paths, endpoints.of(def.groupResource()));
        }
        for (ReadOnlyResource resource : computed) {
            new ComputedPaths(resource, schemas).addTo(paths);
        }
        return document(paths, schemas);
    }

    private static void addEndpointKinds(Map<Class<?>, List<Gvk>> kinds, SubresourceEndpoints endpoints,
            ResourceDefinition<?> def) {
        for (SubresourceEndpoint endpoint : endpoints.of(def.groupResource())) {
            KindRef ref = endpoint.kind();
            Optional<Class<?>> type = ModelClasses.forKind(ref.group(), ref.version(), ref.kind());
            type.ifPresent(t -> {
                List<Gvk> list = kinds.computeIfAbsent(t, k -> new ArrayList<>());
                Gvk gvk = new Gvk(ref.group(), ref.version(), ref.kind());
                if (!list.contains(gvk)) {
                    list.add(gvk);
                }
            });
        }
    }

    /** /api: the versions of the core group. */
    ObjectNode coreVersions() {
        return single("/api/", "core", "get available API versions", "getCoreAPIVersions", APIVersions.class);
    }

    /** /apis: every group. */
    ObjectNode groups() {
        return single("/apis/", "apis", "get available API versions", "getAPIVersions", APIGroupList.class);
    }

    /** /apis/{group}: one group's versions. */
    ObjectNode group(String group) {
        String tag = OperationNames.tag(group, "").replaceFirst("_$", "");
        String id = "get" + OperationNames.groupVersion(group, "") + "APIGroup";
        return single("/apis/" + group + "/", tag, "get information of a group", id, APIGroup.class);
    }

    /** /version: the server's version. */
    ObjectNode version() {
        return single("/version/", "version", "get the version information for this server", "getCodeVersion",
                Info.class);
    }

    private ObjectNode single(String path, String tag, String description, String id, Class<?> response) {
        ModelSchemas schemas = new ModelSchemas(Map.of());
        ObjectNode paths = NODES.objectNode();
        paths.putObject(path).set("get", Operations.operation(tag, description, id, null, null, List.of(),
                schemas.ref(response)));
        return document(paths, schemas);
    }

    private ObjectNode document(ObjectNode paths, ModelSchemas schemas) {
        ObjectNode doc = NODES.objectNode();
        doc.put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", serverVersion);
        doc.set("paths", paths);
        ObjectNode components = doc.putObject("components");
        components.set("schemas", schemas.components());
        components.putObject("securitySchemes").putObject("BearerToken").put("type", "apiKey")
                .put("description", "Bearer Token authentication").put("name", "authorization")
                .put("in", "header");
        doc.putArray("security").addObject().putArray("BearerToken");
        return doc;
    }
}

package io.kubeling.api;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.kubeling.registry.ReadOnlyResource;
import io.kubeling.registry.ReadOnlyResources;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.SubresourceEndpoint;
import io.kubeling.registry.SubresourceEndpoints;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * Documents every built-in resource's paths and verbs in the springdoc document and Swagger UI, from the registry:
 * the stored ones, and those only created (access and token reviews, bindings) or computed on request (metrics),
 * with the verbs they serve and no others.
 */
@Component
class OpenApiResources implements OpenApiCustomizer {

    private static final List<String> LIST_PARAMS = List.of("labelSelector", "fieldSelector", "limit", "continue",
            "resourceVersion", "resourceVersionMatch", "pretty");
    private static final List<String> WRITE_PARAMS = List.of("dryRun", "fieldManager", "fieldValidation", "pretty");
    private static final List<String> DELETE_PARAMS = List.of("dryRun", "gracePeriodSeconds", "propagationPolicy",
            "pretty");
    private static final List<String> PATCH_TYPES = List.of(PatchApplier.JSON_PATCH, PatchApplier.MERGE_PATCH,
            PatchApplier.STRATEGIC_MERGE_PATCH);

    private final Registry registry;
    private final SubresourceEndpoints endpoints;
    private final ReadOnlyResources computed;

    OpenApiResources(Registry registry, SubresourceEndpoints endpoints, ReadOnlyResources computed) {
        this.registry = registry;
        this.endpoints = endpoints;
        this.computed = computed;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.info(new Info().title("Kubeling").version("v1")
                .description("A lightweight Kubernetes API server. Every path below behaves as kube-apiserver's; "
                        + "errors are v1 Status objects."));
        Paths paths = new Paths();
        for (ResourceDefinition<?> def : registry.definitions()) {
            if (def.type() == GenericKubernetesResource.class) {
                // custom resources come and go with their definitions; /openapi/v3 and /openapi/v2 describe them
                continue;
            }
            String base = def.group().isEmpty() ? "/api/" + def.version() : "/apis/" + def.group() + "/" + def.version();
            String collection = base + (def.namespaced() ? "/namespaces/{namespace}/" : "/") + def.plural();
            String tag = def.plural();
            PathItem items = new PathItem()
                    .get(op(tag, "list " + def.plural(), "list" + def.kind(), LIST_PARAMS, def.namespaced(), false));
            PathItem one = new PathItem()
                    .get(op(tag, "read a " + def.kind(), "read" + def.kind(), List.of("pretty"), def.namespaced(), true));
            if (!def.strategy().readOnly()) {
                items.post(op(tag, "create a " + def.kind(), "create" + def.kind(), WRITE_PARAMS, def.namespaced(),
                                false).requestBody(body(List.of("application/json", "application/yaml"))))
                        .delete(op(tag, "delete a collection of " + def.plural(), "deleteCollection" + def.kind(),
                                LIST_PARAMS, def.namespaced(), false));
                one.put(op(tag, "replace a " + def.kind(), "replace" + def.kind(), WRITE_PARAMS, def.namespaced(), true)
                                .requestBody(body(List.of("application/json", "application/yaml"))))
                        .patch(op(tag, "patch a " + def.kind(), "patch" + def.kind(), WRITE_PARAMS, def.namespaced(),
                                true).requestBody(body(PATCH_TYPES)))
                        .delete(op(tag, "delete a " + def.kind(), "delete" + def.kind(), DELETE_PARAMS,
                                def.namespaced(), true));
            }
            paths.addPathItem(collection, items);
            paths.addPathItem(collection + "/{name}", one);
            if (def.namespaced()) {
                paths.addPathItem(base + "/" + def.plural(), new PathItem().get(op(tag,
                        "list " + def.plural() + " in every namespace", "list" + def.kind() + "ForAllNamespaces",
                        LIST_PARAMS, false, false)));
            }
            for (String sub : def.subresources().keySet().stream().sorted().toList()) {
                String kindSub = def.kind() + Character.toUpperCase(sub.charAt(0)) + sub.substring(1);
                paths.addPathItem(collection + "/{name}/" + sub, new PathItem()
                        .get(op(tag, "read " + sub + " of a " + def.kind(), "read" + kindSub, List.of("pretty"),
                                def.namespaced(), true))
                        .put(op(tag, "replace " + sub + " of a " + def.kind(), "replace" + kindSub, WRITE_PARAMS,
                                def.namespaced(), true).requestBody(body(List.of("application/json"))))
                        .patch(op(tag, "patch " + sub + " of a " + def.kind(), "patch" + kindSub, WRITE_PARAMS,
                                def.namespaced(), true).requestBody(body(PATCH_TYPES))));
            }
            for (SubresourceEndpoint endpoint : endpoints.of(def.groupResource())) {
                paths.addPathItem(collection + "/{name}/" + endpoint.subresource(), endpointItem(def, endpoint));
            }
        }
        for (ReadOnlyResource resource : computed.all()) {
            addComputed(paths, resource);
        }
        openApi.setPaths(paths);
    }

    /** A resource stored nowhere: a POST on its collection when it is only created, GETs when it is computed. */
    private static void addComputed(Paths paths, ReadOnlyResource resource) {
        String base = resource.group().isEmpty() ? "/api/" + resource.version()
                : "/apis/" + resource.group() + "/" + resource.version();
        String collection = base + (resource.namespaced() ? "/namespaces/{namespace}/" : "/") + resource.plural();
        String tag = resource.plural();
        String kind = resource.kind();
        List<String> verbs = resource.verbs();
        PathItem items = new PathItem();
        if (verbs.contains("list")) {
            items.get(op(tag, "list " + resource.plural(), "list" + kind, LIST_PARAMS, resource.namespaced(), false));
        }
        if (verbs.contains("create")) {
            items.post(op(tag, "create a " + kind, "create" + kind, WRITE_PARAMS, resource.namespaced(), false)
                    .requestBody(body(List.of("application/json", "application/yaml"))));
        }
        paths.addPathItem(collection, items);
        if (verbs.contains("get")) {
            paths.addPathItem(collection + "/{name}", new PathItem().get(op(tag, "read a " + kind, "read" + kind,
                    List.of("pretty"), resource.namespaced(), true)));
        }
        if (verbs.contains("list") && resource.namespaced()) {
            paths.addPathItem(base + "/" + resource.plural(), new PathItem().get(op(tag,
                    "list " + resource.plural() + " in every namespace", "list" + kind + "ForAllNamespaces",
                    LIST_PARAMS, false, false)));
        }
    }

    /** A subresource served by its own endpoint, with the verbs it declares. */
    private static PathItem endpointItem(ResourceDefinition<?> def, SubresourceEndpoint endpoint) {
        String sub = endpoint.subresource();
        String kindSub = def.kind() + Character.toUpperCase(sub.charAt(0)) + sub.substring(1);
        String about = sub + " of a " + def.kind() + " (" + endpoint.kind().apiVersion() + " "
                + endpoint.kind().kind() + ")";
        String tag = def.plural();
        PathItem item = new PathItem();
        for (String verb : endpoint.verbs()) {
            switch (verb) {
                case "get" -> item.get(op(tag, "read " + about, "read" + kindSub, List.of("pretty"),
                        def.namespaced(), true));
                case "create" -> item.post(op(tag, "create " + about, "create" + kindSub, WRITE_PARAMS,
                        def.namespaced(), true).requestBody(body(List.of("application/json", "application/yaml"))));
                case "update" -> item.put(op(tag, "replace " + about, "replace" + kindSub, WRITE_PARAMS,
                        def.namespaced(), true).requestBody(body(List.of("application/json"))));
                case "patch" -> item.patch(op(tag, "patch " + about, "patch" + kindSub, WRITE_PARAMS,
                        def.namespaced(), true).requestBody(body(PATCH_TYPES)));
                default -> {
                    // verbs without an HTTP method of their own
                }
            }
        }
        return item;
    }

    private static Operation op(String tag, String summary, String id, List<String> query, boolean namespaced,
            boolean named) {
        Operation op = new Operation().addTagsItem(tag).summary(summary).operationId(id);
        if (namespaced) {
            op.addParametersItem(new Parameter().in("path").name("namespace").required(true).schema(new StringSchema()));
        }
        if (named) {
            op.addParametersItem(new Parameter().in("path").name("name").required(true).schema(new StringSchema()));
        }
        for (String q : query) {
            op.addParametersItem(new Parameter().in("query").name(q).required(false).schema(new StringSchema()));
        }
        Content json = new Content()
                .addMediaType("application/json", new MediaType().schema(new ObjectSchema()))
                .addMediaType("application/yaml", new MediaType().schema(new ObjectSchema()));
        op.responses(new ApiResponses()
                .addApiResponse("200", new ApiResponse().description("OK").content(json))
                .addApiResponse("default", new ApiResponse().description("a v1 Status describing the failure")
                        .content(json)));
        return op;
    }

    private static RequestBody body(List<String> mediaTypes) {
        Content content = new Content();
        for (String type : mediaTypes) {
            content.addMediaType(type, new MediaType().schema(new ObjectSchema()));
        }
        return new RequestBody().required(true).content(content);
    }
}

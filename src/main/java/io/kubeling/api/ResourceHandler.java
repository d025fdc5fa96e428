package io.kubeling.api;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.DeleteResult;
import io.kubeling.registry.EncodedObject;
import io.kubeling.registry.Errors;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ListResult;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.SubresourceCall;
import io.kubeling.registry.SubresourceEndpoint;
import io.kubeling.registry.SubresourceEndpoints;
import io.kubeling.registry.SubresourceReply;
import io.kubeling.registry.UpdateResult;
import io.kubeling.registry.WriteOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Carries out one resource request against the registry: the REST verbs of kube's endpoint handlers. */
@Component
class ResourceHandler {

    private final Registry registry;
    private final RequestBody bodies;
    private final PatchApplier patches;
    private final Codecs codecs;
    private final TableOutput tables;
    private final SubresourceEndpoints endpoints;
    private final ServerSideApply serverSideApply;
    private final PartialObjects partials;

    ResourceHandler(Registry registry, RequestBody bodies, PatchApplier patches, Codecs codecs, TableOutput tables,
            SubresourceEndpoints endpoints, ServerSideApply serverSideApply, PartialObjects partials) {
        this.registry = registry;
        this.partials = partials;
        this.serverSideApply = serverSideApply;
        this.endpoints = endpoints;
        this.bodies = bodies;
        this.patches = patches;
        this.codecs = codecs;
        this.tables = tables;
    }

    ApiResponse handle(String method, ApiPath path, HttpServletRequest request) {
        ResourceStore<?> store = store(path, method);
        if (store.definition().strategy().readOnly() && !method.equals("GET")) {
            throw notAllowed();
        }
        ApiResponse answer = handleTyped(method, path, request, store);
        String deprecated = store.definition().isCustom() ? store.definition().custom().deprecationWarning()
                : store.definition().strategy().deprecationWarning();
        if (deprecated == null) {
            return answer;
        }
        List<String> warnings = new ArrayList<>(answer.warnings());
        warnings.add(0, deprecated);
        return new ApiResponse(answer.code(), answer.body(), warnings);
    }

    /**
     * The store a path names, or 404 when the path does not fit the resource: a namespaced resource
     * is read across namespaces only by a list or watch, a cluster-scoped one never in a namespace.
     */
    ResourceStore<?> store(ApiPath path, String method) {
        ResourceStore<?> store = registry.find(path.group(), path.version(), path.resource())
                .orElseThrow(Errors::notFoundPath);
        ResourceDefinition<?> def = store.definition();
        boolean acrossNamespaces = method.equals("GET") && (path.isCollection() || path.legacyWatch());
        if (def.namespaced() && path.namespace() == null && !acrossNamespaces) {
            throw Errors.notFoundPath();
        }
        if (!def.namespaced() && path.namespace() != null) {
            throw Errors.notFoundPath();
        }
        if (path.subresource() != null && !def.subresources().containsKey(path.subresource())
                && endpoints.find(def.groupResource(), path.subresource()).isEmpty()) {
            throw Errors.notFoundPath();
        }
        return store;
    }

    /** Whether a GET asks for a watch: the legacy /watch/ path or watch=true. */
    static boolean isWatch(String method, ApiPath path, HttpServletRequest request) {
        return method.equals("GET") && path.subresource() == null
                && (path.legacyWatch() || GoBool.parse("watch", request.getParameter("watch"), false));
    }

    private <T extends HasMetadata> ApiResponse handleTyped(String method, ApiPath path, HttpServletRequest request,
            ResourceStore<T> store) {
        String ns = path.namespace();
        if (path.subresource() != null) {
            SubresourceEndpoint endpoint = endpoints.find(store.definition().groupResource(), path.subresource())
                    .orElse(null);
            if (endpoint != null) {
                return subresource(endpoint, method, path, request);
            }
        }
        if (path.isCollection()) {
            return switch (method) {
                case "GET" -> list(store, ns, request);
                case "POST" -> create(store, ns, request);
                case "DELETE" -> deleteCollection(store, ns, request);
                default -> throw notAllowed();
            };
        }
        return switch (method) {
            case "GET" -> get(store, ns, path.name(), request);
            case "PUT" -> replace(store, ns, path, request);
            case "PATCH" -> patch(store, ns, path, request);
            case "DELETE" -> {
                if (path.subresource() != null) {
                    throw notAllowed();
                }
                yield delete(store, ns, path.name(), request);
            }
            default -> throw notAllowed();
        };
    }

    private <T extends HasMetadata> ApiResponse list(ResourceStore<T> store, String ns, HttpServletRequest request) {
        ResponseTarget target = Negotiation.target(request.getHeader(HttpHeaders.ACCEPT), true);
        if (target.is(ResponseTarget.PARTIAL)) {
            throw PartialObjects.misfit(target, store.definition(), true);
        }
        ListOptions options = QueryOptions.validatedList(request);
        if (options.consistentRead()) {
            store.awaitConsistentRead("list");
        }
        if (target.view() == null) {
            return ApiResponse.ok(ListEnvelope.encoded(codecs.json(), store.definition(),
                    store.listEncoded(ns, options)), List.of());
        }
        ListResult<T> result = store.list(ns, options);
        ObjectNode list = ListEnvelope.of(codecs.json(), store.definition(), result);
        if (target.is(ResponseTarget.TABLE)) {
            return ApiResponse.ok(tables.table(store.definition(), result.items(), list.get("metadata"),
                    target.version(), request.getParameter("includeObject")), List.of());
        }
        if (target.is(ResponseTarget.PARTIAL_LIST)) {
            return ApiResponse.ok(partials.list(result.items(), list.get("metadata"), target.version()), List.of());
        }
        return ApiResponse.ok(list, List.of());
    }

    private <T extends HasMetadata> ApiResponse get(ResourceStore<T> store, String ns, String name,
            HttpServletRequest request) {
        ResponseTarget target = Negotiation.target(request.getHeader(HttpHeaders.ACCEPT), true);
        if (target.is(ResponseTarget.PARTIAL_LIST)) {
            throw PartialObjects.misfit(target, store.definition(), false);
        }
        store.awaitGetRevision(request.getParameter("resourceVersion"));
        if (target.view() == null) {
            return ApiResponse.ok(EncodedBody.line(store.getEncoded(ns, name)), List.of());
        }
        T object = store.get(ns, name);
        if (target.is(ResponseTarget.TABLE)) {
            ObjectNode meta = codecs.json().createObjectNode().put("resourceVersion",
                    object.getMetadata().getResourceVersion());
            return ApiResponse.ok(tables.table(store.definition(), List.of(object), meta, target.version(),
                    request.getParameter("includeObject")), List.of());
        }
        if (target.is(ResponseTarget.PARTIAL)) {
            return ApiResponse.ok(partials.object(object, target.version()), List.of());
        }
        return ApiResponse.ok(object, List.of());
    }

    private <T extends HasMetadata> ApiResponse create(ResourceStore<T> store, String ns, HttpServletRequest request) {
        FieldValidation validation = FieldValidation.parse(request.getParameter("fieldValidation"), "CreateOptions");
        WriteOptions options = QueryOptions.write(request, "CreateOptions");
        List<String> warnings = new ArrayList<>();
        T object = bodies.object(bodies.read(request), request.getContentType(), store.definition(), validation,
                warnings);
        AuditFilter.requestObject(request, object);
        T created = store.create(ns, object, options);
        warnings.addAll(store.definition().strategy().warnings(created));
        return new ApiResponse(201, written(store, ns, created, request), warnings);
    }

    private <T extends HasMetadata> ApiResponse replace(ResourceStore<T> store, String ns, ApiPath path,
            HttpServletRequest request) {
        FieldValidation validation = FieldValidation.parse(request.getParameter("fieldValidation"), "UpdateOptions");
        WriteOptions options = QueryOptions.write(request, "UpdateOptions");
        List<String> warnings = new ArrayList<>();
        T object = bodies.object(bodies.read(request), request.getContentType(), store.definition(), validation,
                warnings);
        AuditFilter.requestObject(request, object);
        UpdateResult<T> result = store.replace(ns, path.name(), path.subresource(), object, options);
        return new ApiResponse(result.created() ? 201 : 200, written(store, ns, result.object(), request), warnings);
    }

    /**
     * A written object as the answer: for the plain object, the encoding a get of its revision sends, made once
     * here and kept for the reads that follow; what {@link #get} answers the same request with.
     */
    private static <T extends HasMetadata> Object written(ResourceStore<T> store, String ns, T object,
            HttpServletRequest request) {
        return encodedUnlessViewed(request, object, () -> store.encodedWritten(ns, object));
    }

    /** A delete's object, sent from the encoding of the revision it removed when that is cached. */
    private static <T extends HasMetadata> Object deleted(ResourceStore<T> store, DeleteResult<T> result,
            HttpServletRequest request) {
        return encodedUnlessViewed(request, result.object(), () -> store.encodedDeleted(result));
    }

    /**
     * The encoding {@code encoding} gives, for a request that takes the plain object; else, or when it gives none,
     * {@code object} for the response's own encoding (which also refuses an Accept header it cannot serve).
     */
    private static Object encodedUnlessViewed(HttpServletRequest request, Object object,
            java.util.function.Supplier<EncodedObject> encoding) {
        ResponseTarget target;
        try {
            target = Negotiation.target(request.getHeader(HttpHeaders.ACCEPT), true);
        } catch (RuntimeException e) {
            // the answer's encoding refuses the request as before
            return object;
        }
        EncodedObject encoded = target.view() != null ? null : encoding.get();
        return encoded == null ? object : EncodedBody.line(encoded);
    }

    private <T extends HasMetadata> ApiResponse patch(ResourceStore<T> store, String ns, ApiPath path,
            HttpServletRequest request) {
        String patchType = PatchApplier.patchType(request.getContentType());
        if (patchType == null) {
            throw Errors.unsupportedMediaType("the body of the request was in an unknown format - accepted media types "
                    + "include: application/json-patch+json, application/merge-patch+json, "
                    + "application/strategic-merge-patch+json, application/apply-patch+yaml");
        }
        if (patchType.equals(PatchApplier.STRATEGIC_MERGE_PATCH) && store.definition().isCustom()) {
            // kube has no patch strategies for custom resources and refuses the media type
            throw Errors.unsupportedMediaType("the body of the request was in an unknown format - accepted media "
                    + "types include: application/json-patch+json, application/merge-patch+json, "
                    + "application/apply-patch+yaml");
        }
        if (patchType.equals(PatchApplier.APPLY_PATCH)) {
            return serverSideApply.apply(store, ns, path, request);
        }
        if (request.getParameter("force") != null) {
            throw Errors.invalid("PatchOptions.meta.k8s.io", "PatchOptions", "meta.k8s.io", "", List.of(
                    io.kubeling.registry.validation.FieldError.forbidden("force",
                            "may not be specified for non-apply patch")));
        }
        FieldValidation validation = FieldValidation.parse(request.getParameter("fieldValidation"), "PatchOptions");
        WriteOptions options = QueryOptions.write(request, "PatchOptions");
        byte[] patch = bodies.read(request);
        ResourceDefinition<T> def = store.definition();
        List<String> warnings = new ArrayList<>();
        // the patch reads the current object and returns one of its own: it needs no decoded copy to edit
        UpdateResult<T> result = store.replaceParts(ns, path.name(), path.subresource(), current -> {
            if (current == null) {
                return null;
            }
            List<String> attemptWarnings = new ArrayList<>();
            List<String> patchFindings = new ArrayList<>();
            JsonNode patched = patches.apply(patchType, codecs.json().valueToTree(current), patch, def.type(),
                    validation == FieldValidation.IGNORE ? null : patchFindings);
            T object = bodies.decodePatched(patched, def, validation, attemptWarnings, patchFindings);
            // A resourceVersion the patch did not change is the current one, not a precondition: retry on conflict.
            String version = object.getMetadata() == null ? null : object.getMetadata().getResourceVersion();
            if (version != null && version.equals(current.getMetadata().getResourceVersion())) {
                object.getMetadata().setResourceVersion(null);
            }
            warnings.clear();
            warnings.addAll(attemptWarnings);
            return object;
        }, options);
        return ApiResponse.ok(result.object(), warnings);
    }

    private <T extends HasMetadata> ApiResponse delete(ResourceStore<T> store, String ns, String name,
            HttpServletRequest request) {
        DeleteOptions options = QueryOptions.delete(request, deleteBody(request));
        DeleteResult<T> result = store.delete(ns, name, options);
        if (!result.deleted() || store.definition().strategy().returnDeletedObject()) {
            return ApiResponse.ok(deleted(store, result, request), List.of());
        }
        Status status = new Status();
        status.setApiVersion("v1");
        status.setKind("Status");
        status.setMetadata(new ListMeta());
        status.setStatus("Success");
        StatusDetails details = new StatusDetails();
        details.setName(name);
        details.setGroup(store.definition().group().isEmpty() ? null : store.definition().group());
        details.setKind(store.definition().plural());
        details.setUid(result.object().getMetadata().getUid());
        status.setDetails(details);
        return ApiResponse.ok(status, List.of());
    }

    private <T extends HasMetadata> ApiResponse deleteCollection(ResourceStore<T> store, String ns,
            HttpServletRequest request) {
        ListOptions listOptions = QueryOptions.list(request);
        DeleteOptions options = QueryOptions.delete(request, deleteBody(request));
        List<T> deleted = store.deleteCollection(ns, listOptions, options);
        ListMeta meta = new ListMeta();
        return ApiResponse.ok(ListEnvelope.of(codecs.json(), store.definition(), deleted, meta), List.of());
    }

    private ApiResponse subresource(SubresourceEndpoint endpoint, String method, ApiPath path,
            HttpServletRequest request) {
        SubresourceReply reply = switch (method) {
            case "GET" -> endpoint.get(call(path, request, null, WriteOptions.DEFAULT));
            case "POST" -> endpoint.create(call(path, request, body(request, "CreateOptions", endpoint),
                    QueryOptions.write(request, "CreateOptions")));
            case "PUT" -> endpoint.update(call(path, request, body(request, "UpdateOptions", endpoint),
                    QueryOptions.write(request, "UpdateOptions")));
            case "PATCH" -> patchSubresource(endpoint, path, request);
            default -> throw notAllowed();
        };
        return new ApiResponse(reply.code(), reply.body(), List.of());
    }

    private SubresourceReply patchSubresource(SubresourceEndpoint endpoint, ApiPath path,
            HttpServletRequest request) {
        String patchType = PatchApplier.patchType(request.getContentType());
        if (patchType == null || patchType.equals(PatchApplier.APPLY_PATCH)) {
            throw Errors.unsupportedMediaType("the body of the request was in an unknown format - accepted media types "
                    + "include: application/json-patch+json, application/merge-patch+json, "
                    + "application/strategic-merge-patch+json");
        }
        FieldValidation validation = FieldValidation.parse(request.getParameter("fieldValidation"), "PatchOptions");
        WriteOptions options = QueryOptions.write(request, "PatchOptions");
        byte[] patch = bodies.read(request);
        for (int attempt = 1; ; attempt++) {
            Object current = endpoint.get(call(path, request, null, WriteOptions.DEFAULT)).body();
            // the patch is read as the validation asks; what the strict read finds in it is not reported here
            JsonNode patched = patches.apply(patchType, codecs.json().valueToTree(current), patch, Object.class,
                    validation == FieldValidation.IGNORE ? null : new ArrayList<>());
            bodies.requirePatchedObject(patched);
            try {
                return endpoint.update(call(path, request, patched, options));
            } catch (StatusException e) {
                // As kube's patcher: a patch that names no resourceVersion is applied again to what won the race.
                if (e.code() != 409 || attempt >= 5 || new String(patch, java.nio.charset.StandardCharsets.UTF_8)
                        .contains("\"resourceVersion\"")) {
                    throw e;
                }
            }
        }
    }

    private JsonNode body(HttpServletRequest request, String optionsKind, SubresourceEndpoint endpoint) {
        FieldValidation validation = FieldValidation.parse(request.getParameter("fieldValidation"), optionsKind);
        return bodies.tree(bodies.read(request), request.getContentType(), validation, endpoint.kind().kind(),
                endpoint.kind().version());
    }

    private static SubresourceCall call(ApiPath path, HttpServletRequest request, JsonNode body,
            WriteOptions options) {
        return new SubresourceCall(path.namespace(), path.name(), request.getParameterMap(), body, options);
    }

    private JsonNode deleteBody(HttpServletRequest request) {
        byte[] body = bodies.read(request);
        if (body.length == 0) {
            return null;
        }
        return bodies.deleteOptions(bodies.tree(body, request.getContentType(), FieldValidation.IGNORE));
    }

    static RuntimeException notAllowed() {
        return Errors.methodNotAllowed();
    }
}

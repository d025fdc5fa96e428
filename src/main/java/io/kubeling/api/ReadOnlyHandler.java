package io.kubeling.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.StatusDetails;
import io.kubeling.registry.Errors;
import io.kubeling.registry.ReadOnlyResource;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.WriteOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves a {@link ReadOnlyResource} as kube's generic API server serves a storage that only gets and lists:
 * GET of an object or a collection (as a list or a Table), a watch refused as not supported, other verbs
 * not allowed, and paths the resource's scope does not have not found.
 */
@Component
class ReadOnlyHandler {

    private final JsonMapper json;
    private final RequestBody bodies;

    ReadOnlyHandler(Codecs codecs, RequestBody bodies) {
        this.json = codecs.json();
        this.bodies = bodies;
    }

    ApiResponse handle(String method, ApiPath path, HttpServletRequest request, ReadOnlyResource resource) {
        boolean collection = path.isCollection();
        if (path.legacyWatch() || path.subresource() != null
                || (!resource.namespaced() && path.namespace() != null)
                || (resource.namespaced() && path.namespace() == null && !collection)) {
            throw Errors.notFoundPath();
        }
        if (method.equals("POST") && collection && resource.verbs().contains("create")) {
            return create(path, request, resource);
        }
        if (!method.equals("GET") || !resource.verbs().contains(collection ? "list" : "get")) {
            throw Errors.methodNotAllowed();
        }
        ResponseTarget target = Negotiation.target(request.getHeader(HttpHeaders.ACCEPT), true);
        if (!collection) {
            Map<String, Object> object = resource.get(path.namespace(), path.name());
            if (target.is(ResponseTarget.TABLE)) {
                return ApiResponse.ok(table(resource, List.of(object), target.version(),
                        request.getParameter("includeObject")), List.of());
            }
            return ApiResponse.ok(object, List.of());
        }
        if (GoBool.parse("watch", request.getParameter("watch"), false)) {
            StatusDetails details = new StatusDetails();
            details.setGroup(resource.group());
            details.setKind(resource.plural());
            throw Errors.error(405, "MethodNotAllowed", "watch is not supported on resources of kind \""
                    + resource.plural() + "." + resource.group() + "\"", details);
        }
        List<Map<String, Object>> items = resource.list(path.namespace(), QueryOptions.validatedList(request));
        if (target.is(ResponseTarget.TABLE)) {
            return ApiResponse.ok(table(resource, items, target.version(), request.getParameter("includeObject")),
                    List.of());
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("kind", resource.listKind());
        list.put("apiVersion", resource.apiVersion());
        list.put("metadata", Map.of());
        list.put("items", items);
        return ApiResponse.ok(list, List.of());
    }

    /** A create that stores nothing: the body, decoded and checked against the path's kind, answered 201. */
    @SuppressWarnings("unchecked")
    private ApiResponse create(ApiPath path, HttpServletRequest request, ReadOnlyResource resource) {
        WriteOptions options = QueryOptions.write(request, "CreateOptions");
        JsonNode tree = bodies.tree(bodies.read(request), request.getContentType(), FieldValidation.STRICT,
                resource.kind(), resource.version());
        String apiVersion = tree.path("apiVersion").asString("");
        String kind = tree.path("kind").asString("");
        if ((!apiVersion.isEmpty() && !apiVersion.equals(resource.apiVersion()))
                || (!kind.isEmpty() && !kind.equals(resource.kind()))) {
            throw Errors.badRequest("the API version in the data (" + apiVersion + ") does not match the expected "
                    + "API version (" + resource.apiVersion() + ")");
        }
        Map<String, Object> object = json.convertValue(tree, Map.class);
        object.put("apiVersion", resource.apiVersion());
        object.put("kind", resource.kind());
        return new ApiResponse(201, resource.create(path.namespace(), object, RequestUser.of(request), options),
                List.of());
    }

    private ObjectNode table(ReadOnlyResource resource, List<Map<String, Object>> items, String version,
            String includeObject) {
        String include = includeObject == null || includeObject.isEmpty() ? "Metadata" : includeObject;
        if (!List.of("None", "Metadata", "Object").contains(include)) {
            throw Errors.badRequest("includeObject: Unsupported value: \"" + include
                    + "\": supported values: \"None\", \"Metadata\", \"Object\"");
        }
        ObjectNode table = json.createObjectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/" + version);
        table.putObject("metadata");
        ArrayNode columns = table.putArray("columnDefinitions");
        for (TableColumn c : resource.columns()) {
            columns.addObject().put("name", c.name()).put("type", c.type()).put("format", c.format())
                    .put("description", c.description()).put("priority", c.priority());
        }
        ArrayNode rows = table.putArray("rows");
        for (Map<String, Object> item : items) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            resource.cells(item).forEach(cell -> cells.add(json.valueToTree(cell)));
            switch (include) {
                case "Object" -> row.set("object", json.valueToTree(item));
                case "Metadata" -> {
                    ObjectNode partial = row.putObject("object");
                    partial.put("kind", "PartialObjectMetadata");
                    partial.put("apiVersion", "meta.k8s.io/v1");
                    partial.set("metadata", json.valueToTree(item.get("metadata")));
                }
                default -> {
                }
            }
        }
        return table;
    }
}

package io.kubeling.openapi;

import java.util.List;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One operation of a path, with the extensions kubectl reads: {@code x-kubernetes-action}, and
 * {@code x-kubernetes-group-version-kind}, by which it finds a kind's schema and checks that its PATCH takes
 * fieldValidation before leaving validation to the server.
 */
final class Operations {

    static final List<String> MEDIA_TYPES = List.of("application/json", "application/yaml");
    static final List<String> PATCH_TYPES = List.of("application/json-patch+json", "application/merge-patch+json",
            "application/strategic-merge-patch+json", "application/apply-patch+yaml");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Operations() {
    }

    /**
     * @param action   the kube verb, or null for discovery operations, which have none
     * @param gvk      the kind acted on, or null for operations on no kind (discovery)
     * @param response the reference of the answer's schema, or null for a plain string (logs)
     */
    static ObjectNode operation(String tag, String description, String id, String action, ModelSchemas.Gvk gvk,
            List<String> query, String response) {
        ObjectNode op = NODES.objectNode();
        op.putArray("tags").add(tag);
        op.put("description", description);
        op.put("operationId", id);
        if (!query.isEmpty()) {
            Parameters.addQuery(op.putArray("parameters"), query);
        }
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description", "OK");
        ObjectNode content = ok.putObject("content");
        if (response == null) {
            content.putObject("text/plain").putObject("schema").put("type", "string");
        } else {
            for (String type : MEDIA_TYPES) {
                content.putObject(type).putObject("schema").put("$ref", response);
            }
        }
        if ("post".equals(action) || "put".equals(action)) {
            responses.set("201", created(response, "Created"));
        }
        if ("post".equals(action) || "delete".equals(action)) {
            responses.set("202", created(response, "Accepted"));
        }
        responses.putObject("401").put("description", "Unauthorized");
        if (action != null) {
            op.put("x-kubernetes-action", action);
        }
        if (gvk != null) {
            op.putObject("x-kubernetes-group-version-kind").put("group", gvk.group()).put("kind", gvk.kind())
                    .put("version", gvk.version());
        }
        return op;
    }

    /** A request body of one schema, in any of {@code types}. */
    static void body(ObjectNode op, List<String> types, String schema, boolean required) {
        ObjectNode body = NODES.objectNode();
        ObjectNode content = body.putObject("content");
        for (String type : types) {
            content.putObject(type).putObject("schema").put("$ref", schema);
        }
        body.put("required", required);
        // kube lists requestBody after parameters; the order is cosmetic.
        op.set("requestBody", body);
    }

    private static ObjectNode created(String response, String description) {
        ObjectNode node = NODES.objectNode().put("description", description);
        ObjectNode content = node.putObject("content");
        for (String type : MEDIA_TYPES) {
            ObjectNode schema = content.putObject(type).putObject("schema");
            if (response == null) {
                schema.put("type", "string");
            } else {
                schema.put("$ref", response);
            }
        }
        return node;
    }
}

package io.kubeling.openapi;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the OpenAPI 3.0 documents of {@link OpenApiV3Documents} as the one Swagger 2.0 document kube serves at
 * /openapi/v2: every path of every document, and their schemas as {@code definitions}, with the shapes kube's v2
 * has where 2.0 lacks 3.0's (a reference beside a description, a value that is a string or a number).
 */
final class SwaggerConversion {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String V3_REF = "#/components/schemas/";
    private static final String V2_REF = "#/definitions/";
    private static final String GVK = "x-kubernetes-group-version-kind";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch");

    private final Map<String, JsonNode> paths = new TreeMap<>();
    private final Map<String, ObjectNode> definitions = new TreeMap<>();
    private JsonNode info;
    private JsonNode securitySchemes;
    private JsonNode security;

    /** Adds one v3 document's paths and schemas; a schema several documents share keeps every kind named. */
    void add(JsonNode v3) {
        info = v3.get("info");
        securitySchemes = v3.at("/components/securitySchemes");
        security = v3.get("security");
        v3.get("paths").properties().forEach(e -> paths.put(e.getKey(), pathItem(e.getValue())));
        v3.at("/components/schemas").properties().forEach(e -> {
            ObjectNode schema = schema(e.getValue());
            ObjectNode known = definitions.putIfAbsent(e.getKey(), schema);
            if (known != null && schema.has(GVK)) {
                mergeKinds(known, (ArrayNode) schema.get(GVK));
            }
        });
    }

    ObjectNode document() {
        ObjectNode doc = NODES.objectNode();
        doc.put("swagger", "2.0");
        doc.set("info", info.deepCopy());
        ObjectNode pathsNode = doc.putObject("paths");
        paths.forEach(pathsNode::set);
        ObjectNode definitionsNode = doc.putObject("definitions");
        definitions.forEach(definitionsNode::set);
        if (securitySchemes != null && !securitySchemes.isMissingNode()) {
            doc.set("securityDefinitions", securitySchemes.deepCopy());
        }
        if (security != null) {
            doc.set("security", security.deepCopy());
        }
        return doc;
    }

    private static void mergeKinds(ObjectNode known, ArrayNode kinds) {
        ArrayNode list = known.has(GVK) ? (ArrayNode) known.get(GVK) : known.putArray(GVK);
        for (JsonNode kind : kinds) {
            if (!list.valueStream().anyMatch(kind::equals)) {
                list.add(kind);
            }
        }
    }

    private static ObjectNode pathItem(JsonNode item) {
        ObjectNode out = NODES.objectNode();
        item.properties().forEach(e -> {
            if (METHODS.contains(e.getKey())) {
                out.set(e.getKey(), operation(e.getValue()));
            } else if (e.getKey().equals("parameters")) {
                out.set("parameters", parameters(e.getValue()));
            } else {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return out;
    }

    /** An operation: the request body becomes the {@code body} parameter, media types move to consumes/produces. */
    private static ObjectNode operation(JsonNode op) {
        ObjectNode out = NODES.objectNode();
        if (op.has("description")) {
            out.set("description", op.get("description"));
        }
        ArrayNode consumes = out.putArray("consumes");
        JsonNode body = op.get("requestBody");
        if (body == null) {
            consumes.add("*/*");
        } else {
            body.get("content").propertyNames().forEach(consumes::add);
        }
        Set<String> produced = new LinkedHashSet<>();
        op.get("responses").forEach(r -> {
            if (r.has("content")) {
                produced.addAll(r.get("content").propertyNames());
            }
        });
        ArrayNode produces = out.putArray("produces");
        produced.forEach(produces::add);
        out.putArray("schemes").add("https");
        out.set("tags", op.get("tags"));
        out.set("operationId", op.get("operationId"));
        ArrayNode parameters = NODES.arrayNode();
        if (body != null) {
            ObjectNode param = parameters.addObject().put("name", "body").put("in", "body")
                    .put("required", body.path("required").asBoolean(false));
            param.set("schema", schema(body.get("content").values().iterator().next().get("schema")));
        }
        if (op.has("parameters")) {
            parameters.addAll(parameters(op.get("parameters")));
        }
        if (!parameters.isEmpty()) {
            out.set("parameters", parameters);
        }
        ObjectNode responses = out.putObject("responses");
        op.get("responses").properties().forEach(e -> {
            ObjectNode response = responses.putObject(e.getKey());
            response.set("description", e.getValue().get("description"));
            JsonNode content = e.getValue().get("content");
            if (content != null && !content.isEmpty()) {
                response.set("schema", schema(content.values().iterator().next().get("schema")));
            }
        });
        op.properties().forEach(e -> {
            if (e.getKey().startsWith("x-")) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return out;
    }

    /** Parameters other than the body carry their type themselves in 2.0, not in a schema. */
    private static ArrayNode parameters(JsonNode parameters) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode p : parameters) {
            ObjectNode param = out.addObject();
            p.path("schema").properties().forEach(e -> param.set(e.getKey(), e.getValue().deepCopy()));
            p.properties().forEach(e -> {
                if (!e.getKey().equals("schema")) {
                    param.set(e.getKey(), e.getValue().deepCopy());
                }
            });
        }
        return out;
    }

    static ObjectNode schema(JsonNode s) {
        ObjectNode out = NODES.objectNode();
        JsonNode allOf = s.get("allOf");
        if (allOf != null && allOf.size() == 1 && allOf.get(0).has("$ref")) {
            // 3.0 wraps a reference in allOf to give it a description; 2.0 writes them side by side.
            out.put("$ref", ref(allOf.get(0).get("$ref").asString()));
            s.properties().forEach(e -> {
                if (e.getKey().equals("description") || e.getKey().startsWith("x-")) {
                    out.set(e.getKey(), e.getValue().deepCopy());
                }
            });
            return out;
        }
        if (!s.has("type") && (s.has("oneOf") || s.has("anyOf"))) {
            // kube's v2 writes a value that is a string or a number (Quantity, IntOrString) as a string.
            out.put("type", "string");
        }
        s.properties().forEach(e -> {
            String key = e.getKey();
            JsonNode value = e.getValue();
            switch (key) {
                case "$ref" -> out.put("$ref", ref(value.asString()));
                case "properties" -> {
                    ObjectNode props = out.putObject("properties");
                    value.properties().forEach(p -> props.set(p.getKey(), schema(p.getValue())));
                }
                case "additionalProperties", "items" ->
                        out.set(key, value.isObject() ? schema(value) : value.deepCopy());
                case "allOf" -> {
                    ArrayNode list = out.putArray("allOf");
                    value.forEach(v -> list.add(schema(v)));
                }
                case "oneOf", "anyOf", "not", "nullable" -> {
                    // no 2.0 counterpart
                }
                default -> out.set(key, value.deepCopy());
            }
        });
        return out;
    }

    private static String ref(String v3) {
        return v3.startsWith(V3_REF) ? V2_REF + v3.substring(V3_REF.length()) : v3;
    }
}

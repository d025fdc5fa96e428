package io.kubeling.registry;

import tools.jackson.databind.JsonNode;

/**
 * What a resource defined by a CustomResourceDefinition has beyond a built-in one, for the layers that serve
 * it: its list kind, the OpenAPI v3 schema of its version (null when it has none), the warning each request
 * to a deprecated version gets (null when it is not deprecated), and how its objects are read from and written
 * to storage (null: only the apiVersion is rewritten on read).
 */
public record CustomTraits(String listKind, JsonNode openApiSchema, String deprecationWarning,
        CustomConversion conversion) {

    public CustomTraits(String listKind, JsonNode openApiSchema, String deprecationWarning) {
        this(listKind, openApiSchema, deprecationWarning, null);
    }
}

package io.kubeling.registry;

import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One request to a {@link SubresourceEndpoint}: the object it names, the query parameters, and the
 * decoded body (null for GET).
 */
public record SubresourceCall(String namespace, String name, Map<String, String[]> parameters, JsonNode body,
        WriteOptions options) {

    /** A query parameter's first value, or null. */
    public String parameter(String key) {
        String[] values = parameters.get(key);
        return values == null || values.length == 0 ? null : values[0];
    }
}

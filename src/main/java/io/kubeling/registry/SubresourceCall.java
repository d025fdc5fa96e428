package io.kubeling.registry;

import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import tools.jackson.databind.JsonNode;

/**
 * One request to a {@link SubresourceEndpoint}: the object it names, the query parameters, and the
 * decoded body (null for GET).
 */
public record SubresourceCall(String namespace, String name, Map<String, String[]> parameters, JsonNode body,
        WriteOptions options) {

    /**
     * The name in the body's metadata, which must be the one in the URL, as kube's binding and
     * eviction handlers require; 400 otherwise.
     */
    public String bodyName(ObjectMeta metadata, String kind) {
        String named = metadata == null ? null : metadata.getName();
        if (!name.equals(named)) {
            throw Errors.badRequest("name in URL does not match name in " + kind + " object");
        }
        return named;
    }

    /** A query parameter's first value, or null. */
    public String parameter(String key) {
        String[] values = parameters.get(key);
        return values == null || values.length == 0 ? null : values[0];
    }
}

package io.kubeling.resources.eventsapi;

import java.util.Map;

import io.kubeling.registry.GroupResource;
import io.kubeling.registry.StoredShape;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * events.k8s.io/v1 Events are core Events in storage, converted as kube's events/v1 conversion does: the fields
 * that kept their meaning under new names ({@code involvedObject} is {@code regarding}, {@code message} is
 * {@code note}, {@code reportingComponent} is {@code reportingController}) and the deprecated ones.
 */
final class CoreEventShape implements StoredShape {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Core field to events.k8s.io field. */
    private static final Map<String, String> RENAMED = Map.of(
            "involvedObject", "regarding",
            "message", "note",
            "reportingComponent", "reportingController",
            "source", "deprecatedSource",
            "firstTimestamp", "deprecatedFirstTimestamp",
            "lastTimestamp", "deprecatedLastTimestamp",
            "count", "deprecatedCount");
    private static final Map<String, String> BACK = inverse();

    @Override
    public GroupResource storage() {
        return new GroupResource("", "events");
    }

    @Override
    public byte[] fromStorage(byte[] stored) {
        return rename(stored, RENAMED, "events.k8s.io/v1");
    }

    @Override
    public byte[] toStorage(byte[] served) {
        return rename(served, BACK, "v1");
    }

    private static byte[] rename(byte[] json, Map<String, String> names, String apiVersion) {
        JsonNode tree = JSON.readTree(json);
        if (!(tree instanceof ObjectNode object)) {
            return json;
        }
        ObjectNode out = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = names.getOrDefault(field.getKey(), field.getKey());
            out.set(name, field.getKey().equals("apiVersion") ? out.stringNode(apiVersion) : field.getValue());
        }
        if (!out.has("apiVersion")) {
            out.put("apiVersion", apiVersion);
        }
        return JSON.writeValueAsBytes(out);
    }

    private static Map<String, String> inverse() {
        java.util.HashMap<String, String> back = new java.util.HashMap<>();
        RENAMED.forEach((core, v1) -> back.put(v1, core));
        return Map.copyOf(back);
    }
}

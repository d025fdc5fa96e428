package io.kubeling.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.registry.Errors;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-side printing: answers a client that asks for {@code as=Table} (kubectl get) with a
 * meta.k8s.io Table of the resource's columns, one row per object.
 */
@Component
class TableOutput {

    private final JsonMapper json;
    private final Clock clock;

    TableOutput(Codecs codecs, Clock clock) {
        this.json = codecs.json();
        this.clock = clock;
    }

    <T extends HasMetadata> ObjectNode table(ResourceDefinition<T> def, List<T> items, JsonNode listMetadata,
            String version, String includeObject) {
        TableConvertor<T> convertor = def.table();
        ObjectNode table = json.createObjectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/" + version);
        ObjectNode metadata = json.createObjectNode();
        if (listMetadata != null) {
            metadata = (ObjectNode) listMetadata;
        } else if (items.size() == 1) {
            metadata.put("resourceVersion", items.get(0).getMetadata().getResourceVersion());
        }
        table.set("metadata", metadata);
        ArrayNode columns = table.putArray("columnDefinitions");
        for (TableColumn c : convertor.columns()) {
            ObjectNode col = columns.addObject();
            col.put("name", c.name());
            col.put("type", c.type());
            col.put("format", c.format() == null ? "" : c.format());
            col.put("description", c.description());
            col.put("priority", c.priority());
        }
        ArrayNode rows = table.putArray("rows");
        Instant now = clock.instant();
        String include = includeMode(includeObject);
        for (T item : items) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Object cell : convertor.cells(item, now)) {
                cells.add(json.valueToTree(cell));
            }
            switch (include) {
                case "Object" -> row.set("object", json.valueToTree(item));
                case "Metadata" -> {
                    ObjectNode partial = row.putObject("object");
                    partial.put("kind", "PartialObjectMetadata");
                    partial.put("apiVersion", "meta.k8s.io/v1");
                    partial.set("metadata", json.valueToTree(item.getMetadata()));
                }
                default -> {
                }
            }
        }
        return table;
    }

    private static String includeMode(String value) {
        if (value == null || value.isEmpty()) {
            return "Metadata";
        }
        if (!List.of("None", "Metadata", "Object").contains(value)) {
            throw Errors.badRequest("includeObject: Unsupported value: \"" + value
                    + "\": supported values: \"None\", \"Metadata\", \"Object\"");
        }
        return value;
    }
}

package io.kubeling.api;

import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.kubeling.registry.ListResult;
import io.kubeling.registry.ResourceDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the {@code PodList}-style body of a list, items of built-in resources without their own kind and
 * apiVersion, as kube sends them.
 */
final class ListEnvelope {

    private ListEnvelope() {
    }

    static ObjectNode of(JsonMapper json, ResourceDefinition<?> def, ListResult<? extends HasMetadata> result) {
        ListMeta meta = new ListMeta();
        meta.setResourceVersion(Long.toString(result.resourceVersion()));
        meta.setContinue(result.continueToken());
        meta.setRemainingItemCount(result.remainingItemCount());
        return of(json, def, result.items(), meta);
    }

    static ObjectNode of(JsonMapper json, ResourceDefinition<?> def, List<? extends HasMetadata> items, ListMeta meta) {
        ObjectNode list = json.createObjectNode();
        list.put("kind", def.listKind());
        list.put("apiVersion", def.apiVersion());
        list.set("metadata", json.valueToTree(meta));
        ArrayNode array = list.putArray("items");
        for (HasMetadata item : items) {
            JsonNode node = json.valueToTree(item);
            // typed lists' items carry no kind, unstructured ones (custom resources) do
            if (!def.isCustom() && node instanceof ObjectNode o) {
                o.remove("kind");
                o.remove("apiVersion");
            }
            array.add(node);
        }
        return list;
    }
}

package io.kubeling.api;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListMeta;
import io.kubeling.registry.EncodedObject;
import io.kubeling.registry.Errors;
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
        return of(json, def, result.items(), listMeta(result));
    }

    /**
     * The list as {@link #of} builds it, encoded: the envelope around copies of its items' shared serializations,
     * each written once per revision rather than once per response.
     */
    static EncodedBody encoded(JsonMapper json, ResourceDefinition<?> def, ListResult<EncodedObject> result) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("kind", def.listKind());
        envelope.put("apiVersion", def.apiVersion());
        envelope.set("metadata", json.valueToTree(listMeta(result)));
        byte[] head = json.writeValueAsBytes(envelope);
        // the envelope's closing brace gives way to the items
        int headLength = head.length - 1;
        byte[] itemsKey = ",\"items\":[".getBytes(StandardCharsets.US_ASCII);
        boolean typed = def.isCustom();
        long length = headLength + itemsKey.length + "]}\n".length() + Math.max(result.items().size() - 1, 0);
        for (EncodedObject item : result.items()) {
            length += typed ? item.length() : item.untypedLength();
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw Errors.internal("the list is too large to send in one response: use limit and continue");
        }
        byte[] body = new byte[(int) length];
        System.arraycopy(head, 0, body, 0, headLength);
        int at = headLength;
        System.arraycopy(itemsKey, 0, body, at, itemsKey.length);
        at += itemsKey.length;
        boolean first = true;
        for (EncodedObject item : result.items()) {
            if (!first) {
                body[at++] = ',';
            }
            first = false;
            at = typed ? item.copyTo(body, at) : item.copyUntyped(body, at);
        }
        body[at++] = ']';
        body[at++] = '}';
        body[at] = '\n';
        return new EncodedBody(body);
    }

    private static ListMeta listMeta(ListResult<?> result) {
        ListMeta meta = new ListMeta();
        meta.setResourceVersion(Long.toString(result.resourceVersion()));
        meta.setContinue(result.continueToken());
        meta.setRemainingItemCount(result.remainingItemCount());
        return meta;
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

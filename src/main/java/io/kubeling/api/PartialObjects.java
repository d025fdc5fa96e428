package io.kubeling.api;

import java.util.List;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.registry.Errors;
import io.kubeling.registry.ResourceDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Objects reduced to their metadata, for clients that ask for meta.k8s.io PartialObjectMetadata(List). */
@Component
class PartialObjects {

    private final JsonMapper json;

    PartialObjects(Codecs codecs) {
        this.json = codecs.json();
    }

    ObjectNode object(HasMetadata object, String version) {
        ObjectNode partial = json.createObjectNode();
        partial.put("kind", ResponseTarget.PARTIAL);
        partial.put("apiVersion", "meta.k8s.io/" + version);
        partial.set("metadata", json.valueToTree(object.getMetadata()));
        return partial;
    }

    ObjectNode list(List<? extends HasMetadata> items, JsonNode listMetadata, String version) {
        ObjectNode list = json.createObjectNode();
        list.put("kind", ResponseTarget.PARTIAL_LIST);
        list.put("apiVersion", "meta.k8s.io/" + version);
        list.set("metadata", listMetadata);
        ArrayNode array = list.putArray("items");
        for (HasMetadata item : items) {
            array.add(object(item, version));
        }
        return list;
    }

    /** kube's 406 for a view that does not fit the answer: a list view of one object, or the reverse. */
    static RuntimeException misfit(ResponseTarget target, ResourceDefinition<?> def, boolean list) {
        String type = "*" + def.version() + "." + def.kind() + (list ? "List" : "");
        return Errors.notAcceptable(list
                ? "you requested " + target.view() + ", but the requested object is a list (" + type + ")"
                : "you requested " + target.view() + ", but the requested object is not a list (" + type + ")");
    }
}

package io.kubeling.resources.customresources;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A conversion webhook's logic for the tests' Widget: v1's {@code spec.size} (a string) is v2's
 * {@code spec.replicas} (an integer); everything else is copied. Answers a v1 ConversionReview as a webhook does.
 */
final class WidgetConverter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WidgetConverter() {
    }

    static ObjectNode answer(ObjectNode review) {
        JsonNode request = review.path("request");
        String desired = request.path("desiredAPIVersion").asString();
        ObjectNode out = JSON.createObjectNode();
        out.put("apiVersion", "apiextensions.k8s.io/v1");
        out.put("kind", "ConversionReview");
        ObjectNode response = out.putObject("response");
        response.put("uid", request.path("uid").asString());
        var converted = response.putArray("convertedObjects");
        for (JsonNode object : request.path("objects")) {
            ObjectNode copy = ((ObjectNode) object).deepCopy();
            copy.put("apiVersion", desired);
            if (copy.get("spec") instanceof ObjectNode spec) {
                if (desired.endsWith("/v2") && spec.has("size")) {
                    spec.put("replicas", Integer.parseInt(spec.remove("size").asString()));
                } else if (desired.endsWith("/v1") && spec.has("replicas")) {
                    spec.put("size", spec.remove("replicas").asString());
                }
            }
            converted.add(copy);
        }
        response.putObject("result").put("status", "Success");
        return out;
    }
}

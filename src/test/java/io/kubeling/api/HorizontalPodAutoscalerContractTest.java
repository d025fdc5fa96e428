package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class HorizontalPodAutoscalerContractTest extends ResourceContract {

    @Override
    String resource() {
        return "horizontalpodautoscalers";
    }

    @Override
    String kind() {
        return "HorizontalPodAutoscaler";
    }

    @Override
    String group() {
        return "autoscaling";
    }

    @Override
    String apiVersion() {
        return "autoscaling/v2";
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode object = JSON.createObjectNode().put("apiVersion", apiVersion()).put("kind", kind());
        object.putObject("metadata").put("name", name);
        object.set("spec", JSON.readTree("{\"scaleTargetRef\":{\"apiVersion\":\"apps/v1\","
                + "\"kind\":\"Deployment\",\"name\":\"web\"},\"maxReplicas\":3}"));
        return object;
    }
}

package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class LimitRangeContractTest extends ResourceContract {

    @Override
    String resource() {
        return "limitranges";
    }

    @Override
    String kind() {
        return "LimitRange";
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode range = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "LimitRange");
        range.putObject("metadata").put("name", name);
        ObjectNode limit = range.putObject("spec").putArray("limits").addObject().put("type", "Container");
        limit.putObject("max").put("cpu", "2");
        return range;
    }
}

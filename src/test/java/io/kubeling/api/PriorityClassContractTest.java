package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class PriorityClassContractTest extends ResourceContract {

    @Override
    String resource() {
        return "priorityclasses";
    }

    @Override
    String kind() {
        return "PriorityClass";
    }

    @Override
    String group() {
        return "scheduling.k8s.io";
    }

    @Override
    boolean namespaced() {
        return false;
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode object = JSON.createObjectNode().put("apiVersion", apiVersion()).put("kind", kind());
        object.putObject("metadata").put("name", name);
        object.put("value", 1000).put("description", "contract");
        return object;
    }
}

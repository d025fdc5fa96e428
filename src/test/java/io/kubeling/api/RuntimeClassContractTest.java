package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class RuntimeClassContractTest extends ResourceContract {

    @Override
    String resource() {
        return "runtimeclasses";
    }

    @Override
    String kind() {
        return "RuntimeClass";
    }

    @Override
    String group() {
        return "node.k8s.io";
    }

    @Override
    boolean namespaced() {
        return false;
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode object = JSON.createObjectNode().put("apiVersion", apiVersion()).put("kind", kind());
        object.putObject("metadata").put("name", name);
        object.put("handler", "runsc");
        return object;
    }
}

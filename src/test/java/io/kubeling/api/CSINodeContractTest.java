package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class CSINodeContractTest extends ResourceContract {

    @Override
    String resource() {
        return "csinodes";
    }

    @Override
    String kind() {
        return "CSINode";
    }

    @Override
    boolean namespaced() {
        return false;
    }

    @Override
    String group() {
        return "storage.k8s.io";
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode node = JSON.createObjectNode().put("apiVersion", "storage.k8s.io/v1").put("kind", "CSINode");
        node.putObject("metadata").put("name", name);
        node.putObject("spec").putArray("drivers").addObject().put("name", "example.com").put("nodeID", name);
        return node;
    }
}

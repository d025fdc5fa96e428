package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class ConfigMapContractTest extends ResourceContract {

    @Override
    String resource() {
        return "configmaps";
    }

    @Override
    String kind() {
        return "ConfigMap";
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode cm = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        cm.putObject("metadata").put("name", name);
        cm.putObject("data").put("key", "value");
        return cm;
    }
}

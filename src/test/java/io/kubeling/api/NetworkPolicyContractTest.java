package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class NetworkPolicyContractTest extends ResourceContract {

    @Override
    String resource() {
        return "networkpolicies";
    }

    @Override
    String kind() {
        return "NetworkPolicy";
    }

    @Override
    String group() {
        return "networking.k8s.io";
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode object = JSON.createObjectNode().put("apiVersion", apiVersion()).put("kind", kind());
        object.putObject("metadata").put("name", name);
        object.set("spec", JSON.readTree("{\"podSelector\":{\"matchLabels\":{\"app\":\"db\"}},"
                + "\"ingress\":[{\"ports\":[{\"port\":5432}]}]}"));
        return object;
    }
}

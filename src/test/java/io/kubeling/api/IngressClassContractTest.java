package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class IngressClassContractTest extends ResourceContract {

    @Override
    String resource() {
        return "ingressclasses";
    }

    @Override
    String kind() {
        return "IngressClass";
    }

    @Override
    String group() {
        return "networking.k8s.io";
    }

    @Override
    boolean namespaced() {
        return false;
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode object = JSON.createObjectNode().put("apiVersion", apiVersion()).put("kind", kind());
        object.putObject("metadata").put("name", name);
        object.putObject("spec").put("controller", "example.com/contract");
        return object;
    }
}

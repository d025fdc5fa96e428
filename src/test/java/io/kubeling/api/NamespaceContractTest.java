package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class NamespaceContractTest extends ResourceContract {

    @Override
    String resource() {
        return "namespaces";
    }

    @Override
    String kind() {
        return "Namespace";
    }

    @Override
    boolean namespaced() {
        return false;
    }

    @Override
    boolean deletesAtOnce() {
        return false;
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode ns = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Namespace");
        ns.putObject("metadata").put("name", name);
        return ns;
    }
}

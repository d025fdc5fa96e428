package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class ServiceContractTest extends ResourceContract {

    @Override
    String resource() {
        return "services";
    }

    @Override
    String kind() {
        return "Service";
    }

    @Override
    boolean createsOnReplace() {
        return true;
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode svc = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Service");
        svc.putObject("metadata").put("name", name);
        ObjectNode spec = svc.putObject("spec");
        spec.putObject("selector").put("app", "web");
        spec.putArray("ports").addObject().put("port", 80);
        return svc;
    }
}

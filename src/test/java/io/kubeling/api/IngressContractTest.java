package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class IngressContractTest extends ResourceContract {

    @Override
    String resource() {
        return "ingresses";
    }

    @Override
    String kind() {
        return "Ingress";
    }

    @Override
    String group() {
        return "networking.k8s.io";
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode object = JSON.createObjectNode().put("apiVersion", apiVersion()).put("kind", kind());
        object.putObject("metadata").put("name", name);
        // a class no controller handles: the simulated ingress-nginx would write the status of its own ingresses
        object.set("spec", JSON.readTree("{\"ingressClassName\":\"contract\",\"defaultBackend\":"
                + "{\"service\":{\"name\":\"web\",\"port\":{\"number\":80}}}}"));
        return object;
    }
}

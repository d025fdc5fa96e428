package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class CSIDriverContractTest extends ResourceContract {

    @Override
    String resource() {
        return "csidrivers";
    }

    @Override
    String kind() {
        return "CSIDriver";
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
        ObjectNode driver = JSON.createObjectNode().put("apiVersion", "storage.k8s.io/v1").put("kind", "CSIDriver");
        driver.putObject("metadata").put("name", name);
        driver.putObject("spec").put("attachRequired", false);
        return driver;
    }
}

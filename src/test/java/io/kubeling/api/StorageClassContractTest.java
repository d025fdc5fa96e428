package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class StorageClassContractTest extends ResourceContract {

    @Override
    String resource() {
        return "storageclasses";
    }

    @Override
    String kind() {
        return "StorageClass";
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
        ObjectNode sc = JSON.createObjectNode().put("apiVersion", "storage.k8s.io/v1").put("kind", "StorageClass");
        sc.putObject("metadata").put("name", name);
        sc.put("provisioner", "example.com/fast");
        return sc;
    }
}

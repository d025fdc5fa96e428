package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class CSIStorageCapacityContractTest extends ResourceContract {

    @Override
    String resource() {
        return "csistoragecapacities";
    }

    @Override
    String kind() {
        return "CSIStorageCapacity";
    }

    @Override
    String group() {
        return "storage.k8s.io";
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode capacity = JSON.createObjectNode().put("apiVersion", "storage.k8s.io/v1")
                .put("kind", "CSIStorageCapacity");
        capacity.putObject("metadata").put("name", name);
        capacity.put("storageClassName", "standard").put("capacity", "10Gi");
        capacity.putObject("nodeTopology").putObject("matchLabels").put("topology.kubernetes.io/zone", "a");
        return capacity;
    }
}

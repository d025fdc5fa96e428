package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class PersistentVolumeClaimContractTest extends ResourceContract {

    @Override
    String resource() {
        return "persistentvolumeclaims";
    }

    @Override
    String kind() {
        return "PersistentVolumeClaim";
    }

    @Override
    boolean deletesAtOnce() {
        return false;
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode pvc = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "PersistentVolumeClaim");
        pvc.putObject("metadata").put("name", name);
        ObjectNode spec = pvc.putObject("spec");
        spec.putArray("accessModes").add("ReadWriteOnce");
        // a class nothing provisions, so that the volume controller leaves the claim as it was created
        spec.put("storageClassName", "contract-none");
        spec.putObject("resources").putObject("requests").put("storage", "1Gi");
        return pvc;
    }
}

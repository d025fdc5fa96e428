package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class PersistentVolumeContractTest extends ResourceContract {

    @Override
    String resource() {
        return "persistentvolumes";
    }

    @Override
    String kind() {
        return "PersistentVolume";
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
        ObjectNode pv = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "PersistentVolume");
        pv.putObject("metadata").put("name", name);
        ObjectNode spec = pv.putObject("spec");
        spec.putObject("capacity").put("storage", "1Gi");
        spec.putArray("accessModes").add("ReadWriteOnce");
        spec.put("storageClassName", "manual");
        spec.putObject("hostPath").put("path", "/data/" + name);
        return pv;
    }
}

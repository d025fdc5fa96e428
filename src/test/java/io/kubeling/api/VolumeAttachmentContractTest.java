package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class VolumeAttachmentContractTest extends ResourceContract {

    @Override
    String resource() {
        return "volumeattachments";
    }

    @Override
    String kind() {
        return "VolumeAttachment";
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
        ObjectNode va = JSON.createObjectNode().put("apiVersion", "storage.k8s.io/v1").put("kind", "VolumeAttachment");
        va.putObject("metadata").put("name", name);
        ObjectNode spec = va.putObject("spec").put("attacher", "example.com").put("nodeName", "node-1");
        spec.putObject("source").put("persistentVolumeName", "pv-" + name);
        return va;
    }
}

package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class ReplicationControllerContractTest extends ResourceContract {

    @Override
    String resource() {
        return "replicationcontrollers";
    }

    @Override
    String kind() {
        return "ReplicationController";
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode rc = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ReplicationController");
        rc.putObject("metadata").put("name", name);
        ObjectNode spec = rc.putObject("spec").put("replicas", 0);
        spec.putObject("selector").put("app", name);
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app", name);
        template.putObject("spec").putArray("containers").addObject().put("name", "web").put("image", "nginx");
        return rc;
    }
}

package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class ControllerRevisionContractTest extends ResourceContract {

    @Override
    String resource() {
        return "controllerrevisions";
    }

    @Override
    String kind() {
        return "ControllerRevision";
    }

    @Override
    String group() {
        return "apps";
    }

    @Override
    String otherApiVersion() {
        return "batch/v1";
    }

    @Override
    ObjectNode sample(String name) {
        return (ObjectNode) JSON.readTree("""
                {"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"%s"},"revision":1,
                 "data":{"spec":{"template":{"$patch":"replace","spec":{"containers":[{"name":"c","image":"nginx"}]}}}}}
                """.formatted(name));
    }
}

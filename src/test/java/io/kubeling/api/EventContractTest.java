package io.kubeling.api;

import tools.jackson.databind.node.ObjectNode;

class EventContractTest extends ResourceContract {

    @Override
    String resource() {
        return "events";
    }

    @Override
    String kind() {
        return "Event";
    }

    @Override
    String invalidName() {
        return "bad%name";
    }

    @Override
    boolean createsOnReplace() {
        return true;
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode ev = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Event");
        ev.putObject("metadata").put("name", name);
        ev.putObject("involvedObject").put("kind", "Pod").put("name", "web").put("namespace", namespace)
                .put("apiVersion", "v1");
        ev.put("reason", "Scheduled").put("message", "Successfully assigned").put("type", "Normal");
        ev.putObject("source").put("component", "default-scheduler");
        return ev;
    }
}

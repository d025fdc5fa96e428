package io.kubeling.api;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A DaemonSet whose node selector matches no node, which its controller observes once and leaves. */
class DaemonSetContractTest extends ResourceContract {

    @Override
    String resource() {
        return "daemonsets";
    }

    @Override
    String kind() {
        return "DaemonSet";
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
                {"apiVersion":"apps/v1","kind":"DaemonSet","metadata":{"name":"%s"},
                 "spec":{"selector":{"matchLabels":{"app":"%s"}},
                   "template":{"metadata":{"labels":{"app":"%s"}},
                     "spec":{"schedulerName":"kubeling-test-unscheduled","nodeSelector":{"kubeling.io/contract":"none"},
                       "containers":[{"name":"c","image":"nginx"}]}}}}
                """.formatted(name, name, name));
    }

    @Override
    JsonNode settled(JsonNode created) {
        return Workloads.observed(api, item(created.at("/metadata/name").asString()));
    }
}

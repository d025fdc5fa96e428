package io.kubeling.api;



import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A StatefulSet of no replicas, which its controller observes once and leaves. */
class StatefulSetContractTest extends ResourceContract {

    @Override
    String resource() {
        return "statefulsets";
    }

    @Override
    String kind() {
        return "StatefulSet";
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
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"%s"},
                 "spec":{"replicas":0,"serviceName":"%s","selector":{"matchLabels":{"app":"%s"}},
                   "template":{"metadata":{"labels":{"app":"%s"}},
                     "spec":{"schedulerName":"kubeling-test-unscheduled","containers":[{"name":"c","image":"nginx"}]}}}}
                """.formatted(name, name, name, name));
    }

    @Override
    JsonNode settled(JsonNode created) {
        return Workloads.observed(api, item(created.at("/metadata/name").asString()));
    }
}

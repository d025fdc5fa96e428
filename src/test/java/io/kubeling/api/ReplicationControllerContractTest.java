package io.kubeling.api;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import tools.jackson.databind.JsonNode;
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

    /** The controller once its manager has reported on it, as kube's does at once. */
    @Override
    JsonNode settled(JsonNode created) {
        String name = created.at("/metadata/name").asString();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> api.get(item(name)).json().at("/status/observedGeneration").asInt() == 1);
        return api.get(item(name)).json();
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

package io.kubeling.api;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ResourceQuotaContractTest extends ResourceContract {

    @Override
    String resource() {
        return "resourcequotas";
    }

    @Override
    String kind() {
        return "ResourceQuota";
    }

    /** The quota once its controller has written its status, as kube's does at once. */
    @Override
    JsonNode settled(JsonNode created) {
        String name = created.at("/metadata/name").asString();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !api.get(item(name)).json().at("/status/hard").isMissingNode());
        return api.get(item(name)).json();
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode quota = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ResourceQuota");
        quota.putObject("metadata").put("name", name);
        quota.putObject("spec").putObject("hard").put("configmaps", "50");
        return quota;
    }
}

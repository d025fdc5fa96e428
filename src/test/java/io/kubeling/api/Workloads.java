package io.kubeling.api;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.kubeling.support.HttpApi;
import tools.jackson.databind.JsonNode;

/** What the workload contracts share: waiting for a controller to have observed an object's generation. */
final class Workloads {

    private Workloads() {
    }

    /** The object once its status reports the generation it has. */
    static JsonNode observed(HttpApi api, String path) {
        AtomicReference<JsonNode> latest = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonNode object = api.get(path).json();
            latest.set(object);
            return object.at("/status/observedGeneration").asLong(-1) == object.at("/metadata/generation").asLong();
        });
        return latest.get();
    }
}

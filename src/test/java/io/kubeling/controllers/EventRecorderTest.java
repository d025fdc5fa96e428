package io.kubeling.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.kubeling.registry.Registry;
import io.kubeling.registry.WriteOptions;
import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.ReadyPods;
import tools.jackson.databind.JsonNode;

@KubelingTest
class EventRecorderTest {

    @Autowired
    EventRecorder events;

    @Autowired
    Registry registry;

    @LocalServerPort
    int port;

    @Test
    void aRepeatedEventIsCountedOnceWithItsCount() {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("events");
        ConfigMap cm = registry.store(ConfigMap.class).create(ns,
                new ConfigMapBuilder().withNewMetadata().withName("settings").endMetadata().build(),
                WriteOptions.DEFAULT);

        events.record(EventRecorder.reference(cm), EventRecorder.NORMAL, "Synced", "all good", "test-controller",
                "node-a");
        events.record(EventRecorder.reference(cm), EventRecorder.NORMAL, "Synced", "all good", "test-controller",
                "node-a");
        events.record(EventRecorder.reference(cm), EventRecorder.WARNING, "Failed", "not good", "test-controller",
                null);

        // events are written in the background, in the order they were recorded: the last one comes last
        String path = "/api/v1/namespaces/" + ns + "/events?fieldSelector=involvedObject.name=settings";
        assertThat(ReadyPods.await(Duration.ofSeconds(10), () -> api.get(path).json().get("items").size() == 2))
                .isTrue();
        JsonNode items = api.get(path).json().get("items");
        assertThat(items).hasSize(2);
        JsonNode synced = items.get(0).get("reason").asString().equals("Synced") ? items.get(0) : items.get(1);
        assertThat(synced.get("count").asInt()).isEqualTo(2);
        assertThat(synced.get("metadata").get("name").asString()).matches("settings\\.[0-9a-f]+");
        assertThat(synced.get("involvedObject").get("kind").asString()).isEqualTo("ConfigMap");
        assertThat(synced.get("involvedObject").get("uid").asString()).isEqualTo(cm.getMetadata().getUid());
        assertThat(synced.get("source").get("component").asString()).isEqualTo("test-controller");
        assertThat(synced.get("source").get("host").asString()).isEqualTo("node-a");
        assertThat(synced.get("type").asString()).isEqualTo("Normal");
    }

    @Test
    void eventsOfManyObjectsRecordedAtOnceAreAllWrittenEachObjectsInOrder() {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("events");
        int objects = 40;
        for (int step = 0; step < 3; step++) {
            for (int i = 0; i < objects; i++) {
                ObjectReference ref = new ObjectReference();
                ref.setKind("Pod");
                ref.setNamespace(ns);
                ref.setName("pod-" + i);
                ref.setUid("uid-" + i);
                events.record(ref, EventRecorder.NORMAL, "Step" + step, "step " + step + " of pod-" + i, "kubelet",
                        "node-a");
            }
        }

        String path = "/api/v1/namespaces/" + ns + "/events";
        assertThat(ReadyPods.await(Duration.ofSeconds(20),
                () -> api.get(path).json().get("items").size() == 3 * objects)).isTrue();
        Map<String, List<String>> stepsByPod = new TreeMap<>();
        List<JsonNode> items = new ArrayList<>();
        api.get(path).json().get("items").forEach(items::add);
        items.sort(Comparator.comparingLong(e -> Long.parseLong(e.at("/metadata/resourceVersion").asString())));
        for (JsonNode event : items) {
            stepsByPod.computeIfAbsent(event.at("/involvedObject/name").asString(), n -> new ArrayList<>())
                    .add(event.get("reason").asString());
        }
        assertThat(stepsByPod).hasSize(objects);
        // each object's events were written in the order they were recorded
        stepsByPod.values().forEach(steps -> assertThat(steps).containsExactly("Step0", "Step1", "Step2"));
    }
}

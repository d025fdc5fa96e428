package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.kubeling.support.HttpApi.Reply;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** events.k8s.io/v1 Events: the contract, and the same stored objects as core Events in both shapes. */
class EventsApiContractTest extends ResourceContract {

    @Override
    String resource() {
        return "events";
    }

    @Override
    String kind() {
        return "Event";
    }

    @Override
    String group() {
        return "events.k8s.io";
    }

    @Override
    boolean createsOnReplace() {
        return true;
    }

    @Override
    String invalidName() {
        return "bad%name";
    }

    @Override
    ObjectNode sample(String name) {
        ObjectNode ev = JSON.createObjectNode().put("apiVersion", "events.k8s.io/v1").put("kind", "Event");
        ev.putObject("metadata").put("name", name);
        ev.putObject("regarding").put("kind", "Pod").put("name", "web").put("namespace", namespace)
                .put("apiVersion", "v1");
        ev.put("eventTime", "2026-01-01T00:00:00.000000Z").put("reportingController", "example.com/agent")
                .put("reportingInstance", "agent-1").put("action", "Pull").put("reason", "Pulled")
                .put("note", "image pulled").put("type", "Normal");
        return ev;
    }

    @Test
    void aCoreEventReadsInTheNewShapeAndANewEventInTheCoreShape() {
        String core = uniqueName();
        Reply created = api.post("/api/v1/namespaces/" + namespace + "/events", """
                {"apiVersion":"v1","kind":"Event","metadata":{"name":"%s"},
                 "involvedObject":{"kind":"Pod","name":"web","namespace":"%s"},"reason":"Started",
                 "message":"Started container web","type":"Normal","count":3,
                 "firstTimestamp":"2026-01-01T00:00:00Z","lastTimestamp":"2026-01-01T00:01:00Z",
                 "source":{"component":"kubelet","host":"node-1"}}""".formatted(core, namespace));
        assertThat(created.code()).as(created.text()).isEqualTo(201);
        JsonNode v1 = api.get(item(core)).json();
        assertThat(v1.get("apiVersion").asString()).isEqualTo("events.k8s.io/v1");
        assertThat(v1.at("/regarding/name").asString()).isEqualTo("web");
        assertThat(v1.get("note").asString()).isEqualTo("Started container web");
        assertThat(v1.get("deprecatedCount").asInt()).isEqualTo(3);
        assertThat(v1.at("/deprecatedSource/component").asString()).isEqualTo("kubelet");
        assertThat(v1.get("deprecatedLastTimestamp").asString()).isEqualTo("2026-01-01T00:01:00Z");
        assertThat(v1.has("involvedObject")).isFalse();
        assertThat(v1.at("/metadata/resourceVersion").asString())
                .isEqualTo(created.json().at("/metadata/resourceVersion").asString());

        String fresh = uniqueName();
        create(fresh);
        JsonNode back = api.get("/api/v1/namespaces/" + namespace + "/events/" + fresh).json();
        assertThat(back.get("apiVersion").asString()).isEqualTo("v1");
        assertThat(back.get("message").asString()).isEqualTo("image pulled");
        assertThat(back.get("reportingComponent").asString()).isEqualTo("example.com/agent");
        assertThat(back.at("/involvedObject/kind").asString()).isEqualTo("Pod");
    }

    @Test
    void theNewShapeRefusesTheDeprecatedFieldsAndWantsAReporter() {
        ObjectNode ev = sample(uniqueName());
        ev.remove("reportingController");
        ev.put("deprecatedCount", 2);
        Reply reply = api.post(collection(), ev.toString());
        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json().get("message").asString()).contains("reportingController: Required value",
                "deprecatedCount: Invalid value: \"\": needs to be unset");
    }
}

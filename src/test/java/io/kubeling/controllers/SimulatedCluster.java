package io.kubeling.controllers;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import tools.jackson.databind.JsonNode;

/** Test helpers over HTTP for the simulated nodes, the scheduler and their events. */
public final class SimulatedCluster {

    public static final String NODE_1 = "kubeling-node-1";
    public static final String NODE_2 = "kubeling-node-2";
    public static final String NODE_3 = "kubeling-node-3";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final HttpApi api;

    public SimulatedCluster(HttpApi api) {
        this.api = api;
    }

    /** How many nodes there are once the configured ones have registered, the control-plane node last. */
    public int nodeCount() {
        await().atMost(PATIENCE).until(() -> api.get("/api/v1/nodes/" + NODE_3).code() == 200
                && api.get("/api/v1/nodes/kubeling-control-plane").code() == 200);
        return api.get("/api/v1/nodes").json().get("items").size();
    }

    public JsonNode createPod(String namespace, String json) {
        Reply reply = api.post("/api/v1/namespaces/" + namespace + "/pods", json);
        if (reply.code() != 201) {
            throw new IllegalStateException("pod not created: " + reply);
        }
        return reply.json();
    }

    public JsonNode pod(String namespace, String name) {
        return api.get("/api/v1/namespaces/" + namespace + "/pods/" + name).json();
    }

    public JsonNode awaitPod(String namespace, String name, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PATIENCE).until(() -> {
            last[0] = pod(namespace, name);
            return condition.test(last[0]);
        });
        return last[0];
    }

    public JsonNode node(String name) {
        return api.get("/api/v1/nodes/" + name).json();
    }

    public JsonNode awaitNode(String name, Predicate<JsonNode> condition) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(PATIENCE).until(() -> {
            last[0] = node(name);
            return condition.test(last[0]);
        });
        return last[0];
    }

    public void patchNode(String name, String mergePatch) {
        Reply reply = api.patch("/api/v1/nodes/" + name, "application/merge-patch+json", mergePatch);
        if (reply.code() != 200) {
            throw new IllegalStateException("node not patched: " + reply);
        }
    }

    /** The events about one object in a namespace, oldest first. */
    public List<JsonNode> events(String namespace, String name) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode items = api.get("/api/v1/namespaces/" + namespace + "/events?fieldSelector=involvedObject.name%3D"
                + name).json().get("items");
        items.forEach(out::add);
        return out;
    }

    public JsonNode awaitEvent(String namespace, String name, String reason) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(PATIENCE).until(() -> {
            for (JsonNode e : events(namespace, name)) {
                if (reason.equals(e.path("reason").asString())) {
                    found[0] = e;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    public static JsonNode condition(JsonNode object, String type) {
        for (JsonNode c : object.at("/status/conditions")) {
            if (type.equals(c.path("type").asString())) {
                return c;
            }
        }
        return null;
    }

    public static boolean hasCondition(JsonNode object, String type, String status) {
        JsonNode c = condition(object, type);
        return c != null && status.equals(c.path("status").asString());
    }

    public static List<String> taints(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : node.at("/spec/taints")) {
            out.add(t.path("key").asString() + (t.has("value") ? "=" + t.path("value").asString() : "") + ":"
                    + t.path("effect").asString());
        }
        return out;
    }
}

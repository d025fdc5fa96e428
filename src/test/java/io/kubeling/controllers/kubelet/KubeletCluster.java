package io.kubeling.controllers.kubelet;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import tools.jackson.databind.JsonNode;

/** Test helpers over HTTP: nodes registered by hand, pods bound to them, and waits on what the kubelet writes. */
public final class KubeletCluster {

    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,"
            + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    private static final Duration POLL = Duration.ofMillis(50);

    private final HttpApi api;
    private final List<String> nodes = new ArrayList<>();

    public KubeletCluster(HttpApi api) {
        this.api = api;
    }

    /**
     * Deletes the nodes this helper registered: nodes are cluster-wide, and ones without heartbeats
     * would otherwise go Unknown, get tainted and change what other tests see of the cluster.
     */
    public void removeNodes() {
        for (String node : nodes) {
            api.delete("/api/v1/nodes/" + node);
        }
        nodes.clear();
    }

    /** Registers a Node with an InternalIP and a podCIDR, as a kubelet registers its node. */
    public String newNode(String prefix, int third) {
        String name = prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 6);
        Reply reply = api.post("/api/v1/nodes", """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"%s","labels":{"kubernetes.io/hostname":"%s"}},
                 "spec":{"podCIDR":"10.244.%d.0/24","podCIDRs":["10.244.%d.0/24"]},
                 "status":{"addresses":[{"type":"InternalIP","address":"172.18.0.%d"},{"type":"Hostname","address":"%s"}],
                  "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status"}]}}
                """.formatted(name, name, third, third, third, name));
        if (reply.code() != 201) {
            throw new IllegalStateException("node not created: " + reply);
        }
        nodes.add(name);
        return name;
    }

    public Reply createPod(String namespace, String json) {
        Reply reply = api.post("/api/v1/namespaces/" + namespace + "/pods", json);
        if (reply.code() != 201) {
            throw new IllegalStateException("pod not created: " + reply);
        }
        return reply;
    }

    public JsonNode pod(String namespace, String name) {
        return api.get("/api/v1/namespaces/" + namespace + "/pods/" + name).json();
    }

    /** Waits until the pod satisfies {@code test}; fails with its last state after {@code timeout}. */
    public JsonNode awaitPod(String namespace, String name, Duration timeout, Predicate<JsonNode> test) {
        AtomicReference<Reply> last = new AtomicReference<>();
        await().atMost(timeout).pollInterval(POLL).alias("pod " + name).until(() -> {
            last.set(api.get("/api/v1/namespaces/" + namespace + "/pods/" + name));
            return last.get().code() == 200 && test.test(last.get().json());
        });
        return last.get().json();
    }

    public void awaitGone(String namespace, String name, Duration timeout) {
        await().atMost(timeout).pollInterval(POLL).alias("pod " + name + " gone")
                .until(() -> api.get("/api/v1/namespaces/" + namespace + "/pods/" + name).code() == 404);
    }

    /** The READY and STATUS cells of the pod's Table row, as kubectl get pods prints them. */
    public String readyAndStatus(String namespace, String name) {
        Reply reply = api.get("/api/v1/namespaces/" + namespace + "/pods/" + name, TABLE);
        JsonNode cells = reply.json().at("/rows/0/cells");
        if (cells.isMissingNode()) {
            return reply.toString();
        }
        return cells.get(1).asString() + " " + cells.get(2).asString();
    }

    /** Waits for the Table row to read {@code expected}, such as {@code 1/1 Running}. */
    public void awaitRow(String namespace, String name, String expected, Duration timeout) {
        await().atMost(timeout).pollInterval(POLL).alias("row of pod " + name)
                .until(() -> readyAndStatus(namespace, name), org.hamcrest.Matchers.equalTo(expected));
    }

    /** The pod's events, oldest first, as {@code reason: message}. */
    public List<String> events(String namespace, String name) {
        JsonNode list = api.get("/api/v1/namespaces/" + namespace + "/events?fieldSelector=involvedObject.name%3D"
                + name).json();
        List<JsonNode> items = new ArrayList<>();
        list.get("items").forEach(items::add);
        items.sort(java.util.Comparator.comparing((JsonNode e) -> e.get("firstTimestamp").asString())
                .thenComparing(e -> e.at("/metadata/name").asString()));
        List<String> out = new ArrayList<>();
        for (JsonNode e : items) {
            out.add(e.get("reason").asString() + ": " + e.get("message").asString());
        }
        return out;
    }

    public static String condition(JsonNode pod, String type) {
        for (JsonNode c : pod.at("/status/conditions")) {
            if (c.get("type").asString().equals(type)) {
                return c.get("status").asString();
            }
        }
        return null;
    }
}

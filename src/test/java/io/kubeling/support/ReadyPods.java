package io.kubeling.support;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;

/**
 * Plays the kubelet for pods nobody schedules ({@code schedulerName: kubeling-test-unscheduled}):
 * writes a Running, Ready status through {@code pods/status}, once or for every pod of a namespace as
 * it appears, so that workload controllers see their pods become available.
 */
public final class ReadyPods implements AutoCloseable {

    private final HttpApi api;
    private final String namespace;
    private final Predicate<JsonNode> which;
    private volatile boolean running = true;
    private final Thread thread;

    private ReadyPods(HttpApi api, String namespace, Predicate<JsonNode> which) {
        this.api = api;
        this.namespace = namespace;
        this.which = which;
        this.thread = new Thread(this::loop, "ready-pods-" + namespace);
        this.thread.setDaemon(true);
    }

    /** The scheduler name of pods no scheduler or kubelet simulation touches. */
    public static final String UNSCHEDULED = "kubeling-test-unscheduled";

    /** Marks every unscheduled pod of the namespace Ready as it appears, until closed. */
    public static ReadyPods keep(HttpApi api, String namespace) {
        return keep(api, namespace, pod -> UNSCHEDULED.equals(pod.at("/spec/schedulerName").asString()));
    }

    /** Marks the pods of the namespace that {@code which} accepts Ready as they appear, until closed. */
    public static ReadyPods keep(HttpApi api, String namespace, Predicate<JsonNode> which) {
        ReadyPods keeper = new ReadyPods(api, namespace, which);
        keeper.thread.start();
        return keeper;
    }

    private void loop() {
        while (running) {
            try {
                HttpApi.Reply list = api.get("/api/v1/namespaces/" + namespace + "/pods");
                if (list.code() == 200) {
                    for (JsonNode pod : list.json().get("items")) {
                        if (!pod.at("/metadata/deletionTimestamp").isMissingNode() || isReady(pod) || !which.test(pod)) {
                            continue;
                        }
                        markReady(api, namespace, pod.at("/metadata/name").asString());
                    }
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the namespace may be going; try again
            }
        }
    }

    static boolean isReady(JsonNode pod) {
        for (JsonNode c : pod.at("/status/conditions")) {
            if (c.get("type").asString().equals("Ready")) {
                return c.get("status").asString().equals("True");
            }
        }
        return false;
    }

    /** Writes a Running, Ready status for one pod. */
    public static HttpApi.Reply markReady(HttpApi api, String namespace, String pod) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        HttpApi.Reply current = api.get("/api/v1/namespaces/" + namespace + "/pods/" + pod);
        StringBuilder containers = new StringBuilder();
        for (JsonNode c : current.json().at("/spec/containers")) {
            if (!containers.isEmpty()) {
                containers.append(',');
            }
            containers.append("""
                    {"name":"%s","image":"%s","imageID":"","ready":true,"started":true,"restartCount":0,
                     "state":{"running":{"startedAt":"%s"}}}""".formatted(c.get("name").asString(),
                    c.get("image").asString(), now));
        }
        int ip = Math.abs(pod.hashCode() % 250) + 2;
        String body = """
                {"status":{"phase":"Running","podIP":"10.244.9.%d","podIPs":[{"ip":"10.244.9.%d"}],"startTime":"%s",
                 "conditions":[{"type":"Initialized","status":"True","lastTransitionTime":"%s"},
                   {"type":"Ready","status":"True","lastTransitionTime":"%s"},
                   {"type":"ContainersReady","status":"True","lastTransitionTime":"%s"}],
                 "containerStatuses":[%s]}}""".formatted(ip, ip, now, now, now, now, containers);
        return api.patch("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/status",
                "application/merge-patch+json", body);
    }

    /** Waits for a condition, polling, up to {@code timeout}; false when it never held. */
    public static boolean await(Duration timeout, BooleanSupplier condition) {
        Instant end = Instant.now().plus(timeout);
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}

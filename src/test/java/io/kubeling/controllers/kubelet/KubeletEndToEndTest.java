package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.WatchClient;
import tools.jackson.databind.JsonNode;

/** The kubelet simulation seen over HTTP: statuses, conditions, events and Table rows of pods bound to a node. */
@KubelingTest
class KubeletEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    private HttpApi api;
    private KubeletCluster cluster;
    private String ns;
    private String node;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        cluster = new KubeletCluster(api);
        ns = api.newNamespace("kubelet");
        node = cluster.newNode("sim", 40);
    }

    @AfterEach
    void removeNodes() {
        cluster.removeNodes();
    }

    private String pod(String name, String restartPolicy, String containers) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{"nodeName":"%s","restartPolicy":"%s","terminationGracePeriodSeconds":5,"containers":%s}}
                """.formatted(name, node, restartPolicy, containers);
    }

    @Test
    void aPlainNginxPodGoesFromContainerCreatingToRunningWithKubesEvents() {
        try (WatchClient watch = new WatchClient(port, "/api/v1/namespaces/" + ns
                + "/pods?watch=true&fieldSelector=metadata.name%3Dweb")) {
            cluster.createPod(ns, pod("web", "Always", "[{\"name\":\"web\",\"image\":\"nginx\"}]"));
            List<String> seen = new ArrayList<>();
            JsonNode ready = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (ready == null && System.nanoTime() < deadline) {
                JsonNode event = watch.nextChange(Duration.ofSeconds(5));
                if (event == null) {
                    break;
                }
                JsonNode pod = event.get("object");
                JsonNode state = pod.at("/status/containerStatuses/0/state");
                String step = pod.at("/status/phase").asString() + " "
                        + (state.has("waiting") ? state.at("/waiting/reason").asString()
                                : state.has("running") ? "running" : state.isMissingNode() ? "-" : "other")
                        + " ready=" + KubeletCluster.condition(pod, "Ready");
                if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(step)) {
                    seen.add(step);
                }
                if ("True".equals(KubeletCluster.condition(pod, "Ready"))) {
                    ready = pod;
                }
            }
            assertThat(seen).containsSubsequence("Pending - ready=null", "Pending ContainerCreating ready=False",
                    "Running running ready=True");
            assertThat(ready).isNotNull();
            assertThat(ready.at("/status/hostIP").asString()).isEqualTo("172.18.0.40");
            assertThat(ready.at("/status/podIP").asString()).isEqualTo("10.244.40.2");
            assertThat(ready.at("/status/podIPs/0/ip").asString()).isEqualTo("10.244.40.2");
            assertThat(ready.at("/status/startTime").asString()).isNotEmpty();
            assertThat(ready.at("/status/qosClass").asString()).isEqualTo("BestEffort");
            List<String> types = new ArrayList<>();
            ready.at("/status/conditions").forEach(c -> types.add(c.get("type").asString() + "="
                    + c.get("status").asString()));
            assertThat(types).containsExactly("PodReadyToStartContainers=True", "Initialized=True", "Ready=True",
                    "ContainersReady=True", "PodScheduled=True");
            ready.at("/status/conditions").forEach(c -> assertThat(c.get("lastTransitionTime").asString()).isNotEmpty());
            JsonNode web = ready.at("/status/containerStatuses/0");
            assertThat(web.get("image").asString()).isEqualTo("docker.io/library/nginx:latest");
            assertThat(web.get("imageID").asString()).startsWith("docker.io/library/nginx@sha256:");
            assertThat(web.get("containerID").asString()).matches("containerd://[0-9a-f]{64}");
            assertThat(web.get("restartCount").asInt()).isZero();
            assertThat(web.get("started").asBoolean()).isTrue();
            assertThat(web.get("lastState").isEmpty()).isTrue();
        }
        assertThat(cluster.readyAndStatus(ns, "web")).isEqualTo("1/1 Running");
        List<String> events = cluster.events(ns, "web");
        assertThat(events).hasSize(4);
        assertThat(events.get(0)).isEqualTo("Pulling: Pulling image \"nginx\"");
        assertThat(events.get(1)).startsWith("Pulled: Successfully pulled image \"nginx\" in ").contains(" including waiting). Image size: ");
        assertThat(events.get(2)).isEqualTo("Created: Created container: web");
        assertThat(events.get(3)).isEqualTo("Started: Started container web");
        JsonNode event = api.get("/api/v1/namespaces/" + ns + "/events?fieldSelector=reason%3DStarted").json()
                .at("/items/0");
        assertThat(event.at("/source/component").asString()).isEqualTo("kubelet");
        assertThat(event.at("/source/host").asString()).isEqualTo(node);
        assertThat(event.at("/involvedObject/fieldPath").asString()).isEqualTo("spec.containers{web}");
        assertThat(api.get("/api/v1/namespaces/" + ns + "/pods/web/log").text())
                .contains("/docker-entrypoint.sh: Configuration complete; ready for start up");
    }

    @Test
    void twoContainersShowTwoOfTwoReady() {
        cluster.createPod(ns, pod("pair", "Always", """
                [{"name":"web","image":"nginx:1.27"},{"name":"cache","image":"redis:7"}]"""));
        cluster.awaitRow(ns, "pair", "2/2 Running", WAIT);
        assertThat(cluster.pod(ns, "pair").at("/status/containerStatuses/1/name").asString()).isEqualTo("cache");
    }

    @Test
    void initContainersWaitForTwoServicesThatAppearLater() {
        cluster.createPod(ns, pod("app", "Always", "[{\"name\":\"web\",\"image\":\"nginx\"}]").replace(
                "\"containers\"", """
                        "initContainers":[
                          {"name":"wait-db","image":"busybox","command":["sh","-c","until nslookup db; do echo waiting for db; sleep 1; done"]},
                          {"name":"wait-cache","image":"busybox","command":["sh","-c","until nslookup cache.%s.svc.cluster.local; do sleep 1; done"]}],
                        "containers\"""".formatted(ns)));
        cluster.awaitRow(ns, "app", "0/1 Init:0/2", WAIT);
        JsonNode pending = cluster.pod(ns, "app");
        assertThat(pending.at("/status/phase").asString()).isEqualTo("Pending");
        assertThat(KubeletCluster.condition(pending, "Initialized")).isEqualTo("False");

        awaitLog("app", "wait-db", "waiting for db");
        createService("db");
        cluster.awaitRow(ns, "app", "0/1 Init:1/2", WAIT);
        createService("cache");
        cluster.awaitRow(ns, "app", "1/1 Running", WAIT);
        JsonNode running = cluster.pod(ns, "app");
        assertThat(running.at("/status/initContainerStatuses/0/state/terminated/reason").asString()).isEqualTo("Completed");
        assertThat(running.at("/status/initContainerStatuses/1/state/terminated/exitCode").asInt()).isZero();
        assertThat(api.get("/api/v1/namespaces/" + ns + "/pods/app/log?container=wait-db").text())
                .contains("waiting for db").contains("** server can't find db");
    }

    private void awaitLog(String pod, String container, String text) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            HttpApi.Reply log = api.get("/api/v1/namespaces/" + ns + "/pods/" + pod + "/log?container=" + container);
            if (log.code() == 200 && log.text().contains(text)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("log of " + pod + "/" + container + " never showed " + text);
    }

    private void createService(String name) {
        HttpApi.Reply reply = api.post("/api/v1/namespaces/" + ns + "/services", """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s"},
                 "spec":{"selector":{"app":"%s"},"ports":[{"port":80}]}}""".formatted(name, name));
        assertThat(reply.code()).as(reply.text()).isEqualTo(201);
    }

    @Test
    void echoSuccessUnderEachRestartPolicy() {
        String echo = "[{\"name\":\"c\",\"image\":\"busybox\",\"command\":[\"sh\",\"-c\",\"echo SUCCESS\"]}]";
        cluster.createPod(ns, pod("always", "Always", echo));
        cluster.createPod(ns, pod("onfailure", "OnFailure", echo));
        cluster.createPod(ns, pod("never", "Never",
                "[{\"name\":\"c\",\"image\":\"busybox\",\"command\":[\"sh\",\"-c\",\"echo SUCCESS; exit 1\"]}]"));

        cluster.awaitRow(ns, "onfailure", "0/1 Completed", WAIT);
        assertThat(cluster.pod(ns, "onfailure").at("/status/phase").asString()).isEqualTo("Succeeded");
        cluster.awaitRow(ns, "never", "0/1 Error", WAIT);
        JsonNode never = cluster.pod(ns, "never");
        assertThat(never.at("/status/phase").asString()).isEqualTo("Failed");
        assertThat(never.at("/status/containerStatuses/0/state/terminated/exitCode").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/namespaces/" + ns + "/pods/never/log").text()).isEqualTo("SUCCESS\n");

        JsonNode looping = cluster.awaitPod(ns, "always", WAIT, p -> "CrashLoopBackOff".equals(
                p.at("/status/containerStatuses/0/state/waiting/reason").asString()));
        int restarts = looping.at("/status/containerStatuses/0/restartCount").asInt();
        assertThat(restarts).isGreaterThanOrEqualTo(1);
        assertThat(looping.at("/status/phase").asString()).isEqualTo("Running");
        assertThat(looping.at("/status/containerStatuses/0/lastState/terminated/reason").asString()).isEqualTo("Completed");
        assertThat(looping.at("/status/containerStatuses/0/state/waiting/message").asString())
                .startsWith("back-off 10s restarting failed container=c pod=always_" + ns + "(");
        assertThat(cluster.readyAndStatus(ns, "always")).isEqualTo("0/1 CrashLoopBackOff");
        assertThat(api.get("/api/v1/namespaces/" + ns + "/pods/always/log").text()).isEqualTo("SUCCESS\n");
        assertThat(api.get("/api/v1/namespaces/" + ns + "/pods/always/log?previous=true").text()).isEqualTo("SUCCESS\n");
        assertThat(cluster.events(ns, "always")).anyMatch(e -> e.startsWith(
                "BackOff: Back-off restarting failed container c in pod always_" + ns + "("));
        cluster.awaitPod(ns, "always", Duration.ofSeconds(30),
                p -> p.at("/status/containerStatuses/0/restartCount").asInt() > restarts);
    }

    @Test
    void aPrivateImageIsPulledOnlyWithAPullSecret() {
        String image = "registry.private.test/team/app:1.0";
        cluster.createPod(ns, pod("private", "Always", "[{\"name\":\"app\",\"image\":\"" + image + "\"}]"));
        cluster.awaitRow(ns, "private", "0/1 ImagePullBackOff", WAIT);
        List<String> events = cluster.events(ns, "private");
        assertThat(events).contains("Pulling: Pulling image \"" + image + "\"", "Failed: Error: ErrImagePull",
                "BackOff: Back-off pulling image \"" + image + "\"", "Failed: Error: ImagePullBackOff");
        assertThat(events).anyMatch(e -> e.startsWith("Failed: Failed to pull image \"" + image + "\": "));
        assertThat(api.get("/api/v1/namespaces/" + ns + "/pods/private/log").text())
                .contains("is waiting to start: trying and failing to pull image");

        String config = java.util.Base64.getEncoder().encodeToString(
                "{\"auths\":{\"registry.private.test\":{\"auth\":\"dXNlcjpwYXNz\"}}}".getBytes());
        assertThat(api.post("/api/v1/namespaces/" + ns + "/secrets", """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"creds"},"type":"kubernetes.io/dockerconfigjson",
                 "data":{".dockerconfigjson":"%s"}}""".formatted(config)).code()).isEqualTo(201);
        cluster.createPod(ns, pod("with-secret", "Always", "[{\"name\":\"app\",\"image\":\"" + image + "\"}]")
                .replace("\"containers\"", "\"imagePullSecrets\":[{\"name\":\"creds\"}],\"containers\""));
        cluster.awaitRow(ns, "with-secret", "1/1 Running", WAIT);
        assertThat(cluster.events(ns, "with-secret").get(1)).startsWith("Pulled: Successfully pulled image \"" + image);
    }

    @Test
    void gracefulDeletionRunsPreStopRecordsKillingAndThenRemovesThePod() {
        cluster.createPod(ns, pod("bye", "Always", """
                [{"name":"app","image":"busybox","command":["sleep","3600"],
                  "lifecycle":{"preStop":{"exec":{"command":["sh","-c","sleep 1"]}}}}]""").replace(
                "\"terminationGracePeriodSeconds\":5", "\"terminationGracePeriodSeconds\":3"));
        cluster.awaitRow(ns, "bye", "1/1 Running", WAIT);
        try (WatchClient watch = new WatchClient(port, "/api/v1/namespaces/" + ns
                + "/pods?watch=true&fieldSelector=metadata.name%3Dbye")) {
            watch.changes(1, WAIT);
            HttpApi.Reply deleting = api.delete("/api/v1/namespaces/" + ns + "/pods/bye");
            assertThat(deleting.code()).isEqualTo(200);
            assertThat(deleting.json().at("/metadata/deletionGracePeriodSeconds").asInt()).isEqualTo(3);
            assertThat(cluster.readyAndStatus(ns, "bye")).endsWith("Terminating");
            JsonNode last = null;
            String type = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!"DELETED".equals(type) && System.nanoTime() < deadline) {
                JsonNode event = watch.nextChange(Duration.ofSeconds(10));
                if (event == null) {
                    break;
                }
                type = event.get("type").asString();
                if (type.equals("MODIFIED")) {
                    last = event.get("object");
                }
            }
            assertThat(type).isEqualTo("DELETED");
            assertThat(last.at("/status/containerStatuses/0/state/terminated/exitCode").asInt()).isEqualTo(137);
            assertThat(last.at("/status/phase").asString()).isEqualTo("Failed");
        }
        assertThat(cluster.events(ns, "bye")).contains("Killing: Stopping container app");
    }

    @Test
    void zeroGracePeriodDeletesAtOnce() {
        cluster.createPod(ns, pod("now", "Always", "[{\"name\":\"web\",\"image\":\"nginx\"}]"));
        cluster.awaitRow(ns, "now", "1/1 Running", WAIT);
        assertThat(api.delete("/api/v1/namespaces/" + ns + "/pods/now?gracePeriodSeconds=0").code()).isEqualTo(200);
        assertThat(api.get("/api/v1/namespaces/" + ns + "/pods/now").code()).isEqualTo(404);
    }

    @Test
    void podsOfAnUnknownNodeAreLeftAlone() throws InterruptedException {
        cluster.createPod(ns, pod("stray", "Always", "[{\"name\":\"web\",\"image\":\"nginx\"}]")
                .replace(node, "no-such-node"));
        Thread.sleep(1500);
        JsonNode pod = cluster.pod(ns, "stray");
        assertThat(pod.at("/status/phase").asString()).isEqualTo("Pending");
        assertThat(pod.at("/status/conditions").isEmpty()).isTrue();
    }
}

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

/**
 * The kubelet simulation seen over HTTP, on the shared server at real time: a pod's watch events, status, Table row,
 * events and log. What takes simulated time (back-off, grace periods, init containers, pull secrets) is in
 * {@link KubeletOnRegistryTest}, on a stopped clock.
 */
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
}

package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.AloneOnTheServer;
import io.kubeling.support.HttpApi;
import io.kubeling.support.Kubectl;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kubectl drain} against a PodDisruptionBudget: the eviction is refused with kube's 429 while the budget
 * allows no disruption, kubectl retries every 5 s as it does on kube, and the drain ends once the budget is eased.
 * It cordons a node, so it has the server to itself.
 */
@KubelingTest
@AloneOnTheServer
class KubectlDrainTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Test
    void drainWaitsForTheBudgetAndEvictsOnceItAllows() throws Exception {
        HttpApi api = new HttpApi(port);
        Kubectl kubectl = new Kubectl(port);
        String ns = api.newNamespace("drain-");
        String app = "web-" + ns.substring(ns.length() - 5);
        kubectl.ok("-n", ns, "create", "deployment", app, "--image=nginx:1.27", "--replicas=2");
        await().atMost(WAIT).until(() -> readyPods(api, ns).size() == 2);
        kubectl.ok("-n", ns, "create", "poddisruptionbudget", "web", "--selector=app=" + app, "--min-available=2");
        await().atMost(WAIT).until(() -> {
            JsonNode status = api.get("/apis/policy/v1/namespaces/" + ns + "/poddisruptionbudgets/web").json()
                    .get("status");
            return status.path("currentHealthy").asInt() == 2 && status.path("observedGeneration").asInt() == 1;
        });
        assertThat(kubectl.ok("-n", ns, "get", "pdb").out()).matches("""
                NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
                web    2               N/A               0                     \\d+s
                """);

        List<JsonNode> pods = readyPods(api, ns);
        String pod = pods.get(0).at("/metadata/name").asString();
        String node = pods.get(0).at("/spec/nodeName").asString();
        HttpApi.Reply refused = api.post("/api/v1/namespaces/" + ns + "/pods/" + pod + "/eviction",
                "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"" + pod + "\"}}");
        assertThat(refused.code()).isEqualTo(429);
        assertThat(refused.json()).isEqualTo(JsonMapper.builder().build().readTree("""
                {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
                 "message":"Cannot evict pod as it would violate the pod's disruption budget.",
                 "reason":"TooManyRequests","details":{"causes":[{"reason":"DisruptionBudget",
                  "message":"The disruption budget web needs 2 healthy pods and has 2 currently"}]},"code":429}"""));

        try {
            Kubectl.Running drain = kubectl.start(Map.of(), "drain", node, "--pod-selector=app=" + app,
                    "--delete-emptydir-data", "--timeout=120s");
            String blocked = "error when evicting pods/\"" + pod + "\" -n \"" + ns + "\" (will retry after 5s): "
                    + "Cannot evict pod as it would violate the pod's disruption budget.";
            await().atMost(WAIT).until(() -> drain.err().contains(blocked));
            assertThat(drain.process().isAlive()).isTrue();
            assertThat(api.get("/api/v1/namespaces/" + ns + "/pods/" + pod).code()).isEqualTo(200);

            kubectl.ok("-n", ns, "patch", "pdb", "web", "--type=merge", "-p", "{\"spec\":{\"minAvailable\":1}}");
            assertThat(drain.process().waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(drain.process().exitValue()).as(drain.out() + drain.err()).isZero();
            assertThat(drain.out()).startsWith("node/" + node + " cordoned\n")
                    .contains("evicting pod " + ns + "/" + pod + "\n").contains("pod/" + pod + " evicted\n")
                    .endsWith("node/" + node + " drained\n");
        } finally {
            kubectl.ok("uncordon", node);
        }
        await().atMost(WAIT).until(() -> readyPods(api, ns).size() == 2
                && readyPods(api, ns).stream().noneMatch(p -> p.at("/metadata/name").asString().equals(pod)));
    }

    private static List<JsonNode> readyPods(HttpApi api, String ns) {
        List<JsonNode> ready = new ArrayList<>();
        for (JsonNode pod : api.get("/api/v1/namespaces/" + ns + "/pods").json().get("items")) {
            if (pod.at("/metadata/deletionTimestamp").isMissingNode()) {
                for (JsonNode c : pod.at("/status/conditions")) {
                    if (c.get("type").asString().equals("Ready") && c.get("status").asString().equals("True")) {
                        ready.add(pod);
                    }
                }
            }
        }
        return ready;
    }
}

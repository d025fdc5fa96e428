package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.AloneOnTheServer;
import io.kubeling.support.HttpApi;
import io.kubeling.support.Kubectl;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.ReadyPods;

/**
 * DaemonSets through the real kubectl: a node added to the cluster gets the daemon pod, and kubectl's rollout
 * commands follow it. Alone on the server, since it adds a node that others would count.
 */
@KubelingTest
@AloneOnTheServer
class KubectlDaemonSetsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Test
    void aNewNodeGetsTheDaemonPodAndRolloutsFollowIt() throws Exception {
        Kubectl kubectl = new Kubectl(port);
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("kds-");
        String pool = "pool-" + UUID.randomUUID().toString().substring(0, 8);
        String node = "kubeling-" + pool;
        assertThat(kubectl.ok("-n", ns, "create", "-f", Kubectl.manifest("""
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: agent
                spec:
                  selector:
                    matchLabels:
                      app: agent
                  template:
                    metadata:
                      labels:
                        app: agent
                    spec:
                      nodeSelector:
                        kubeling.io/pool: %s
                      containers:
                      - name: agent
                        image: nginx:1.27
                """.formatted(pool)).toString()).out()).isEqualTo("daemonset.apps/agent created\n");
        assertThat(kubectl.ok("-n", ns, "get", "ds").out()).containsPattern(
                "^NAME\\s+DESIRED\\s+CURRENT\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+NODE SELECTOR\\s+AGE\\n"
                        + "agent\\s+0\\s+0\\s+0\\s+0\\s+0\\s+kubeling.io/pool=" + pool + "\\s+\\d+s\\n$");
        try {
            assertThat(kubectl.ok("create", "-f", Kubectl.manifest("""
                    apiVersion: v1
                    kind: Node
                    metadata:
                      name: %s
                      labels:
                        kubernetes.io/hostname: %s
                        kubeling.io/pool: %s
                    spec:
                      podCIDR: 10.244.200.0/24
                    status:
                      capacity: {cpu: "2", memory: 4Gi, pods: "20"}
                      allocatable: {cpu: "2", memory: 4Gi, pods: "20"}
                    """.formatted(node, node, pool)).toString()).out()).isEqualTo("node/" + node + " created\n");
            assertThat(ReadyPods.await(WAIT, () -> api.get("/apis/apps/v1/namespaces/" + ns + "/daemonsets/agent")
                    .json().at("/status/desiredNumberScheduled").asInt() == 1)).isTrue();
            assertThat(kubectl.ok("-n", ns, "rollout", "status", "ds/agent", "--timeout=60s").out())
                    .endsWith("daemon set \"agent\" successfully rolled out\n");
            assertThat(kubectl.ok("-n", ns, "get", "pods", "-o", "wide").out())
                    .containsPattern("(?m)^agent-\\w{5}\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+\\S+\\s+" + node + "\\s");
            assertThat(kubectl.ok("-n", ns, "get", "ds").out())
                    .containsPattern("(?m)^agent\\s+1\\s+1\\s+1\\s+1\\s+1\\s+kubeling.io/pool=" + pool + "\\s+\\d+s$");

            assertThat(kubectl.ok("-n", ns, "describe", "ds", "agent").out())
                    .containsPattern("(?m)^Desired Number of Nodes Scheduled: 1$")
                    .containsPattern("(?m)^Number of Nodes Scheduled with Up-to-date Pods: 1$")
                    .containsPattern("(?m)^Pods Status:\\s+1 Running / 0 Waiting / 0 Succeeded / 0 Failed$")
                    .containsPattern("(?m)^\\s+Normal\\s+SuccessfulCreate\\s+.*daemonset-controller\\s+Created pod: agent-");

            kubectl.ok("-n", ns, "set", "image", "ds/agent", "agent=nginx:1.28");
            assertThat(kubectl.ok("-n", ns, "rollout", "status", "ds/agent", "--timeout=60s").out())
                    .endsWith("daemon set \"agent\" successfully rolled out\n");
            assertThat(ReadyPods.await(WAIT, () -> kubectl("-n", ns, "get", "pods", "-o",
                    "jsonpath={.items[*].spec.containers[0].image}").equals("nginx:1.28"))).isTrue();
            assertThat(kubectl.ok("-n", ns, "rollout", "history", "daemonset/agent").out()).containsPattern(
                    "daemonset.apps/agent \\nREVISION\\s+CHANGE-CAUSE\\n1\\s+<none>\\n2\\s+<none>\\n");
            assertThat(kubectl.ok("-n", ns, "rollout", "undo", "ds/agent").out())
                    .isEqualTo("daemonset.apps/agent rolled back\n");
            assertThat(kubectl.ok("-n", ns, "rollout", "status", "ds/agent", "--timeout=60s").out())
                    .endsWith("daemon set \"agent\" successfully rolled out\n");
            assertThat(kubectl.ok("-n", ns, "get", "ds", "agent", "-o",
                    "jsonpath={.spec.template.spec.containers[0].image}").out()).isEqualTo("nginx:1.27");
        } finally {
            kubectl.run("-n", ns, "delete", "ds", "agent", "--wait=true");
            kubectl.run("delete", "node", node);
        }
    }

    private String kubectl(String... args) {
        try {
            return new Kubectl(port).ok(args).out();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

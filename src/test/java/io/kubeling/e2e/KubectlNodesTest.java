package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.AloneOnTheServer;
import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.KubelingTest;

/** kubectl against the simulated nodes: get, describe, cordon, drain and uncordon. */
@KubelingTest
@AloneOnTheServer
class KubectlNodesTest {

    private static final String NODE = "kubeling-node-3";

    @LocalServerPort
    int port;

    Kubectl kubectl;

    @BeforeEach
    void setUp() throws Exception {
        kubectl = new Kubectl(port);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Kubectl.POLL)
                .until(() -> kubectl.run("get", "node", NODE).exitCode() == 0);
    }

    @Test
    void getNodesListsTheReadyNodesWithTheirVersion() throws Exception {
        String out = kubectl.ok("get", "nodes").out();
        assertThat(out.lines().findFirst().orElseThrow()).matches("NAME\\s+STATUS\\s+ROLES\\s+AGE\\s+VERSION");
        for (int i = 1; i <= 3; i++) {
            assertThat(out).containsPattern("(?m)^kubeling-node-" + i + "\\s+Ready\\s+<none>\\s+\\d+[smhd]\\w*\\s+v1\\.32\\.4$");
        }
        assertThat(kubectl.ok("get", "nodes", "-o", "wide").out()).containsPattern(
                "kubeling-node-1\\s+Ready\\s+<none>\\s+\\S+\\s+v1\\.32\\.4\\s+172\\.18\\.0\\.2\\s+<none>\\s+"
                        + "Debian GNU/Linux 12 \\(bookworm\\)\\s+\\S+\\s+containerd://1\\.7\\.\\d+");
        assertThat(kubectl.ok("get", "leases", "-n", "kube-node-lease").out())
                .containsPattern("(?m)^kubeling-node-1\\s+kubeling-node-1\\s+\\d+[smhd]\\w*$");
    }

    @Test
    void describeNodeShowsConditionsAddressesCapacityAndAllocatedResources() throws Exception {
        // the kubelet's start-up events are recorded a moment after its node registers, as kube's recorder does
        String starting = "(?m)^\\s+Normal\\s+Starting\\s.*kubelet\\s+Starting kubelet\\.$";
        await().atMost(Duration.ofSeconds(20)).pollInterval(Kubectl.POLL)
                .until(() -> Pattern.compile(starting)
                        .matcher(kubectl.ok("describe", "node", "kubeling-node-1").out()).find());
        String out = kubectl.ok("describe", "node", "kubeling-node-1").out();
        assertThat(out).containsPattern("(?m)^Name:\\s+kubeling-node-1$");
        assertThat(out).containsPattern("(?m)^Roles:\\s+<none>$");
        assertThat(out).contains("kubernetes.io/hostname=kubeling-node-1");
        assertThat(out).containsPattern("(?m)^Taints:\\s+<none>$");
        assertThat(out).containsPattern("(?m)^Unschedulable:\\s+false$");
        assertThat(out).containsPattern("(?m)^\\s+HolderIdentity:\\s+kubeling-node-1$");
        assertThat(out).containsPattern("(?m)^\\s+MemoryPressure\\s+False\\s.*KubeletHasSufficientMemory\\s+kubelet has sufficient memory available$");
        assertThat(out).containsPattern("(?m)^\\s+Ready\\s+True\\s.*KubeletReady\\s+kubelet is posting ready status$");
        assertThat(out).containsPattern("(?m)^\\s+InternalIP:\\s+172\\.18\\.0\\.2$");
        assertThat(out).containsPattern("(?m)^\\s+Hostname:\\s+kubeling-node-1$");
        assertThat(out).containsPattern("(?s)Capacity:\\s+cpu:\\s+4\\s+ephemeral-storage:\\s+100Gi");
        assertThat(out).containsPattern("(?m)^\\s+memory:\\s+16284Mi$");
        assertThat(out).containsPattern("(?m)^\\s+Kubelet Version:\\s+v1\\.32\\.4$");
        assertThat(out).containsPattern("(?m)^\\s+Container Runtime Version:\\s+containerd://1\\.7\\.\\d+$");
        assertThat(out).containsPattern("(?m)^PodCIDR:\\s+10\\.244\\.0\\.0/24$");
        assertThat(out).contains("Non-terminated Pods:");
        assertThat(out).containsPattern("(?m)^Allocated resources:$");
        assertThat(out).containsPattern("(?m)^\\s+Resource\\s+Requests\\s+Limits$");
        assertThat(out).containsPattern("(?m)^\\s+cpu\\s+\\S+ \\(\\d+%\\)\\s+\\S+ \\(\\d+%\\)$");
        assertThat(out).containsPattern(starting);
    }

    @Test
    void cordonDrainAndUncordon() throws Exception {
        String ns = "kn-" + UUID.randomUUID().toString().substring(0, 8);
        kubectl.ok("create", "namespace", ns);
        for (String name : new String[] {"alpha", "beta"}) {
            kubectl.ok("-n", ns, "run", name, "--image=nginx:1.27",
                    "--overrides={\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"" + NODE + "\"}}}");
        }
        await().atMost(Duration.ofSeconds(20)).pollInterval(Kubectl.POLL)
                .until(() -> kubectl.run("-n", ns, "get", "pods", "-o",
                        "jsonpath={.items[*].spec.nodeName}").out().equals(NODE + " " + NODE));
        // the add-ons are installed once the server is ready: the node's kube-proxy pod may come a moment later
        await().atMost(Duration.ofSeconds(20)).pollInterval(Kubectl.POLL)
                .until(() -> kubectl.run("-n", "kube-system", "get", "pods", "-l", "k8s-app=kube-proxy",
                        "--field-selector=spec.nodeName=" + NODE, "-o", "name").out().startsWith("pod/kube-proxy-"));
        try {
            assertThat(kubectl.ok("cordon", NODE).out()).isEqualTo("node/" + NODE + " cordoned\n");
            assertThat(kubectl.ok("get", "node", NODE).out()).containsPattern(NODE + "\\s+Ready,SchedulingDisabled\\s");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Kubectl.POLL)
                    .until(() -> kubectl.run("get", "node", NODE, "-o",
                            "jsonpath={.spec.taints[*].key}").out().contains("node.kubernetes.io/unschedulable"));

            Result drained = kubectl.ok("drain", NODE, "--ignore-daemonsets", "--force", "--delete-emptydir-data",
                    "--grace-period=0", "--timeout=60s");
            assertThat(drained.out()).contains("node/" + NODE + " already cordoned\n");
            assertThat(drained.out()).contains("pod/alpha evicted\n").contains("pod/beta evicted\n");
            assertThat(drained.out()).endsWith("node/" + NODE + " drained\n");
            // kubectl joins its warnings in no fixed order
            assertThat(drained.err()).startsWith("Warning: ")
                    .containsPattern("ignoring DaemonSet-managed Pods: kube-system/kube-proxy-[a-z0-9]{5}")
                    .contains("deleting Pods that declare no controller: ")
                    .contains(ns + "/alpha");
            assertThat(drained.out()).contains("evicting pod " + ns + "/alpha\n");
            assertThat(kubectl.ok("-n", ns, "get", "pods").err()).isEqualTo("No resources found in " + ns + " namespace.\n");

            kubectl.ok("-n", ns, "run", "gamma", "--image=nginx:1.27",
                    "--overrides={\"spec\":{\"nodeSelector\":{\"kubernetes.io/hostname\":\"" + NODE + "\"}}}");
            await().atMost(Duration.ofSeconds(20)).pollInterval(Kubectl.POLL)
                    .until(() -> kubectl.run("-n", ns, "get", "pod", "gamma", "-o",
                            "jsonpath={.status.conditions[0].reason}").out().equals("Unschedulable"));
            assertThat(kubectl.ok("-n", ns, "describe", "pod", "gamma").out()).containsPattern(
                    "Warning\\s+FailedScheduling\\s+.*default-scheduler\\s+0/\\d nodes are available: 1 node\\(s\\) had "
                            + "untolerated taint \\{node-role.kubernetes.io/control-plane: \\}, 1 node\\(s\\) were "
                            + "unschedulable, \\d node\\(s\\) didn't match Pod's node affinity/selector\\.");
        } finally {
            assertThat(kubectl.ok("uncordon", NODE).out()).isEqualTo("node/" + NODE + " uncordoned\n");
        }
        assertThat(kubectl.ok("get", "node", NODE).out()).containsPattern(NODE + "\\s+Ready\\s");
        assertThat(kubectl.ok("describe", "node", NODE).out())
                .containsPattern("Normal\\s+NodeNotSchedulable\\s.*kubelet\\s+Node " + NODE
                        + " status is now: NodeNotSchedulable")
                .containsPattern("Normal\\s+NodeSchedulable\\s.*kubelet\\s+Node " + NODE
                        + " status is now: NodeSchedulable");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Kubectl.POLL)
                .until(() -> kubectl.run("-n", ns, "get", "pod", "gamma", "-o",
                        "jsonpath={.spec.nodeName}").out().equals(NODE));
        assertThat(kubectl.ok("-n", ns, "describe", "pod", "gamma").out()).containsPattern(
                "Normal\\s+Scheduled\\s+.*default-scheduler\\s+Successfully assigned " + ns + "/gamma to " + NODE);
    }
}

package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.Kubectl;
import io.kubeling.support.KubelingTest;

/**
 * kubectl sees kube-system as on a kubeadm cluster: CoreDNS behind kube-dns, kube-proxy on the nodes, the tainted
 * control-plane node with the mirror pods of its static pods, and the {@code kubernetes} Service's endpoints.
 */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlSystemPodsTest {

    private static final Pattern COREDNS_RUNNING =
            Pattern.compile("(?m)^coredns-[a-z0-9]{8,10}-[a-z0-9]{5}\\s+1/1\\s+Running\\s+0\\s+\\d+[smhd]\\w*$");

    @LocalServerPort
    int port;

    Kubectl kubectl;

    @BeforeEach
    void setUp() throws Exception {
        kubectl = new Kubectl(port);
    }

    @Test
    void coreDnsAndKubeProxyRunInKubeSystem() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String out = kubectl.ok("get", "pods", "-n", "kube-system").out();
            return COREDNS_RUNNING.matcher(out).results().count() == 2
                    && out.lines().filter(l -> l.matches("kube-proxy-[a-z0-9]{5}\\s+1/1\\s+Running\\s+.*")).count() >= 3;
        });
        String wide = kubectl.ok("get", "pods", "-n", "kube-system", "-o", "wide", "-l", "k8s-app=kube-proxy").out();
        for (int i = 1; i <= 3; i++) {
            assertThat(wide).containsPattern("(?m)^kube-proxy-[a-z0-9]{5}\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+172\\.18\\.0\\."
                    + (i + 1) + "\\s+kubeling-node-" + i + "\\s");
        }
        assertThat(kubectl.ok("get", "deployment", "coredns", "-n", "kube-system").out())
                .containsPattern("(?m)^coredns\\s+2/2\\s+2\\s+2\\s+\\d+[smhd]\\w*$");
    }

    @Test
    void kubeDnsServesAtTheDnsAddress() throws Exception {
        String out = kubectl.ok("get", "svc", "-n", "kube-system").out();
        assertThat(out.lines().findFirst().orElseThrow())
                .matches("NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+PORT\\(S\\)\\s+AGE");
        assertThat(out).containsPattern(
                "(?m)^kube-dns\\s+ClusterIP\\s+10\\.96\\.0\\.10\\s+<none>\\s+53/UDP,53/TCP,9153/TCP\\s+\\d+[smhd]\\w*$");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(kubectl.ok("get", "endpoints", "kube-dns", "-n", "kube-system").out())
                        .containsPattern("(?m)^kube-dns\\s+10\\.244\\.\\d+\\.\\d+:53,10\\.244\\.\\d+\\.\\d+:53,"));
    }

    @Test
    void theControlPlaneNodeRunsTheMirrorPodsOfKubeadmsStaticPods() throws Exception {
        assertThat(kubectl.ok("get", "nodes").out()).containsPattern(
                "(?m)^kubeling-control-plane\\s+Ready\\s+control-plane\\s+\\S+\\s+v1\\.32\\.\\d+$");
        assertThat(kubectl.ok("get", "node", "kubeling-control-plane", "-o",
                "jsonpath={.spec.taints[*].key}={.spec.taints[*].effect}").out())
                .isEqualTo("node-role.kubernetes.io/control-plane=NoSchedule");
        String address = kubectl.ok("get", "node", "kubeling-control-plane", "-o",
                "jsonpath={.status.addresses[?(@.type==\"InternalIP\")].address}").out();
        for (String component : java.util.List.of("etcd", "kube-apiserver", "kube-controller-manager",
                "kube-scheduler")) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(kubectl.ok("get", "pods", "-n", "kube-system", "-o", "wide").out()).containsPattern(
                            "(?m)^" + component + "-kubeling-control-plane\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+"
                                    + Pattern.quote(address) + "\\s+kubeling-control-plane\\s"));
        }
        String mirror = kubectl.ok("get", "pod", "-n", "kube-system", "kube-apiserver-kubeling-control-plane", "-o",
                "jsonpath={.metadata.annotations.kubernetes\\.io/config\\.source} "
                        + "{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} "
                        + "{.metadata.labels.component} {.spec.priorityClassName} {.spec.priority}").out();
        assertThat(mirror).isEqualTo("file Node/kubeling-control-plane kube-apiserver system-node-critical 2000001000");
        assertThat(kubectl.ok("get", "pod", "-n", "kube-system", "kube-apiserver-kubeling-control-plane", "-o",
                "jsonpath={.metadata.annotations.kubernetes\\.io/config\\.mirror}").out()).matches("[0-9a-f]{32}");

        String endpoint = address + ":" + port;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(kubectl.ok("get", "endpoints", "kubernetes").out())
                        .containsPattern("(?m)^kubernetes\\s+" + Pattern.quote(endpoint) + "\\s+\\S+$"));
        assertThat(kubectl.ok("get", "endpointslice", "kubernetes", "-o",
                "jsonpath={.addressType} {.endpoints[0].addresses[0]} {.ports[0].name}:{.ports[0].port} "
                        + "{.metadata.labels.kubernetes\\.io/service-name}").out())
                .isEqualTo("IPv4 " + address + " https:" + port + " kubernetes");
    }
}

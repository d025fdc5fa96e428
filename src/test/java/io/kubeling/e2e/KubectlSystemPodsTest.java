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

/** kubectl sees kube-system as on a kubeadm cluster: CoreDNS behind kube-dns and kube-proxy on the nodes. */
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
}

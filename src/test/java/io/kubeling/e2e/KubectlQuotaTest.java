package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.KubelingTest;

/** A namespace quota through the real kubectl: counted, shown, and refusing what would exceed it. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlQuotaTest {

    @LocalServerPort
    int port;

    @Test
    void aQuotaRefusesThePodThatWouldExceedIt() throws Exception {
        Kubectl kubectl = new Kubectl(port);
        String ns = new HttpApi(port).newNamespace("kq-");
        kubectl.ok("-n", ns, "create", "quota", "small", "--hard=pods=1,configmaps=5");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> kubectl.ok("-n", ns, "get", "quota", "small", "-o", "jsonpath={.status.used.pods}")
                        .out().equals("0"));
        kubectl.ok("-n", ns, "run", "first", "--image=nginx");
        Result refused = kubectl.run("-n", ns, "run", "second", "--image=nginx");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).isEqualTo("Error from server (Forbidden): pods \"second\" is forbidden: exceeded "
                + "quota: small, requested: pods=1, used: pods=1, limited: pods=1\n");
        assertThat(kubectl.ok("-n", ns, "get", "quota").out())
                .containsPattern("(?m)^NAME +REQUEST +LIMIT +AGE$")
                .containsPattern("(?m)^small +configmaps: [01]/5, pods: 1/1 +\\d+s$");
    }
}

package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.KubelingTest;

/** kubectl debug, whose ephemeral containers are not served: kubectl explains so, as against kube without them. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlDebugTest {

    @LocalServerPort
    int port;

    @Test
    void debugReportsEphemeralContainersAsDisabledInsteadOfCrashing() throws Exception {
        Kubectl kubectl = new Kubectl(port);
        String ns = "dbg-" + UUID.randomUUID().toString().substring(0, 8);
        kubectl.ok("create", "namespace", ns);
        kubectl.ok("-n", ns, "run", "target", "--image=busybox", "--", "sleep", "3600");
        Result result = kubectl.run("-n", ns, "debug", "target", "-it", "--image=busybox");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.err()).doesNotContain("panic")
                .contains("error: ephemeral containers are disabled for this cluster "
                        + "(error from server: \"the server could not find the requested resource\")");
    }
}

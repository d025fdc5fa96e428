package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.Clients;
import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.KubelingTest;

/** A scripted session with the real kubectl, asserting on what it prints. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlSessionTest {

    @LocalServerPort
    int port;

    private static final String LEGACY_KUBECTL = "target/tools/kubectl-1.20/usr/bin/kubectl";

    Kubectl kubectl;
    String ns;

    @BeforeEach
    void setUp() throws Exception {
        kubectl = new Kubectl(port);
        ns = "ks-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void discoveryAndVersion() throws Exception {
        assertThat(kubectl.ok("version", "-o", "json").out()).contains("\"gitVersion\": \"v1.32.4\"");
        String resources = kubectl.ok("api-resources").out();
        assertThat(resources).containsPattern("(?m)^pods\\s+po\\s+v1\\s+true\\s+Pod$");
        assertThat(resources).containsPattern("(?m)^namespaces\\s+ns\\s+v1\\s+false\\s+Namespace$");
        assertThat(resources).containsPattern("(?m)^services\\s+svc\\s+v1\\s+true\\s+Service$");
        assertThat(resources).containsPattern("(?m)^statefulsets\\s+sts\\s+apps/v1\\s+true\\s+StatefulSet$");
        assertThat(resources).containsPattern("(?m)^daemonsets\\s+ds\\s+apps/v1\\s+true\\s+DaemonSet$");
        assertThat(resources).containsPattern("(?m)^controllerrevisions\\s+apps/v1\\s+true\\s+ControllerRevision$");
    }

    /** The kubectl on the PATH, and Debian's kubectl 1.20 as .ci/run unpacks it. */
    static Stream<String> kubectlBinaries() {
        return Stream.of("kubectl", System.getProperty("kubeling.kubectl.legacy", LEGACY_KUBECTL));
    }

    private Kubectl kubectl(String binary) throws Exception {
        if (!binary.equals("kubectl")) {
            Clients.assumeInstalled("Debian's kubectl 1.20", Files.isExecutable(Path.of(binary)),
                    "unpack Debian's kubernetes-client under target/tools/kubectl-1.20 (.ci/run does)");
        }
        return new Kubectl(port, binary);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kubectlBinaries")
    void aSessionOfCommonCommands(String binary) throws Exception {
        kubectl = kubectl(binary);
        assertThat(kubectl.ok("create", "namespace", ns).out()).isEqualTo("namespace/" + ns + " created\n");
        assertThat(kubectl.ok("-n", ns, "run", "web", "--image=nginx:1.27", "-l", "app=web").out())
                .isEqualTo("pod/web created\n");
        assertThat(kubectl.ok("-n", ns, "wait", "--for=condition=Ready", "pod/web", "--timeout=60s").out())
                .isEqualTo("pod/web condition met\n");

        String pods = kubectl.ok("-n", ns, "get", "pods").out();
        assertThat(pods).startsWith("NAME   READY   STATUS    RESTARTS   AGE\n");
        assertThat(pods).containsPattern("(?m)^web\\s+1/1\\s+Running\\s+0\\s+\\d+s$");
        String wide = kubectl.ok("-n", ns, "get", "pods", "-o", "wide").out();
        assertThat(wide.lines().findFirst().orElseThrow())
                .matches("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+IP\\s+NODE\\s+NOMINATED NODE\\s+READINESS GATES");
        assertThat(wide).containsPattern("(?m)^web\\s+1/1\\s+Running\\s+0\\s+\\d+s\\s+10\\.244\\.\\d+\\.\\d+\\s+"
                + "kubeling-node-\\d\\s+<none>\\s+<none>$");
        assertThat(kubectl.ok("-n", ns, "get", "pods", "--show-labels").out()).contains("app=web");
        assertThat(kubectl.ok("get", "pods", "-A").out()).containsPattern("(?m)^NAMESPACE\\s+NAME\\s+READY\\s+STATUS")
                .containsPattern("(?m)^" + ns + "\\s+web\\s+1/1\\s+Running\\s");
        assertThat(kubectl.ok("-n", ns, "get", "pods", "--field-selector", "status.phase=Running", "-o", "name").out())
                .isEqualTo("pod/web\n");
        assertThat(kubectl.ok("-n", ns, "get", "pods", "--field-selector", "status.phase=Pending").err())
                .contains("No resources found in " + ns + " namespace.");
        assertThat(kubectl.ok("-n", ns, "get", "pod", "web", "-o", "json").out()).contains("\"kind\": \"Pod\"")
                .contains("\"phase\": \"Running\"");
        assertThat(kubectl.ok("-n", ns, "get", "pod", "web", "-o", "jsonpath={.spec.containers[0].image}").out())
                .isEqualTo("nginx:1.27");
        assertThat(kubectl.ok("-n", ns, "get", "pod", "web", "-o", "yaml").out()).contains("kind: Pod")
                .contains("restartPolicy: Always");

        assertThat(kubectl.ok("-n", ns, "label", "pod", "web", "tier=front").out()).isEqualTo("pod/web labeled\n");
        assertThat(kubectl.ok("-n", ns, "get", "pods", "-l", "tier=front", "-o", "name").out()).isEqualTo("pod/web\n");
        assertThat(kubectl.ok("-n", ns, "annotate", "pod", "web", "note=hello").out()).isEqualTo("pod/web annotated\n");
        assertThat(kubectl.ok("-n", ns, "patch", "pod", "web", "--type", "merge", "-p",
                "{\"metadata\":{\"labels\":{\"merged\":\"yes\"}}}").out()).isEqualTo("pod/web patched\n");
        assertThat(kubectl.ok("-n", ns, "patch", "pod", "web", "--type", "json", "-p",
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/json\",\"value\":\"yes\"}]").out())
                .isEqualTo("pod/web patched\n");
        assertThat(kubectl.ok("-n", ns, "patch", "pod", "web", "-p",
                "{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.28\"}]}}").out())
                .isEqualTo("pod/web patched\n");
        assertThat(kubectl.ok("-n", ns, "get", "pod", "web", "-o", "jsonpath={.spec.containers[0].image}").out())
                .isEqualTo("nginx:1.28");

        assertThat(kubectl.ok("-n", ns, "create", "secret", "generic", "creds", "--from-literal=password=s3cret").out())
                .isEqualTo("secret/creds created\n");
        assertThat(kubectl.ok("-n", ns, "create", "configmap", "cfg", "--from-literal=mode=dev").out())
                .isEqualTo("configmap/cfg created\n");
        assertThat(kubectl.ok("-n", ns, "get", "secrets").out()).containsPattern("(?m)^creds\\s+Opaque\\s+1\\s+\\d+s$");
        assertThat(kubectl.ok("-n", ns, "get", "configmaps", "cfg").out()).containsPattern("(?m)^cfg\\s+1\\s+\\d+s$");
        kubectl.ok("-n", ns, "create", "configmap", "big", "--from-literal=a=1", "--from-literal=b=2");
        assertThat(kubectl.ok("-n", ns, "get", "configmaps", "--sort-by=.metadata.name", "-o", "name").out())
                .startsWith("configmap/big\nconfigmap/cfg\n");
        assertThat(kubectl.ok("-n", ns, "get", "configmaps", "--sort-by=.metadata.name", "-o",
                "custom-columns=NAME:.metadata.name", "--no-headers").out()).startsWith("big\ncfg\n");

        Path listed = Files.createTempFile("configmaps", ".json");
        Files.writeString(listed, kubectl.ok("-n", ns, "get", "configmaps", "big", "cfg", "-o", "json").out()
                .replace("\"mode\": \"dev\"", "\"mode\": \"prod\""));
        assertThat(kubectl.ok("-n", ns, "replace", "-f", listed.toString()).out())
                .isEqualTo("configmap/big replaced\nconfigmap/cfg replaced\n");
        assertThat(kubectl.ok("-n", ns, "get", "configmap", "cfg", "-o", "jsonpath={.data.mode}").out())
                .isEqualTo("prod");

        String described = kubectl.ok("-n", ns, "describe", "pod", "web").out();
        assertThat(described).containsPattern("(?m)^Name:\\s+web$").containsPattern("(?m)^Status:\\s+Running$")
                .contains("tier=front")
                .containsPattern("Normal\\s+Scheduled\\s+.*default-scheduler\\s+Successfully assigned " + ns
                        + "/web to kubeling-node-\\d")
                .containsPattern("Normal\\s+Started\\s+.*kubelet\\s+Started container web");

        assertThat(kubectl.ok("-n", ns, "delete", "pod", "web").out()).isEqualTo("pod \"web\" deleted\n");
        assertThat(kubectl.ok("-n", ns, "get", "pods").err()).contains("No resources found in " + ns + " namespace.");
        assertThat(kubectl.ok("delete", "namespace", ns).out()).isEqualTo("namespace \"" + ns + "\" deleted\n");
        Result gone = kubectl.run("get", "namespace", ns);
        assertThat(gone.exitCode()).isNotZero();
        assertThat(gone.err()).contains("namespaces \"" + ns + "\" not found");
    }

    @Test
    void errorsReadAsTheyDoAgainstARealCluster() throws Exception {
        Result missing = kubectl.run("get", "pod", "nothing-here");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("Error from server (NotFound): pods \"nothing-here\" not found");
        Result duplicate = kubectl.run("create", "namespace", "default");
        assertThat(duplicate.err()).contains("Error from server (AlreadyExists): namespaces \"default\" already exists");
    }
}

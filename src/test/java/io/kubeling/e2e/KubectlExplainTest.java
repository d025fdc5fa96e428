package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.KubelingTest;

/** What kubectl reads from /openapi/v3: explain's documentation, and strict validation left to the server. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlExplainTest {

    @LocalServerPort
    int port;

    Kubectl kubectl;
    String ns;

    @BeforeEach
    void setUp() throws Exception {
        kubectl = new Kubectl(port);
        ns = "kx-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void explainPrintsTheFieldDocumentation() throws Exception {
        String out = kubectl.ok("explain", "pod.spec.containers").out();
        assertThat(out).startsWith("KIND:       Pod\nVERSION:    v1\n\nFIELD: containers <[]Container>\n");
        assertThat(out).contains("List of containers belonging to the pod.");
        assertThat(out).containsPattern("(?m)^  name\\t<string> -required-$");
        assertThat(out).containsPattern("(?m)^  args\\t<\\[\\]string>\\n    Arguments to the entrypoint\\.");
        assertThat(out).containsPattern("(?m)^  ports\\t<\\[\\]ContainerPort>$");
    }

    @Test
    void explainFollowsReferencesAndNamesTheKind() throws Exception {
        String out = kubectl.ok("explain", "configmaps").out();
        assertThat(out).startsWith("KIND:       ConfigMap\nVERSION:    v1\n");
        assertThat(out).contains("ConfigMap holds configuration data for pods to consume.");
        assertThat(out).containsPattern("(?m)^  data\\t<map\\[string\\]string>$");
        assertThat(kubectl.ok("explain", "pod.metadata.creationTimestamp").out()).contains("FIELD: creationTimestamp <string>");
    }

    @Test
    void unknownFieldsAreRefusedByTheServersStrictValidation() throws Exception {
        kubectl.ok("create", "namespace", ns);
        Path pod = Kubectl.manifest("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: strict
                spec:
                  foo: bar
                  schedulerName: kubeling-test-unscheduled
                  containers:
                  - name: app
                    image: nginx
                """);
        Result result = kubectl.run("-n", ns, "create", "-f", pod.toString());
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.err()).startsWith("Error from server (BadRequest): error when creating \"" + pod + "\": ");
        assertThat(result.err()).contains("Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: "
                + "unknown field \"spec.foo\"");
    }

    @Test
    void createAndClientSideApplyOfAConfigMapSucceed() throws Exception {
        kubectl.ok("create", "namespace", ns);
        Path created = Kubectl.manifest("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: created
                data:
                  colour: blue
                """);
        assertThat(kubectl.ok("-n", ns, "create", "-f", created.toString()).out()).isEqualTo("configmap/created created\n");

        Path applied = Kubectl.manifest("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: applied
                data:
                  colour: blue
                """);
        assertThat(kubectl.ok("-n", ns, "apply", "-f", applied.toString()).out()).isEqualTo("configmap/applied created\n");
        Files.writeString(applied, Files.readString(applied).replace("blue", "green"));
        assertThat(kubectl.ok("-n", ns, "apply", "-f", applied.toString()).out())
                .isEqualTo("configmap/applied configured\n");
        assertThat(kubectl.ok("-n", ns, "get", "configmap", "applied", "-o", "jsonpath={.data.colour}").out())
                .isEqualTo("green");
    }
}

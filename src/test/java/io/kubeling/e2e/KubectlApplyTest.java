package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.KubelingTest;

/** kubectl apply, client-side and server-side, against Kubeling. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlApplyTest {

    @LocalServerPort
    int port;

    Kubectl kubectl;
    String ns;
    Path dir;

    @BeforeEach
    void setUp() throws Exception {
        kubectl = new Kubectl(port);
        ns = "ka-" + UUID.randomUUID().toString().substring(0, 8);
        dir = Files.createTempDirectory("kubectl-apply");
        kubectl.ok("create", "namespace", ns);
    }

    /** kubectl apply with these arguments, in the test namespace. */
    private Result apply(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("-n", ns, "apply"));
        all.addAll(List.of(args));
        return kubectl.run(all.toArray(String[]::new));
    }

    private Result applied(String... args) throws Exception {
        Result result = apply(args);
        assertThat(result.exitCode()).as("apply " + String.join(" ", args) + "\n" + result).isZero();
        return result;
    }

    private String file(String name, String yaml) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, yaml);
        return path.toString();
    }

    private static String configMap(String name, String data) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %s
                data:
                %s
                """.formatted(name, data.indent(2));
    }

    @Test
    void clientSideApplyCreatesConfiguresAndLeavesUnchanged() throws Exception {
        String cm = file("cm.yaml", configMap("app", "a: \"1\"\nb: \"2\""));
        assertThat(applied("-f", cm).out()).isEqualTo("configmap/app created\n");
        assertThat(applied("-f", cm).out()).isEqualTo("configmap/app unchanged\n");
        assertThat(kubectl.ok("-n", ns, "get", "configmap", "app", "-o",
                "jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}").out())
                .contains("\"data\":{\"a\":\"1\",\"b\":\"2\"}");

        file("cm.yaml", configMap("app", "a: \"10\"\nb: \"2\""));
        assertThat(applied("-f", cm).out()).isEqualTo("configmap/app configured\n");
        assertThat(kubectl.ok("-n", ns, "get", "configmap", "app", "-o", "jsonpath={.data.a}").out()).isEqualTo("10");

        file("cm.yaml", configMap("app", "a: \"10\""));
        assertThat(applied("-f", cm).out()).isEqualTo("configmap/app configured\n");
        assertThat(kubectl.ok("-n", ns, "get", "configmap", "app", "-o", "jsonpath={.data}").out()).isEqualTo("{\"a\":\"10\"}");
        assertThat(applied("-f", cm).out()).isEqualTo("configmap/app unchanged\n");

        String managers = kubectl.ok("-n", ns, "get", "configmap", "app", "-o",
                "jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation};{end}").out();
        assertThat(managers).isEqualTo("kubectl-client-side-apply/Update;");
        assertThat(kubectl.ok("-n", ns, "get", "configmap", "app", "-o", "yaml").out()).doesNotContain("managedFields");
        assertThat(kubectl.ok("-n", ns, "get", "configmap", "app", "-o", "yaml", "--show-managed-fields").out())
                .contains("managedFields:").contains("manager: kubectl-client-side-apply").contains("f:a: {}");
    }

    @Test
    void clientSideApplyOfAServiceMergesItsPorts() throws Exception {
        String svc = file("svc.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  labels:
                    app: web
                spec:
                  selector:
                    app: web
                  ports:
                  - name: http
                    port: 80
                    targetPort: 8080
                """);
        assertThat(applied("-f", svc).out()).isEqualTo("service/web created\n");
        file("svc.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  selector:
                    app: web
                  ports:
                  - name: http
                    port: 80
                    targetPort: 8080
                  - name: https
                    port: 443
                    targetPort: 8443
                """);
        assertThat(applied("-f", svc).out()).isEqualTo("service/web configured\n");
        assertThat(kubectl.ok("-n", ns, "get", "service", "web", "-o", "jsonpath={.spec.ports[*].name}").out())
                .isEqualTo("http https");
        assertThat(kubectl.ok("-n", ns, "get", "service", "web", "-o", "jsonpath={.metadata.labels}").out()).isEmpty();
        assertThat(applied("-f", svc).out()).isEqualTo("service/web unchanged\n");
    }

    @Test
    void serverSideApplyConflictsAndForce() throws Exception {
        String cm = file("ss.yaml", configMap("ss", "a: \"1\""));
        assertThat(applied("--server-side", "-f", cm).out()).isEqualTo("configmap/ss serverside-applied\n");
        assertThat(applied("--server-side", "-f", cm).out()).isEqualTo("configmap/ss serverside-applied\n");

        String other = file("other.yaml", configMap("ss", "a: \"2\""));
        Result conflict = apply("--server-side", "--field-manager=other", "-f", other);
        assertThat(conflict.exitCode()).isNotZero();
        assertThat(conflict.err()).contains("Apply failed with 1 conflict: conflict with \"kubectl\": .data.a")
                .contains("--force-conflicts");
        assertThat(kubectl.ok("-n", ns, "get", "configmap", "ss", "-o", "jsonpath={.data.a}").out()).isEqualTo("1");

        assertThat(applied("--server-side", "--field-manager=other", "--force-conflicts", "-f", other)
                .out()).isEqualTo("configmap/ss serverside-applied\n");
        assertThat(kubectl.ok("-n", ns, "get", "configmap", "ss", "-o", "jsonpath={.data.a}").out()).isEqualTo("2");
        String managers = kubectl.ok("-n", ns, "get", "configmap", "ss", "-o",
                "jsonpath={range .metadata.managedFields[*]}{.manager}/{.operation};{end}").out();
        assertThat(managers).isEqualTo("other/Apply;");
    }

    @Test
    void serverSideApplyOfAPodAndAFieldDroppedFromTheFile() throws Exception {
        String pod = file("pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels:
                    app: p
                    tier: web
                spec:
                  schedulerName: kubeling-test-unscheduled
                  containers:
                  - name: c
                    image: nginx:1.27
                """);
        assertThat(applied("--server-side", "-f", pod).out()).isEqualTo("pod/p serverside-applied\n");
        file("pod.yaml", """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels:
                    app: p
                spec:
                  schedulerName: kubeling-test-unscheduled
                  containers:
                  - name: c
                    image: nginx:1.27
                """);
        assertThat(applied("--server-side", "-f", pod).out()).isEqualTo("pod/p serverside-applied\n");
        assertThat(kubectl.ok("-n", ns, "get", "pod", "p", "-o", "jsonpath={.metadata.labels}").out())
                .isEqualTo("{\"app\":\"p\"}");
    }

    @Test
    void serverSideApplyTakesOverFromClientSideApply() throws Exception {
        String cm = file("up.yaml", configMap("up", "a: \"1\""));
        assertThat(applied("-f", cm).out()).isEqualTo("configmap/up created\n");
        file("up.yaml", configMap("up", "a: \"2\""));
        assertThat(applied("--server-side", "-f", cm).out()).isEqualTo("configmap/up serverside-applied\n");
        assertThat(kubectl.ok("-n", ns, "get", "configmap", "up", "-o", "jsonpath={.data.a}").out()).isEqualTo("2");
        assertThat(kubectl.ok("-n", ns, "get", "configmap", "up", "-o",
                "jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}").out())
                .contains("\"data\":{\"a\":\"2\"}");

        file("up.yaml", configMap("up", "a: \"3\""));
        assertThat(applied("-f", cm).out()).isEqualTo("configmap/up configured\n");
        assertThat(kubectl.ok("-n", ns, "get", "configmap", "up", "-o", "jsonpath={.data.a}").out()).isEqualTo("3");
    }
}

package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

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

/**
 * What kubectl reads from /openapi/v2, with validation on as it is by default: kubectl 1.28 and older validate
 * files, explain fields and compute apply's strategic merge patches from it; later ones fall back to it.
 */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlOpenApiV2Test {

    private static final Path LEGACY = Path.of(System.getProperty("kubeling.kubectl.legacy",
            "target/tools/kubectl-1.20/usr/bin/kubectl"));

    @LocalServerPort
    int port;

    String ns;

    @BeforeEach
    void setUp() {
        ns = "k2-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Debian's kubectl 1.20, which .ci/run unpacks beside the build. */
    private Kubectl legacy() throws Exception {
        Clients.assumeInstalled("Debian's kubectl 1.20", Files.isExecutable(LEGACY),
                "unpack Debian's kubernetes-client under target/tools/kubectl-1.20 (.ci/run does)");
        return new Kubectl(port, LEGACY.toString());
    }

    private static String deployment(String image, int port) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      schedulerName: kubeling-test-unscheduled
                      containers:
                      - name: web
                        image: %s
                        ports:
                        - containerPort: %d
                        resources:
                          limits:
                            cpu: 500m
                            memory: 128Mi
                      - name: sidecar
                        image: busybox
                """.formatted(image, port);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.kubeling.e2e.KubectlSessionTest#kubectlBinaries")
    void createApplyAndDiffValidateFilesWithTheServersSchemas(String binary) throws Exception {
        Kubectl kubectl = new Kubectl(port, binary);
        kubectl.ok("create", "namespace", ns);
        Path created = Kubectl.manifest("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: created
                data:
                  colour: blue
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  selector:
                    app: web
                  ports:
                  - port: 80
                    targetPort: 8080
                """);
        assertThat(kubectl.ok("-n", ns, "create", "-f", created.toString()).out())
                .isEqualTo("configmap/created created\nservice/web created\n");

        Path deploy = Kubectl.manifest(deployment("nginx:1.27", 80));
        Result applied = kubectl.ok("-n", ns, "apply", "-f", deploy.toString());
        assertThat(applied.out()).isEqualTo("deployment.apps/web created\n");
        Files.writeString(deploy, deployment("nginx:1.28", 8080));

        Result diff = kubectl.run("-n", ns, "diff", "-f", deploy.toString());
        assertThat(diff.exitCode()).as(diff.toString()).isEqualTo(1);
        assertThat(diff.out()).contains("-      - image: nginx:1.27").contains("+      - image: nginx:1.28")
                .contains("-        - containerPort: 80\n").contains("+        - containerPort: 8080\n");

        Result configured = kubectl.ok("-n", ns, "apply", "-f", deploy.toString());
        assertThat(configured.out()).isEqualTo("deployment.apps/web configured\n");
        // kubectl says so when the schema's patch metadata does not let it compute the strategic merge patch.
        assertThat(configured.err()).doesNotContain("error calculating patch from openapi spec");
        assertThat(kubectl.ok("-n", ns, "get", "deployment", "web", "-o",
                "jsonpath={range .spec.template.spec.containers[*]}{.name}={.image}:{.ports[*].containerPort};{end}")
                .out()).isEqualTo("web=nginx:1.28:8080;sidecar=busybox:;");
        Result unchanged = kubectl.run("-n", ns, "diff", "-f", deploy.toString());
        assertThat(unchanged.exitCode()).as(unchanged.toString()).isZero();
        kubectl.ok("delete", "namespace", ns, "--wait=false");
    }

    @Test
    void kubectl120ValidatesFilesAgainstTheV2Schemas() throws Exception {
        Kubectl kubectl = legacy();
        kubectl.ok("create", "namespace", ns);
        Path pod = Kubectl.manifest("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: strict
                spec:
                  foo: bar
                  containers:
                  - name: app
                    image: nginx
                """);
        Result result = kubectl.run("-n", ns, "create", "-f", pod.toString());
        assertThat(result.exitCode()).as(result.toString()).isNotZero();
        assertThat(result.err()).isEqualTo("error: error validating \"" + pod + "\": error validating data: "
                + "ValidationError(Pod.spec): unknown field \"foo\" in io.k8s.api.core.v1.PodSpec; if you choose to "
                + "ignore these errors, turn validation off with --validate=false\n");

        Path missing = Kubectl.manifest("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: unnamed
                spec:
                  containers:
                  - image: nginx
                """);
        assertThat(kubectl.run("-n", ns, "create", "-f", missing.toString()).err())
                .contains("ValidationError(Pod.spec.containers[0]): missing required field \"name\" in "
                        + "io.k8s.api.core.v1.Container");
        kubectl.ok("delete", "namespace", ns, "--wait=false");
    }

    @Test
    void kubectl120ExplainsFromTheV2Schemas() throws Exception {
        Kubectl kubectl = legacy();
        String out = kubectl.ok("explain", "pod.spec.containers").out();
        assertThat(out).startsWith("KIND:     Pod\nVERSION:  v1\n\nRESOURCE: containers <[]Object>\n\nDESCRIPTION:\n"
                + "     List of containers belonging to the pod.");
        assertThat(out).containsPattern("(?m)^   name\\t<string> -required-$");
        assertThat(out).containsPattern("(?m)^   ports\\t<\\[\\]Object>$");
        String deployment = kubectl.ok("explain", "deployments.spec.strategy").out();
        assertThat(deployment).startsWith("KIND:     Deployment\nVERSION:  apps/v1\n\nRESOURCE: strategy <Object>\n");
        assertThat(deployment).containsPattern("(?m)^   rollingUpdate\\t<Object>$");
    }

    /** Validation finds no schema for a kind of no served group, and leaves it to the mapping to refuse it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.kubeling.e2e.KubectlSessionTest#kubectlBinaries")
    void aKindOfAGroupTheServerDoesNotServeHasNoMatches(String binary) throws Exception {
        Kubectl kubectl = new Kubectl(port, binary);
        Path widget = Kubectl.manifest("""
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: w
                """);
        for (String verb : new String[] {"create", "apply"}) {
            Result result = kubectl.run(verb, "-f", widget.toString());
            assertThat(result.exitCode()).isNotZero();
            assertThat(result.err()).as(verb).contains("no matches for kind \"Widget\" in version \"example.com/v1\"")
                    .doesNotContain("failed to download openapi");
        }
    }

    /**
     * kubectl 1.20 refuses a kind of a served group from discovery alone; 1.25 and later first list the
     * CustomResourceDefinitions (KubectlCustomResourcesTest).
     */
    @Test
    void kubectl120RefusesAKindTheServerDoesNotServeAsKubeDoes() throws Exception {
        Kubectl kubectl = legacy();
        Path controller = UnservedKinds.volumeAttributesClass();
        Result rc = kubectl.run("create", "-f", controller.toString());
        assertThat(rc.exitCode()).isNotZero();
        assertThat(rc.err()).isEqualTo("error: unable to recognize \"" + controller
                + "\": no matches for kind \"VolumeAttributesClass\" in version \"storage.k8s.io/v1beta1\"\n");
    }
}

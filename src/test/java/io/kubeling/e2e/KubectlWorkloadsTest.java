package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.ReadyPods;

/** Workloads through the real kubectl: deployments, rollouts, scaling, jobs, cascading deletion. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlWorkloadsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    Kubectl kubectl;
    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() throws Exception {
        kubectl = new Kubectl(port);
        api = new HttpApi(port);
        ns = api.newNamespace("kw-");
    }

    private Result inNs(String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "-n";
        all[1] = ns;
        System.arraycopy(args, 0, all, 2, args.length);
        return kubectl.ok(all);
    }

    private int podCount() {
        return api.get("/api/v1/namespaces/" + ns + "/pods").json().get("items").size();
    }

    private Path manifest() throws Exception {
        Path file = Files.createTempFile("workloads", ".yaml");
        Files.writeString(file, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels:
                    app: web
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                    spec:
                      schedulerName: kubeling-test-unscheduled
                      imagePullSecrets:
                      - name: registry-credentials
                      containers:
                      - name: web
                        image: nginx:1.27
                        ports:
                        - containerPort: 80
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  type: NodePort
                  selector:
                    app: web
                  ports:
                  - port: 80
                    targetPort: 80
                """);
        return file;
    }

    @Test
    void deploymentLifecycle() throws Exception {
        try (ReadyPods ready = ReadyPods.keep(api, ns)) {
            assertThat(inNs("create", "-f", manifest().toString()).out())
                    .isEqualTo("deployment.apps/web created\nservice/web created\n");
            assertThat(inNs("rollout", "status", "deployment/web", "--timeout=60s").out())
                    .endsWith("deployment \"web\" successfully rolled out\n");
            assertThat(inNs("get", "deploy").out()).containsPattern(
                    "^NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE\\nweb\\s+2/2\\s+2\\s+2\\s+\\d+s\\n$");
            assertThat(inNs("get", "deploy", "-o", "wide").out()).containsPattern(
                    "CONTAINERS\\s+IMAGES\\s+SELECTOR\\nweb\\s+2/2\\s+2\\s+2\\s+\\d+s\\s+web\\s+nginx:1.27\\s+app=web\\n");
            assertThat(inNs("get", "pods").out()).containsPattern("(?m)^web-\\w+-\\w{5}\\s+1/1\\s+Running\\s+0\\s+");
            assertThat(inNs("get", "pods", "-o", "jsonpath={.items[*].spec.imagePullSecrets[0].name}").out())
                    .isEqualTo("registry-credentials registry-credentials");
            assertThat(inNs("get", "rs").out()).containsPattern("(?m)^web-\\w+\\s+2\\s+2\\s+2\\s+");

            assertThat(inNs("scale", "deployment", "web", "--replicas=5").out()).isEqualTo("deployment.apps/web scaled\n");
            assertThat(inNs("rollout", "status", "deployment/web", "--timeout=60s").out())
                    .endsWith("successfully rolled out\n");
            assertThat(ReadyPods.await(WAIT, () -> podCount() == 5)).isTrue();
            inNs("scale", "deployment", "web", "--replicas=1");
            assertThat(ReadyPods.await(WAIT, () -> podCount() == 1)).isTrue();
            inNs("scale", "deployment", "web", "--replicas=2");

            assertThat(inNs("set", "image", "deployment/web", "web=nginx:1.28").out())
                    .isEqualTo("deployment.apps/web image updated\n");
            assertThat(inNs("rollout", "status", "deployment/web", "--timeout=60s").out())
                    .endsWith("deployment \"web\" successfully rolled out\n");
            assertThat(ReadyPods.await(WAIT, () -> podCount() == 2)).isTrue();
            assertThat(inNs("get", "pods", "-o", "jsonpath={.items[*].spec.containers[0].image}").out())
                    .isEqualTo("nginx:1.28 nginx:1.28");

            assertThat(inNs("rollout", "history", "deployment/web").out()).containsPattern(
                    "deployment.apps/web \\nREVISION\\s+CHANGE-CAUSE\\n1\\s+<none>\\n2\\s+<none>\\n");
            assertThat(inNs("rollout", "history", "deployment/web", "--revision=1").out())
                    .contains("Image:\tnginx:1.27");

            assertThat(inNs("rollout", "undo", "deployment/web").out()).isEqualTo("deployment.apps/web rolled back\n");
            assertThat(inNs("rollout", "status", "deployment/web", "--timeout=60s").out())
                    .endsWith("successfully rolled out\n");
            assertThat(inNs("get", "deploy", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image} "
                    + "{.metadata.annotations.deployment\\.kubernetes\\.io/revision}").out()).isEqualTo("nginx:1.27 3");
            assertThat(inNs("rollout", "history", "deployment/web").out()).containsPattern(
                    "REVISION\\s+CHANGE-CAUSE\\n2\\s+<none>\\n3\\s+<none>\\n");

            assertThat(inNs("rollout", "restart", "deployment/web").out()).isEqualTo("deployment.apps/web restarted\n");
            assertThat(inNs("rollout", "status", "deployment/web", "--timeout=60s").out())
                    .endsWith("successfully rolled out\n");
            assertThat(inNs("get", "deploy", "web", "-o",
                    "jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}").out())
                    .isNotEmpty();
            assertThat(inNs("get", "rs", "-o", "name").out().lines()).hasSize(3);

            assertThat(inNs("rollout", "pause", "deployment/web").out()).isEqualTo("deployment.apps/web paused\n");
            inNs("set", "image", "deployment/web", "web=nginx:1.29");
            assertThat(inNs("get", "rs", "-o", "name").out().lines()).hasSize(3);
            assertThat(inNs("rollout", "resume", "deployment/web").out()).isEqualTo("deployment.apps/web resumed\n");
            assertThat(inNs("rollout", "status", "deployment/web", "--timeout=60s").out())
                    .endsWith("successfully rolled out\n");
            assertThat(inNs("get", "rs", "-o", "name").out().lines()).hasSize(4);

            assertThat(inNs("annotate", "deployment/web", "kubernetes.io/change-cause=image 1.30").out())
                    .contains("annotated");
            inNs("set", "image", "deployment/web", "web=nginx:1.30");
            inNs("rollout", "status", "deployment/web", "--timeout=60s");
            assertThat(inNs("rollout", "history", "deployment/web").out()).containsPattern("(?m)^6\\s+image 1.30$");
        }
    }

    @Test
    void createDeploymentCommand() throws Exception {
        assertThat(inNs("create", "deployment", "web", "--image=nginx", "--replicas=2").out())
                .isEqualTo("deployment.apps/web created\n");
        assertThat(ReadyPods.await(WAIT, () -> api.get("/apis/apps/v1/namespaces/" + ns + "/deployments/web").json()
                .at("/status/updatedReplicas").asInt() == 2))
                .as(() -> api.get("/apis/apps/v1/namespaces/" + ns + "/deployments/web").text() + "\n"
                        + api.get("/apis/apps/v1/namespaces/" + ns + "/replicasets").text()).isTrue();
        assertThat(inNs("get", "deploy").out()).containsPattern(
                "^NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE\\nweb\\s+[0-2]/2\\s+2\\s+[0-2]\\s+\\d+s\\n$");
        assertThat(inNs("get", "deploy", "web", "-o", "jsonpath={.spec.replicas} {.spec.selector.matchLabels.app}")
                .out()).isEqualTo("2 web");
        assertThat(ReadyPods.await(WAIT, () -> podCount() == 2)).isTrue();
    }

    @Test
    void jobs() throws Exception {
        assertThat(inNs("create", "job", "hello", "--image=busybox", "--", "echo", "hi").out())
                .isEqualTo("job.batch/hello created\n");
        assertThat(inNs("get", "job", "hello", "-o", "jsonpath={.spec.backoffLimit} {.spec.completionMode} "
                + "{.spec.template.spec.containers[0].command}").out()).isEqualTo("6 NonIndexed [\"echo\",\"hi\"]");
        assertThat(inNs("get", "jobs").out()).startsWith("NAME    STATUS").contains("COMPLETIONS");

        String manifest = inNs("create", "job", "echo", "--image=busybox", "--dry-run=client", "-o", "json", "--",
                "echo", "done").out();
        Path file = Files.createTempFile("job", ".json");
        Files.writeString(file, manifest.replace("\"restartPolicy\": \"Never\"",
                "\"restartPolicy\": \"Never\", \"schedulerName\": \"kubeling-test-unscheduled\""));
        inNs("create", "-f", file.toString());
        assertThat(ReadyPods.await(WAIT, () -> !podsOf("echo").isEmpty())).isTrue();
        String pod = podsOf("echo").get(0);
        assertThat(api.patch("/api/v1/namespaces/" + ns + "/pods/" + pod + "/status", "application/merge-patch+json",
                "{\"status\":{\"phase\":\"Succeeded\"}}").code()).isEqualTo(200);
        assertThat(inNs("wait", "--for=condition=complete", "job/echo", "--timeout=60s").out())
                .isEqualTo("job.batch/echo condition met\n");
        assertThat(inNs("get", "job", "echo").out()).containsPattern("echo\\s+Complete\\s+1/1\\s+");
    }

    private java.util.List<String> podsOf(String job) {
        java.util.List<String> names = new java.util.ArrayList<>();
        api.get("/api/v1/namespaces/" + ns + "/pods?labelSelector=job-name%3D" + job).json().get("items")
                .forEach(p -> names.add(p.at("/metadata/name").asString()));
        return names;
    }

    private Path deploymentManifest(String name) throws Exception {
        Path file = Files.createTempFile(name, ".yaml");
        Files.writeString(file, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: %s
                  template:
                    metadata:
                      labels:
                        app: %s
                    spec:
                      schedulerName: kubeling-test-unscheduled
                      containers:
                      - name: web
                        image: nginx
                """.formatted(name, name, name));
        return file;
    }

    private int count(String resource, String selector) throws Exception {
        return (int) inNs("get", resource, "-l", selector, "-o", "name").out().lines().count();
    }

    @Test
    void cascadingDeletion() throws Exception {
        for (String name : new String[] {"fg", "bg", "or"}) {
            inNs("create", "-f", deploymentManifest(name).toString());
        }
        assertThat(ReadyPods.await(WAIT, () -> podCount() == 6)).isTrue();
        assertThat(inNs("delete", "deployment", "fg", "--cascade=foreground").out())
                .isEqualTo("deployment.apps \"fg\" deleted\n");
        assertThat(count("rs", "app=fg")).isZero();
        assertThat(count("pods", "app=fg")).isZero();
        inNs("delete", "deployment", "bg", "--cascade=background");
        assertThat(ReadyPods.await(WAIT, () -> {
            try {
                return count("rs", "app=bg") == 0 && count("pods", "app=bg") == 0;
            } catch (Exception e) {
                return false;
            }
        })).isTrue();
        inNs("delete", "deployment", "or", "--cascade=orphan");
        assertThat(count("rs", "app=or")).isEqualTo(1);
        assertThat(count("pods", "app=or")).isEqualTo(2);

        assertThat(kubectl.ok("delete", "namespace", ns).out()).isEqualTo("namespace \"" + ns + "\" deleted\n");
        assertThat(api.get("/api/v1/namespaces/" + ns).code()).isEqualTo(404);
        assertThat(api.get("/apis/apps/v1/namespaces/" + ns + "/replicasets").json().get("items").size()).isZero();
    }
}

package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeling.KubelingApplication;
import io.kubeling.support.HttpApi;
import io.kubeling.support.Kubectl;
import io.kubeling.support.ServerOfItsOwn;
import tools.jackson.databind.JsonNode;

/**
 * {@code kubectl top pods} and {@code kubectl top nodes} through the real kubectl, on a server of its own whose
 * simulated clock is stopped, so the test moves it past metrics-server's scrapes; and {@code kubectl autoscale}
 * scaling a Deployment on those metrics, up and, after the stabilization window, down.
 */
@ServerOfItsOwn
class KubectlTopTest {

    private static Path dataDir;
    private static ConfigurableApplicationContext server;
    private static HttpApi api;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("kubeling-top");
        server = new SpringApplication(KubelingApplication.class).run(
                "--kubeling.database-url=jdbc:h2:mem:kubeling-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "--kubeling.data-dir=" + dataDir, "--kubeling.port=0", "--kubeling.bind-address=127.0.0.1",
                "--kubeling.simulation.time-scale=0", "--spring.main.banner-mode=off", "--logging.level.root=WARN");
        api = new HttpApi(Integer.parseInt(server.getEnvironment().getProperty("local.server.port")));
        kubectl = new Kubectl(dataDir.resolve("kubeconfig"), "kubectl");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        FileSystemUtils.deleteRecursively(dataDir.toFile());
    }

    private static void advance(int seconds) {
        assertThat(api.post("/kubeling/v1/time/advance?seconds=" + seconds, null).code()).isEqualTo(200);
    }

    private static List<String> lines(String out) {
        return out.lines().map(String::stripTrailing).toList();
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void topShowsWhatThePodsAndNodesUse() throws Exception {
        kubectl.ok("create", "namespace", "top");
        Path manifest = Kubectl.manifest("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: web
                  annotations:
                    kubeling.io/usage-cpu: 250m
                    kubeling.io/usage-memory: 64Mi
                spec:
                  containers:
                  - name: nginx
                    image: nginx
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: db
                spec:
                  containers:
                  - name: postgres
                    image: postgres
                    resources:
                      requests:
                        cpu: 100m
                        memory: 32Mi
                """);
        kubectl.ok("-n", "top", "apply", "-f", manifest.toString());
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            advance(2);
            return kubectl.run("-n", "top", "get", "pods").out().lines().filter(l -> l.contains("Running"))
                    .count() == 2;
        });
        Instant running = Instant.parse(api.get("/kubeling/v1/time").json().get("now").asString());
        advance(30);

        assertThat(lines(kubectl.ok("-n", "top", "top", "pods").out())).satisfiesExactly(
                header -> assertThat(header).matches("NAME\\s+CPU\\(cores\\)\\s+MEMORY\\(bytes\\)"),
                db -> assertThat(db).matches("db\\s+(9[5-9]|10[0-5])m\\s+(3[0-3])Mi"),
                web -> assertThat(web).matches("web\\s+250m\\s+64Mi"));
        assertThat(lines(kubectl.ok("-n", "top", "top", "pod", "web", "--containers").out())).satisfiesExactly(
                header -> assertThat(header).matches("POD\\s+NAME\\s+CPU\\(cores\\)\\s+MEMORY\\(bytes\\)"),
                web -> assertThat(web).matches("web\\s+nginx\\s+250m\\s+64Mi"));

        assertThat(lines(kubectl.ok("-n", "top", "get", "podmetrics", "web").out())).containsExactly(
                "NAME   CPU    MEMORY   WINDOW", "web    250m   64Mi     15s");

        JsonNode web = api.get("/apis/metrics.k8s.io/v1beta1/namespaces/top/pods/web").json();
        assertThat(web.get("kind").asString()).isEqualTo("PodMetrics");
        assertThat(web.get("apiVersion").asString()).isEqualTo("metrics.k8s.io/v1beta1");
        assertThat(web.at("/metadata/name").asString()).isEqualTo("web");
        assertThat(web.at("/metadata/namespace").asString()).isEqualTo("top");
        assertThat(web.get("window").asString()).isEqualTo("15s");
        Instant timestamp = Instant.parse(web.get("timestamp").asString());
        assertThat(timestamp.getEpochSecond() % 15).isZero();
        assertThat(timestamp).isAfter(running);
        assertThat(web.get("containers").toString())
                .isEqualTo("[{\"name\":\"nginx\",\"usage\":{\"cpu\":\"250m\",\"memory\":\"64Mi\"}}]");
        JsonNode db = api.get("/apis/metrics.k8s.io/v1beta1/namespaces/top/pods/db").json();
        // nanocores and KiB, unless a larger unit happens to be exact
        String cpu = db.at("/containers/0/usage/cpu").asString();
        assertThat(cpu).matches("\\d+[num]");
        assertThat(Quantity.getAmountInBytes(new Quantity(cpu))).isBetween(new BigDecimal("0.095"),
                new BigDecimal("0.105"));
        assertThat(db.at("/containers/0/usage/memory").asString()).matches("\\d+(Ki|Mi)");

        String nodeOfWeb = kubectl.ok("-n", "top", "get", "pod", "web", "-o", "jsonpath={.spec.nodeName}").out();
        List<String> nodes = lines(kubectl.ok("top", "nodes").out());
        assertThat(nodes.get(0)).matches("NAME\\s+CPU\\(cores\\)\\s+CPU\\(%\\)\\s+MEMORY\\(bytes\\)\\s+MEMORY\\(%\\)");
        assertThat(nodes).hasSizeGreaterThan(1);
        for (String row : nodes.subList(1, nodes.size())) {
            assertThat(row).matches("\\S+\\s+\\d+m\\s+\\d+%\\s+\\d+Mi\\s+\\d+%");
        }
        String row = nodes.stream().filter(l -> l.startsWith(nodeOfWeb + " ")).findFirst().orElseThrow();
        Matcher m = Pattern.compile("\\S+\\s+(\\d+)m\\s+\\d+%\\s+(\\d+)Mi").matcher(row);
        assertThat(m.find()).isTrue();
        JsonNode node = api.get("/apis/metrics.k8s.io/v1beta1/nodes/" + nodeOfWeb).json();
        assertThat(node.get("kind").asString()).isEqualTo("NodeMetrics");
        assertThat(node.get("window").asString()).isEqualTo("15s");
        long nanos = Long.parseLong(node.at("/usage/cpu").asString().replace("n", ""));
        assertThat(Long.parseLong(m.group(1))).as("kubectl prints what the API reports")
                .isBetween(nanos / 1_000_000, nanos / 1_000_000 + 1).isGreaterThanOrEqualTo(250 + 76);
        assertThat(Long.parseLong(m.group(2))).isGreaterThanOrEqualTo(64 + 456);
    }

    /** Apart from the test above, whose node usage would move with these pods and this clock. */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void autoscaleScalesADeploymentUpOnItsPodsCpuAndDownAfterTheWindow() throws Exception {
        kubectl.ok("create", "namespace", "hpa");
        kubectl.ok("-n", "hpa", "apply", "-f", Kubectl.manifest("""
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
                      annotations:
                        kubeling.io/usage-cpu: 200m
                    spec:
                      containers:
                      - name: nginx
                        image: nginx
                        resources:
                          requests:
                            cpu: 100m
                """).toString());
        assertThat(kubectl.ok("-n", "hpa", "autoscale", "deployment", "web", "--cpu-percent=50", "--min=1",
                "--max=5").out()).isEqualTo("horizontalpodautoscaler.autoscaling/web autoscaled\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            advance(15);
            return replicas() == 5;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            advance(15);
            return kubectl.run("-n", "hpa", "get", "hpa", "web").out().contains("cpu: 200%/50%");
        });
        assertThat(lines(kubectl.ok("-n", "hpa", "get", "hpa").out())).satisfiesExactly(
                header -> assertThat(header).matches(
                        "NAME\\s+REFERENCE\\s+TARGETS\\s+MINPODS\\s+MAXPODS\\s+REPLICAS\\s+AGE"),
                row -> assertThat(row).matches("web\\s+Deployment/web\\s+cpu: 200%/50%\\s+1\\s+5\\s+5\\s+\\S+"));
        assertThat(kubectl.ok("-n", "hpa", "describe", "hpa", "web").out())
                .contains("New size: 4; reason: cpu resource utilization (percentage of request) above target")
                .contains("New size: 5; reason: cpu resource utilization (percentage of request) above target")
                .containsPattern("ScalingLimited\\s+True\\s+TooManyReplicas\\s+the desired replica count is more "
                        + "than the maximum replica count");

        kubectl.ok("-n", "hpa", "annotate", "pods", "-l", "app=web", "kubeling.io/usage-cpu=10m", "--overwrite");
        Instant quiet = Instant.parse(api.get("/kubeling/v1/time").json().get("now").asString());
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            advance(30);
            return replicas() == 1;
        });
        Instant scaledDown = Instant.parse(api.get("/kubeling/v1/time").json().get("now").asString());
        assertThat(Duration.between(quiet, scaledDown)).isGreaterThanOrEqualTo(Duration.ofMinutes(4));
        assertThat(kubectl.ok("-n", "hpa", "describe", "hpa", "web").out())
                .contains("New size: 1; reason: All metrics below target");
    }

    private static int replicas() {
        return api.get("/apis/apps/v1/namespaces/hpa/deployments/web").json().at("/spec/replicas").asInt();
    }
}

package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.Kubectl.Running;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

/**
 * Whole scenarios through the real kubectl with every simulated component at work: scheduler,
 * kubelets, endpoints, workload controllers. No status is written by hand.
 */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class ClusterScenariosTest {

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
        ns = api.newNamespace("sc");
    }

    private Result inNs(String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("-n", ns));
        all.addAll(List.of(args));
        return kubectl.ok(all.toArray(String[]::new));
    }

    @Test
    void aPodGoesFromContainerCreatingToRunningUnderGetWatch() throws Exception {
        // kubectl watches from the revision of its first list: once it has printed a pod that never starts, it sees
        // every later change
        assertThat(api.post("/api/v1/namespaces/" + ns + "/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"sentinel"},
                 "spec":{"schedulerName":"kubeling-test-unscheduled","containers":[{"name":"c","image":"busybox"}]}}""")
                .code()).isEqualTo(201);
        Running watch = kubectl.start(Map.of(), "-n", ns, "get", "pods", "-w", "--request-timeout=60s");
        try {
            await().atMost(WAIT).until(() -> watch.out().contains("sentinel"));
            inNs("run", "web", "--image=nginx");
            assertThat(watch.awaitOut(out -> out.contains("1/1     Running"), WAIT)).as(watch.out() + watch.err())
                    .isTrue();
            List<String> rows = watch.out().lines().filter(l -> l.startsWith("web")).toList();
            // the age is whole seconds since the create: 1s on a busy machine
            assertThat(rows.get(0)).matches("web\\s+0/1\\s+Pending\\s+0\\s+[01]s");
            assertThat(rows).anyMatch(r -> r.matches("web\\s+0/1\\s+ContainerCreating\\s+0\\s+\\d+s"));
            assertThat(rows.get(rows.size() - 1)).matches("web\\s+1/1\\s+Running\\s+0\\s+\\d+s");
        } finally {
            watch.process().destroy();
        }
        String described = inNs("describe", "pod", "web").out();
        assertThat(described)
                .containsPattern("Normal\\s+Scheduled\\s+\\S+\\s+default-scheduler\\s+Successfully assigned " + ns
                        + "/web to kubeling-node-\\d")
                .containsPattern("Normal\\s+Pulling\\s+\\S+\\s+kubelet\\s+Pulling image \"nginx\"")
                .containsPattern("Normal\\s+Pulled\\s+\\S+\\s+kubelet\\s+Successfully pulled image \"nginx\" in ")
                .containsPattern("Normal\\s+Created\\s+\\S+\\s+kubelet\\s+Created container")
                .containsPattern("Normal\\s+Started\\s+\\S+\\s+kubelet\\s+Started container");
    }

    @Test
    void aDeploymentAndANodePortServiceFromOneFileServeTwoRunningPods() throws Exception {
        Path file = Files.createTempFile("scenario", ".yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: registry-credentials
                type: kubernetes.io/dockerconfigjson
                stringData:
                  .dockerconfigjson: '{"auths":{"registry.example.com":{"auth":"dXNlcjpwYXNz"}}}'
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: web}
                  template:
                    metadata:
                      labels: {app: web}
                    spec:
                      imagePullSecrets:
                      - name: registry-credentials
                      containers:
                      - name: web
                        image: nginx:1.27
                        ports:
                        - containerPort: 80
                          name: http
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                spec:
                  type: NodePort
                  selector: {app: web}
                  ports:
                  - port: 80
                    targetPort: http
                    nodePort: 30011
                """);
        assertThat(inNs("create", "-f", file.toString()).out()).isEqualTo(
                "secret/registry-credentials created\ndeployment.apps/web created\nservice/web created\n");
        assertThat(inNs("wait", "--for=condition=Available", "deployment/web", "--timeout=60s").out())
                .isEqualTo("deployment.apps/web condition met\n");

        String pods = inNs("get", "pods", "-o", "wide").out();
        assertThat(pods.lines().filter(l -> l.matches("web-\\w+-\\w{5}\\s+1/1\\s+Running\\s+0\\s+.*"))).hasSize(2);
        String services = inNs("get", "service", "web").out();
        assertThat(services).containsPattern("(?m)^web\\s+NodePort\\s+10\\.(9[6-9]|1[01]\\d)\\.\\d+\\.\\d+\\s+<none>\\s+"
                + "80:30011/TCP\\s+\\d+s$");

        await().atMost(WAIT).until(() -> readyAddresses("web").size() == 2);
        List<String> podIps = List.of(inNs("get", "pods", "-l", "app=web", "-o",
                "jsonpath={.items[*].status.podIP}").out().split(" "));
        assertThat(readyAddresses("web")).containsExactlyInAnyOrderElementsOf(podIps);
        assertThat(inNs("get", "endpoints", "web").out()).containsPattern("(?m)^web\\s+10\\.244\\.\\d+\\.\\d+:80,"
                + "10\\.244\\.\\d+\\.\\d+:80\\s+\\d+s$");
        assertThat(inNs("describe", "service", "web").out()).containsPattern("(?m)^Endpoints:\\s+10\\.244\\.");

        Result taken = kubectl.run("-n", ns, "create", "service", "nodeport", "other", "--tcp=80:80",
                "--node-port=30011");
        assertThat(taken.exitCode()).isNotZero();
        assertThat(taken.err()).contains("spec.ports[0].nodePort: Invalid value: 30011: provided port is already "
                + "allocated");

        String victim = inNs("get", "pods", "-l", "app=web", "-o", "jsonpath={.items[0].metadata.name}").out();
        inNs("delete", "pod", victim, "--wait=true");
        await().atMost(WAIT).until(() -> runningPods("app=web").size() == 2 && !runningPods("app=web").contains(victim));
    }

    @Test
    void jobsCompleteOrFailFromTheirContainersExitCodes() throws Exception {
        inNs("create", "job", "hello", "--image=busybox", "--", "sh", "-c", "echo SUCCESS");
        assertThat(inNs("wait", "--for=condition=complete", "job/hello", "--timeout=60s").out())
                .isEqualTo("job.batch/hello condition met\n");
        String pod = inNs("get", "pods", "-l", "job-name=hello", "-o", "jsonpath={.items[0].metadata.name}").out();
        assertThat(inNs("logs", pod).out()).isEqualTo("SUCCESS\n");
        assertThat(inNs("get", "pods", "-l", "job-name=hello").out())
                .containsPattern("(?m)^hello-\\w{5}\\s+0/1\\s+Completed\\s+0\\s+");

        Path failing = Files.createTempFile("job", ".yaml");
        Files.writeString(failing, """
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: broken
                spec:
                  backoffLimit: 0
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: broken
                        image: busybox
                        command: ["sh", "-c", "exit 1"]
                """);
        inNs("create", "-f", failing.toString());
        assertThat(inNs("wait", "--for=condition=failed", "job/broken", "--timeout=60s").out())
                .isEqualTo("job.batch/broken condition met\n");
        JsonNode job = api.get("/apis/batch/v1/namespaces/" + ns + "/jobs/broken").json();
        assertThat(job.at("/status/failed").asInt()).isEqualTo(1);
        assertThat(job.at("/status/conditions").toString()).contains("\"reason\":\"BackoffLimitExceeded\"")
                .contains("Job has reached the specified backoff limit");
        assertThat(inNs("get", "pods", "-l", "job-name=broken").out())
                .containsPattern("(?m)^broken-\\w{5}\\s+0/1\\s+Error\\s+0\\s+");
    }

    private List<String> readyAddresses(String service) {
        JsonNode subsets = api.get("/api/v1/namespaces/" + ns + "/endpoints/" + service).json().path("subsets");
        List<String> ips = new java.util.ArrayList<>();
        for (JsonNode subset : subsets) {
            for (JsonNode address : subset.path("addresses")) {
                ips.add(address.get("ip").asString());
            }
        }
        return ips;
    }

    private List<String> runningPods(String selector) {
        JsonNode items = api.get("/api/v1/namespaces/" + ns + "/pods?labelSelector=" + selector).json().get("items");
        List<String> names = new java.util.ArrayList<>();
        for (JsonNode pod : items) {
            if ("Running".equals(pod.at("/status/phase").asString()) && pod.at("/metadata/deletionTimestamp")
                    .isMissingNode()) {
                names.add(pod.at("/metadata/name").asString());
            }
        }
        return names;
    }
}

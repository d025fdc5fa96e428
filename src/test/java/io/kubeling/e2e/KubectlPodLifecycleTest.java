package io.kubeling.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.Kubectl;
import io.kubeling.support.Kubectl.Result;
import io.kubeling.support.Kubectl.Running;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.json.JsonMapper;

/** The real kubectl watching a pod go through the kubelet simulation: run, wait, get, describe, logs, delete. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class KubectlPodLifecycleTest {

    private static final JsonMapper JSON = new JsonMapper();

    @LocalServerPort
    int port;

    Kubectl kubectl;
    String ns;

    @BeforeEach
    void setUp() throws Exception {
        kubectl = new Kubectl(port);
        ns = "kpl-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void runWaitGetDescribeLogsAndDelete() throws Exception {
        kubectl.ok("create", "namespace", ns);
        assertThat(kubectl.ok("-n", ns, "run", "web", "--image=nginx").out()).isEqualTo("pod/web created\n");
        // kube's entry for kubectl run: what it sent and the v1 defaults, not what admission added
        assertThat(JSON.readTree(kubectl.ok("-n", ns, "get", "pod", "web", "-o",
                "jsonpath={.metadata.managedFields[?(@.manager==\"kubectl-run\")].fieldsV1}").out()))
                .isEqualTo(JSON.readTree("""
                        {"f:metadata":{"f:labels":{".":{},"f:run":{}}},
                         "f:spec":{"f:containers":{"k:{\\"name\\":\\"web\\"}":{".":{},"f:image":{},
                           "f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:terminationMessagePath":{},
                           "f:terminationMessagePolicy":{}}},
                          "f:dnsPolicy":{},"f:enableServiceLinks":{},"f:restartPolicy":{},"f:schedulerName":{},
                          "f:securityContext":{},"f:terminationGracePeriodSeconds":{}}}"""));
        assertThat(kubectl.ok("-n", ns, "wait", "--for=condition=Ready", "pod/web", "--timeout=30s").out())
                .isEqualTo("pod/web condition met\n");

        String pods = kubectl.ok("-n", ns, "get", "pods").out();
        assertThat(pods).containsPattern("(?m)^web\\s+1/1\\s+Running\\s+0\\s+\\d+s$");
        assertThat(kubectl.ok("-n", ns, "get", "pods", "-o", "wide").out())
                .containsPattern("(?m)^web\\s+1/1\\s+Running\\s+0\\s+\\d+s\\s+10\\.244\\.\\d+\\.\\d+\\s+kubeling-node-\\d\\s");

        String described = kubectl.ok("-n", ns, "describe", "pod", "web").out();
        assertThat(described).containsPattern("(?m)^Node:\\s+kubeling-node-\\d/172\\.18\\.0\\.\\d+$");
        assertThat(described).containsPattern("(?m)^Status:\\s+Running$");
        assertThat(described).containsPattern("(?m)^IP:\\s+10\\.244\\.\\d+\\.\\d+$");
        assertThat(described).containsPattern("(?m)^\\s+Ready\\s+True\\s*$");
        assertThat(described).containsPattern("(?m)^\\s+Container ID:\\s+containerd://[0-9a-f]{64}$");
        assertThat(described).containsPattern("(?m)^\\s+Image ID:\\s+docker\\.io/library/nginx@sha256:[0-9a-f]{64}$");
        String events = described.substring(described.indexOf("Events:"));
        assertThat(events).containsPattern("Normal\\s+Pulling\\s+\\S+\\s+kubelet\\s+Pulling image \"nginx\"");
        assertThat(events).containsPattern("Normal\\s+Pulled\\s+\\S+\\s+kubelet\\s+Successfully pulled image \"nginx\" in ");
        assertThat(events).containsPattern("Normal\\s+Created\\s+\\S+\\s+kubelet\\s+Created container: web");
        assertThat(events).containsPattern("Normal\\s+Started\\s+\\S+\\s+kubelet\\s+Started container web");
        assertThat(events.indexOf("Pulling")).isLessThan(events.indexOf("Started"));

        assertThat(kubectl.ok("-n", ns, "logs", "web").out()).contains("Configuration complete; ready for start up");

        kubectl.ok("-n", ns, "run", "job", "--image=busybox", "--restart=Never", "--", "sh", "-c",
                "echo one; sleep 2; echo two");
        kubectl.ok("-n", ns, "wait", "--for=jsonpath={.status.phase}=Running", "pod/job", "--timeout=30s");
        assertThat(kubectl.ok("-n", ns, "logs", "-f", "job").out()).isEqualTo("one\ntwo\n");
        kubectl.ok("-n", ns, "wait", "--for=jsonpath={.status.phase}=Succeeded", "pod/job", "--timeout=30s");
        assertThat(kubectl.ok("-n", ns, "get", "pod", "job").out()).containsPattern("(?m)^job\\s+0/1\\s+Completed\\s+0\\s");

        assertThat(kubectl.ok("-n", ns, "delete", "pod", "web").out()).isEqualTo("pod \"web\" deleted\n");
        Result gone = kubectl.run("-n", ns, "get", "pod", "web");
        assertThat(gone.err()).contains("pods \"web\" not found");
        assertThat(kubectl.ok("-n", ns, "get", "events", "--field-selector", "involvedObject.name=web").out())
                .containsPattern("Normal\\s+Killing\\s+pod/web\\s+Stopping container web");
    }

    @Test
    void initContainersShowInGetWatchAndDescribeAndAFailingPreStopHookIsAWarning() throws Exception {
        kubectl.ok("create", "namespace", ns);
        Path manifest = Kubectl.manifest("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: staged
                spec:
                  initContainers:
                  - name: first
                    image: busybox
                    command: ["sh", "-c", "sleep 1"]
                  - name: second
                    image: busybox
                    command: ["sleep", "2"]
                  containers:
                  - name: web
                    image: nginx
                    lifecycle:
                      preStop:
                        exec:
                          command: ["sh", "-c", "exit 1"]
                """);
        // kubectl watches from the revision of its first list: once it has printed a pod that never starts, it sees
        // every later change, however long it took to start
        kubectl.ok("-n", ns, "apply", "-f", Kubectl.manifest("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: sentinel
                spec:
                  schedulerName: kubeling-test-unscheduled
                  containers:
                  - name: c
                    image: busybox
                """).toString());
        Running watch = kubectl.start(Map.of(), "-n", ns, "get", "pods", "-w", "--request-timeout=60s");
        try {
            assertThat(watch.awaitOut(out -> out.contains("sentinel"), Duration.ofSeconds(30)))
                    .as(watch.out() + watch.err()).isTrue();
            kubectl.ok("-n", ns, "apply", "-f", manifest.toString());
            assertThat(watch.awaitOut(out -> out.contains("1/1     Running"), Duration.ofSeconds(30)))
                    .as(watch.out() + watch.err()).isTrue();
            List<String> shown = watch.out().lines().filter(l -> l.startsWith("staged"))
                    .map(l -> l.split("\\s+")[2]).distinct().toList();
            assertThat(shown).containsSubsequence("Init:0/2", "Init:1/2", "PodInitializing", "Running");
            assertThat(shown).doesNotContain("ContainerCreating");
        } finally {
            watch.process().destroy();
        }

        String described = kubectl.ok("-n", ns, "describe", "pod", "staged").out();
        String inits = described.substring(described.indexOf("Init Containers:"), described.indexOf("\nContainers:"));
        assertThat(inits).containsPattern("(?m)^\\s+Reason:\\s+Completed$");
        assertThat(inits.lines().filter(l -> l.matches("\\s+Ready:\\s+True"))).hasSize(2);
        assertThat(inits).doesNotContainPattern("Ready:\\s+False");

        kubectl.ok("-n", ns, "delete", "pod", "staged");
        String warning = "Warning\\s+FailedPreStopHook\\s+pod/staged\\s+PreStopHook failed";
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertThat(
                kubectl.ok("-n", ns, "get", "events", "--field-selector", "involvedObject.name=staged").out())
                .containsPattern(warning));
    }
}

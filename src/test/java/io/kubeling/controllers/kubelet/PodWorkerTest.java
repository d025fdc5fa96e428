package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.SecretBuilder;

class PodWorkerTest {

    private final SimulatedNode node = new SimulatedNode();

    private static Pod pod(String name, String restartPolicy, List<Container> inits, Container... containers) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withRestartPolicy(restartPolicy).withInitContainers(inits).withContainers(containers).endSpec()
                .withNewStatus().withPhase("Pending").withQosClass("BestEffort").endStatus().build();
    }

    private static Container container(String name, String image, String... command) {
        return new ContainerBuilder().withName(name).withImage(image).withCommand(command).build();
    }

    private static String condition(PodStatus status, String type) {
        for (PodCondition c : status.getConditions()) {
            if (c.getType().equals(type)) {
                return c.getStatus() + (c.getReason() == null ? "" : "/" + c.getReason());
            }
        }
        return null;
    }

    private static ContainerStatus container(PodStatus status, String name) {
        return status.getContainerStatuses().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    private static ContainerStatus init(PodStatus status, String name) {
        return status.getInitContainerStatuses().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void aPlainNginxPodIsPulledCreatedStartedAndReadyAboutASecondLater() {
        Pod pod = node.run(pod("web", "Always", List.of(), container("web", "nginx")));

        PodStatus pending = node.status(pod);
        assertThat(pending.getPhase()).isEqualTo("Pending");
        assertThat(pending.getHostIP()).isEqualTo("172.18.0.2");
        assertThat(pending.getPodIP()).isNull();
        assertThat(pending.getStartTime()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(condition(pending, "PodReadyToStartContainers")).isEqualTo("False");
        assertThat(condition(pending, "Initialized")).isEqualTo("True");
        assertThat(condition(pending, "Ready")).isEqualTo("False/ContainersNotReady");
        assertThat(pending.getConditions().stream().map(PodCondition::getType)).containsExactly(
                "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady");
        assertThat(container(pending, "web").getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
        assertThat(container(pending, "web").getImage()).isEqualTo("nginx");

        node.advance(Duration.ofMillis(1500));
        PodStatus running = node.status(pod);
        assertThat(running.getPhase()).isEqualTo("Running");
        assertThat(running.getPodIP()).isEqualTo("10.244.1.2");
        assertThat(running.getPodIPs()).hasSize(1);
        assertThat(condition(running, "PodReadyToStartContainers")).isEqualTo("True");
        assertThat(condition(running, "Ready")).isEqualTo("True");
        assertThat(condition(running, "ContainersReady")).isEqualTo("True");
        ContainerStatus web = container(running, "web");
        assertThat(web.getState().getRunning().getStartedAt()).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(web.getReady()).isTrue();
        assertThat(web.getStarted()).isTrue();
        assertThat(web.getRestartCount()).isZero();
        assertThat(web.getImage()).isEqualTo("docker.io/library/nginx:latest");
        assertThat(web.getImageID()).matches("docker\\.io/library/nginx@sha256:[0-9a-f]{64}");
        assertThat(web.getContainerID()).matches("containerd://[0-9a-f]{64}");
        assertThat(node.events(pod)).hasSize(4);
        assertThat(node.events(pod).get(0)).isEqualTo("Normal Pulling Pulling image \"nginx\"");
        assertThat(node.events(pod).get(1)).matches("Normal Pulled Successfully pulled image \"nginx\" in [0-9.]+m?s "
                + "\\([0-9.]+m?s including waiting\\)\\. Image size: [0-9]+ bytes\\.");
        assertThat(node.events(pod).subList(2, 4)).containsExactly("Normal Created Created container: web",
                "Normal Started Started container web");
        assertThat(node.log(pod, "web")).contains("Configuration complete; ready for start up");
    }

    @Test
    void theSandboxIsReportedWithTheContainersThatStartInTheSameSync() {
        Pod pod = node.run(pod("web", "Always", List.of(), container("web", "nginx")));
        node.advance(Duration.ofMillis(1500));

        List<PodStatus> written = node.statuses(pod);
        assertThat(written).extracting(PodStatus::getPhase).containsExactly("Pending", "Running");
        assertThat(condition(written.get(0), "PodReadyToStartContainers")).isEqualTo("False");
        assertThat(written.get(0).getPodIP()).isNull();
        assertThat(condition(written.get(1), "PodReadyToStartContainers")).isEqualTo("True");
        assertThat(written.get(1).getPodIP()).isEqualTo("10.244.1.2");
    }

    @Test
    void aFailedPullReportsTheSandboxWithTheError() {
        Pod pod = node.run(pod("bad", "Always", List.of(), container("web", "nginx:1.14", "sh", "-c", "true")
                .toBuilder().withImagePullPolicy("Never").build()));
        node.advance(Duration.ofMillis(500));

        PodStatus last = node.status(pod);
        assertThat(container(last, "web").getState().getWaiting().getReason()).isEqualTo("ErrImageNeverPull");
        assertThat(condition(last, "PodReadyToStartContainers")).isEqualTo("True");
        assertThat(last.getPodIP()).isEqualTo("10.244.1.2");
    }

    @Test
    void aPresentImageIsNotPulledAgainUnlessThePolicyIsAlways() {
        node.run(pod("first", "Always", List.of(), container("web", "nginx:1.27")));
        node.advance(Duration.ofSeconds(2));
        Container ifNotPresent = container("web", "nginx:1.27");
        ifNotPresent.setImagePullPolicy("IfNotPresent");
        Pod second = node.run(pod("second", "Always", List.of(), ifNotPresent));
        node.advance(Duration.ofSeconds(2));
        assertThat(node.events(second).get(0))
                .isEqualTo("Normal Pulled Container image \"nginx:1.27\" already present on machine");
        assertThat(node.status(second).getPodIP()).isEqualTo("10.244.1.3");

        Container always = container("web", "nginx:1.27");
        always.setImagePullPolicy("Always");
        Pod third = node.run(pod("third", "Always", List.of(), always));
        node.advance(Duration.ofSeconds(2));
        assertThat(node.events(third).get(0)).isEqualTo("Normal Pulling Pulling image \"nginx:1.27\"");
    }

    @Test
    void neverPullAndInvalidNamesWaitWithKubesReasons() {
        Container never = container("web", "redis:7");
        never.setImagePullPolicy("Never");
        Pod pod = node.run(pod("never", "Always", List.of(), never, container("bad", "Not/Valid:Image")));
        node.advance(Duration.ofSeconds(2));
        PodStatus status = node.status(pod);
        assertThat(container(status, "web").getState().getWaiting().getReason()).isEqualTo("ErrImageNeverPull");
        assertThat(container(status, "web").getState().getWaiting().getMessage())
                .isEqualTo("Container image \"redis:7\" is not present with pull policy of Never");
        assertThat(container(status, "bad").getState().getWaiting().getReason()).isEqualTo("InvalidImageName");
        assertThat(status.getPhase()).isEqualTo("Pending");
        assertThat(node.events(pod)).contains("Warning Failed Error: ErrImageNeverPull",
                "Warning Failed Error: InvalidImageName");
    }

    @Test
    void echoUnderRestartPolicyAlwaysCrashLoopsWithKubesBackOff() {
        Pod pod = node.run(pod("echo", "Always", List.of(), container("c", "busybox", "echo", "SUCCESS")));
        node.advance(Duration.ofMillis(1500));
        // first exit: restarted at once
        node.advance(Duration.ofMillis(200));
        ContainerStatus c = container(node.status(pod), "c");
        assertThat(c.getRestartCount()).isEqualTo(1);
        assertThat(c.getLastState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(c.getLastState().getTerminated().getExitCode()).isZero();

        node.advance(Duration.ofSeconds(2));
        c = container(node.status(pod), "c");
        assertThat(c.getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(c.getState().getWaiting().getMessage()).isEqualTo("back-off 10s restarting failed container=c pod=echo_ns("
                + pod.getMetadata().getUid() + ")");
        assertThat(node.status(pod).getPhase()).isEqualTo("Running");
        assertThat(node.events(pod)).contains("Warning BackOff Back-off restarting failed container c in pod echo_ns("
                + pod.getMetadata().getUid() + ")");

        node.advance(Duration.ofSeconds(10));
        assertThat(container(node.status(pod), "c").getRestartCount()).isEqualTo(2);
        node.advance(Duration.ofSeconds(2));
        assertThat(container(node.status(pod), "c").getState().getWaiting().getMessage()).startsWith("back-off 20s ");
        assertThat(node.log(pod, "c")).isEqualTo("SUCCESS\n");
        assertThat(node.logs.find(container(node.status(pod), "c").getLastState().getTerminated().getContainerID())
                .snapshot().lines()).extracting(ContainerLogs.Line::text).containsExactly("SUCCESS");
    }

    @Test
    void onFailureCompletesAndNeverFails() {
        Pod done = node.run(pod("done", "OnFailure", List.of(), container("c", "busybox", "sh", "-c", "echo SUCCESS")));
        Pod failed = node.run(pod("failed", "Never", List.of(), container("c", "busybox", "sh", "-c",
                "echo SUCCESS; exit 3")));
        node.advance(Duration.ofSeconds(3));
        PodStatus ok = node.status(done);
        assertThat(ok.getPhase()).isEqualTo("Succeeded");
        assertThat(container(ok, "c").getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(condition(ok, "Ready")).isEqualTo("False/PodCompleted");
        assertThat(condition(ok, "PodReadyToStartContainers")).isEqualTo("False");
        PodStatus bad = node.status(failed);
        assertThat(bad.getPhase()).isEqualTo("Failed");
        assertThat(container(bad, "c").getState().getTerminated().getReason()).isEqualTo("Error");
        assertThat(container(bad, "c").getState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(container(bad, "c").getRestartCount()).isZero();
        assertThat(node.log(failed, "c")).isEqualTo("SUCCESS\n");
    }

    @Test
    void initContainersRunInOrderOnceTheirServicesExist() {
        Pod pod = node.run(pod("app", "Always", List.of(
                container("wait-db", "busybox", "sh", "-c", "until nslookup db; do echo waiting for db; sleep 2; done"),
                container("wait-cache", "busybox", "sh", "-c", "until nslookup cache.ns.svc.cluster.local; do sleep 2; done")),
                container("web", "nginx")));
        node.advance(Duration.ofSeconds(5));
        PodStatus status = node.status(pod);
        assertThat(condition(status, "Initialized")).isEqualTo("False/ContainersNotInitialized");
        assertThat(status.getConditions().stream().filter(c -> c.getType().equals("Initialized")).findFirst()
                .orElseThrow().getMessage()).isEqualTo("containers with incomplete status: [wait-db wait-cache]");
        assertThat(init(status, "wait-db").getState().getRunning()).isNotNull();
        assertThat(init(status, "wait-cache").getState().getWaiting().getReason()).isEqualTo("PodInitializing");
        assertThat(container(status, "web").getState().getWaiting().getReason()).isEqualTo("PodInitializing");
        assertThat(node.log(pod, "wait-db")).contains("waiting for db");

        node.port.services.add("ns/db");
        node.advance(Duration.ofSeconds(5));
        status = node.status(pod);
        assertThat(init(status, "wait-db").getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(init(status, "wait-cache").getState().getRunning()).isNotNull();
        assertThat(status.getPhase()).isEqualTo("Pending");

        node.port.services.add("ns/cache");
        node.advance(Duration.ofSeconds(5));
        status = node.status(pod);
        assertThat(condition(status, "Initialized")).isEqualTo("True");
        assertThat(status.getPhase()).isEqualTo("Running");
        assertThat(container(status, "web").getReady()).isTrue();
    }

    @Test
    void anInitContainerIsReadyOnceItHasExitedZeroAndNotWhileItRuns() {
        Pod pod = node.run(pod("app", "Always", List.of(container("setup", "busybox", "sleep", "3")),
                container("web", "busybox", "sleep", "3600")));
        node.advance(Duration.ofSeconds(2));
        ContainerStatus running = init(node.status(pod), "setup");
        assertThat(running.getState().getRunning()).isNotNull();
        assertThat(running.getReady()).isFalse();
        assertThat(running.getStarted()).isTrue();

        node.advance(Duration.ofSeconds(3));
        ContainerStatus done = init(node.status(pod), "setup");
        assertThat(done.getState().getTerminated().getExitCode()).isZero();
        assertThat(done.getReady()).isTrue();
        assertThat(done.getStarted()).isFalse();
        assertThat(container(node.status(pod), "web").getReady()).isTrue();
    }

    @Test
    void anInitContainerThatFailedIsNotReady() {
        Pod pod = node.run(pod("app", "Never", List.of(container("setup", "busybox", "false")),
                container("web", "nginx")));
        node.advance(Duration.ofSeconds(2));
        ContainerStatus failed = init(node.status(pod), "setup");
        assertThat(failed.getState().getTerminated().getExitCode()).isEqualTo(1);
        assertThat(failed.getReady()).isFalse();
    }

    @Test
    void onceInitializedTheAppContainersWaitAsPodInitializingUntilTheyAreCreated() {
        Pod pod = node.run(pod("app", "Always", List.of(container("first", "busybox", "sleep", "1"),
                container("second", "busybox", "sleep", "1")), container("web", "nginx")));
        node.advance(Duration.ofSeconds(6));

        List<String> shown = new java.util.ArrayList<>();
        for (PodStatus status : node.statuses(pod)) {
            if (status.getContainerStatuses().stream().anyMatch(c -> c.getState().getWaiting() != null
                    && "ContainerCreating".equals(c.getState().getWaiting().getReason()))) {
                shown.add("ContainerCreating");
            }
            Pod seen = new PodBuilder(pod).withStatus(status).build();
            String column = (String) new io.kubeling.resources.pods.PodTable().cells(seen,
                    node.clock.instant()).get(2);
            if (shown.isEmpty() || !shown.get(shown.size() - 1).equals(column)) {
                shown.add(column);
            }
        }
        assertThat(shown).containsExactly("Init:0/2", "Init:1/2", "PodInitializing", "Running");

        PodStatus initialized = node.statuses(pod).stream().filter(s -> "True".equals(condition(s, "Initialized")))
                .findFirst().orElseThrow();
        assertThat(initialized.getPhase()).isEqualTo("Pending");
        assertThat(container(initialized, "web").getState().getWaiting().getReason()).isEqualTo("PodInitializing");
        assertThat(init(initialized, "second").getReady()).isTrue();
    }

    @Test
    void aFailingInitContainerIsRestartedOrFailsThePod() {
        Pod retried = node.run(pod("retried", "Always", List.of(container("init", "busybox", "false")),
                container("web", "nginx")));
        Pod failed = node.run(pod("failed", "Never", List.of(container("init", "busybox", "false")),
                container("web", "nginx")));
        node.advance(Duration.ofSeconds(4));
        assertThat(init(node.status(retried), "init").getState().getWaiting().getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(init(node.status(retried), "init").getRestartCount()).isEqualTo(1);
        assertThat(node.status(retried).getPhase()).isEqualTo("Pending");
        assertThat(node.status(failed).getPhase()).isEqualTo("Failed");
        assertThat(init(node.status(failed), "init").getState().getTerminated().getExitCode()).isEqualTo(1);
    }

    @Test
    void sidecarsKeepRunningAndCountAsReady() {
        Container sidecar = container("proxy", "nginx");
        sidecar.setRestartPolicy("Always");
        Pod pod = node.run(pod("side", "Always", List.of(sidecar), container("web", "busybox", "sleep", "3600")));
        node.advance(Duration.ofSeconds(5));
        PodStatus status = node.status(pod);
        assertThat(condition(status, "Initialized")).isEqualTo("True");
        assertThat(init(status, "proxy").getState().getRunning()).isNotNull();
        assertThat(init(status, "proxy").getReady()).isTrue();
        assertThat(container(status, "web").getState().getRunning()).isNotNull();
        assertThat(condition(status, "Ready")).isEqualTo("True");
    }

    @Test
    void aPrivateImageNeedsAPullSecretNamingItsRegistry() {
        Pod pod = pod("private", "Always", List.of(), container("app", "registry.example.com/team/app:1.0"));
        pod.getSpec().setImagePullSecrets(List.of(new io.fabric8.kubernetes.api.model.LocalObjectReference("creds")));
        node.run(pod);
        node.advance(Duration.ofMillis(800));
        ContainerStatus app = container(node.status(pod), "app");
        assertThat(app.getState().getWaiting().getReason()).isEqualTo("ErrImagePull");
        assertThat(app.getState().getWaiting().getMessage()).contains("failed to pull and unpack image "
                + "\"registry.example.com/team/app:1.0\"").contains("authorization failed");
        node.advance(Duration.ofSeconds(2));
        assertThat(container(node.status(pod), "app").getState().getWaiting().getReason()).isEqualTo("ImagePullBackOff");
        assertThat(node.events(pod)).contains("Normal BackOff Back-off pulling image \"registry.example.com/team/app:1.0\"",
                "Warning Failed Error: ImagePullBackOff", "Warning Failed Error: ErrImagePull");

        String config = "{\"auths\":{\"https://registry.example.com\":{\"auth\":\"dXNlcjpwYXNz\"}}}";
        node.port.secrets.put("ns/creds", new SecretBuilder().withType("kubernetes.io/dockerconfigjson")
                .withData(Map.of(".dockerconfigjson", Base64.getEncoder().encodeToString(
                        config.getBytes(StandardCharsets.UTF_8)))).build());
        node.advance(Duration.ofSeconds(10));
        assertThat(container(node.status(pod), "app").getState().getRunning()).isNotNull();
    }

    @Test
    void gracefulDeletionRunsPreStopThenKillsAtTheEndOfTheGracePeriod() {
        Container sleeper = container("app", "busybox", "sleep", "3600");
        sleeper.setLifecycle(new io.fabric8.kubernetes.api.model.LifecycleBuilder().withNewPreStop().withNewExec()
                .withCommand("sh", "-c", "sleep 5").endExec().endPreStop().build());
        Pod pod = node.run(pod("bye", "Always", List.of(), sleeper, container("web", "nginx")));
        node.advance(Duration.ofSeconds(3));
        node.delete(pod, 10);
        assertThat(node.events(pod)).contains("Normal Killing Stopping container app", "Normal Killing Stopping container web");
        node.advance(Duration.ofSeconds(1));
        assertThat(container(node.status(pod), "web").getState().getTerminated().getExitCode()).isZero();
        assertThat(container(node.status(pod), "app").getState().getRunning()).isNotNull();
        node.advance(Duration.ofSeconds(8));
        assertThat(node.port.deleted).isEmpty();
        node.advance(Duration.ofSeconds(2));
        PodStatus last = node.status(pod);
        assertThat(container(last, "app").getState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(last.getPhase()).isEqualTo("Failed");
        assertThat(node.port.deleted).containsExactly("bye");
    }

    @Test
    void aFailingPreStopHookIsAWarningEventAndTheContainerStillStops() {
        Container web = container("web", "nginx");
        web.setLifecycle(new io.fabric8.kubernetes.api.model.LifecycleBuilder().withNewPreStop().withNewExec()
                .withCommand("sh", "-c", "echo secret-token; exit 3").endExec().endPreStop().build());
        Container fine = container("fine", "busybox", "sleep", "3600");
        fine.setLifecycle(new io.fabric8.kubernetes.api.model.LifecycleBuilder().withNewPreStop().withNewExec()
                .withCommand("sh", "-c", "true").endExec().endPreStop().build());
        Pod pod = node.run(pod("hooked", "Always", List.of(), web, fine));
        node.advance(Duration.ofSeconds(3));
        node.delete(pod, 5);
        node.advance(Duration.ofSeconds(1));

        assertThat(node.events(pod)).containsSubsequence("Normal Killing Stopping container web",
                "Warning FailedPreStopHook PreStopHook failed");
        assertThat(node.port.fieldPaths).contains("spec.containers{web} FailedPreStopHook");
        assertThat(node.port.fieldPaths).doesNotContain("spec.containers{fine} FailedPreStopHook");
        assertThat(String.join("\n", node.events(pod))).doesNotContain("secret-token");
        assertThat(container(node.status(pod), "web").getState().getTerminated().getExitCode()).isZero();
        node.advance(Duration.ofSeconds(5));
        assertThat(node.port.deleted).containsExactly("hooked");
    }

    @Test
    void zeroGraceStopsAtOnce() {
        Pod pod = node.run(pod("now", "Always", List.of(), container("app", "busybox", "sleep", "3600")));
        node.advance(Duration.ofSeconds(3));
        node.delete(pod, 0);
        node.timers.runDue();
        assertThat(node.port.deleted).containsExactly("now");
    }

    @Test
    void probesPassAfterTheirDelayUnlessAnAnnotationSaysOtherwise() {
        Container web = container("web", "nginx");
        web.setReadinessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withInitialDelaySeconds(5)
                .withNewHttpGet().withPath("/").withNewPort(80).endHttpGet().build());
        Pod delayed = node.run(pod("delayed", "Always", List.of(), web));
        node.advance(Duration.ofSeconds(3));
        assertThat(condition(node.status(delayed), "Ready")).isEqualTo("False/ContainersNotReady");
        node.advance(Duration.ofSeconds(5));
        assertThat(condition(node.status(delayed), "Ready")).isEqualTo("True");

        Pod unready = pod("unready", "Always", List.of(), web);
        unready.getMetadata().setAnnotations(Map.of("kubeling.io/readiness", "fail"));
        node.run(unready);
        node.advance(Duration.ofSeconds(30));
        assertThat(condition(node.status(unready), "Ready")).isEqualTo("False/ContainersNotReady");
        assertThat(node.events(unready)).contains(
                "Warning Unhealthy Readiness probe failed: HTTP probe failed with statuscode: 503");

        Container live = container("web", "nginx");
        live.setLivenessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder().withPeriodSeconds(5)
                .withNewTcpSocket().withNewPort(80).endTcpSocket().build());
        Pod killed = pod("killed", "Always", List.of(), live);
        killed.getMetadata().setAnnotations(Map.of("kubeling.io/liveness", "fail-after=20s"));
        node.run(killed);
        node.advance(Duration.ofSeconds(20));
        assertThat(container(node.status(killed), "web").getRestartCount()).isZero();
        node.advance(Duration.ofSeconds(15));
        assertThat(node.events(killed)).contains("Normal Killing Container web failed liveness probe, will be restarted");
        assertThat(node.events(killed).stream().filter(e -> e.startsWith("Warning Unhealthy Liveness probe failed: "
                + "dial tcp 10.244.1.4:80: connect: connection refused"))).hasSize(3);
        assertThat(container(node.status(killed), "web").getRestartCount()).isEqualTo(1);
    }

    @Test
    void theTimeScaleShortensEveryDelay() {
        SimulatedNode fast = new SimulatedNode(0.1, List.of());
        Pod pod = fast.run(pod("fast", "Always", List.of(), container("c", "busybox", "sh", "-c", "sleep 10; exit 1")));
        fast.advance(Duration.ofMillis(200));
        assertThat(fast.status(pod).getPhase()).isEqualTo("Running");
        fast.advance(Duration.ofSeconds(1));
        assertThat(container(fast.status(pod), "c").getLastState().getTerminated().getExitCode()).isEqualTo(1);
    }

    @Test
    void aGoneHostNetworkPodUsesTheNodeAddressAndItsLogsGoWithIt() {
        Pod pod = pod("host", "Always", List.of(), container("c", "busybox", "sh", "-c", "echo hi; sleep 100"));
        pod.getSpec().setHostNetwork(true);
        node.run(pod);
        node.advance(Duration.ofSeconds(2));
        assertThat(node.status(pod).getPodIP()).isEqualTo("172.18.0.2");
        String id = container(node.status(pod), "c").getContainerID();
        assertThat(node.logs.find(id)).isNotNull();
        node.kubelet.podDeleted(pod);
        assertThat(node.logs.find(id)).isNull();
    }

    @Test
    void aRestartedKubeletAdoptsRunningPodsWithoutStartingThemAgain() {
        Pod pod = node.run(pod("kept", "Always", List.of(), container("web", "busybox", "sh", "-c",
                "echo up; sleep 3600")));
        node.advance(Duration.ofSeconds(3));
        PodStatus before = node.status(pod);
        int events = node.events(pod).size();

        NodeKubelet restarted = new NodeKubelet("node-a", "172.18.0.2", "10.244.1.0/24", node.port, node.timers,
                new io.kubeling.controllers.SimulatedTime(node.clock, 1.0), node.logs, List.of());
        restarted.podChanged(pod);
        node.advance(Duration.ofSeconds(3));
        PodStatus after = node.status(pod);
        assertThat(after.getPhase()).isEqualTo("Running");
        assertThat(after.getPodIP()).isEqualTo(before.getPodIP());
        assertThat(container(after, "web").getContainerID()).isEqualTo(container(before, "web").getContainerID());
        assertThat(container(after, "web").getState().getRunning().getStartedAt())
                .isEqualTo(container(before, "web").getState().getRunning().getStartedAt());
        assertThat(node.events(pod)).hasSize(events);
    }
}

package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.DeleteResult;
import io.kubeling.registry.StatusException;

/**
 * The kubelet simulation on the registry, on a stopped clock: the statuses, Table rows, events and logs of pods
 * bound to a node, as the API then serves them, with every delay (pulls, back-off, grace periods) passed by
 * moving the clock.
 */
class KubeletOnRegistryTest {

    private static KubeletOnRegistry kubelet;
    private static StoppedCluster cluster;
    private static int namespaces;
    private String node;
    private String ns;

    @BeforeAll
    static void build() {
        kubelet = new KubeletOnRegistry();
        cluster = kubelet.cluster;
    }

    @AfterAll
    static void close() {
        kubelet.close();
    }

    @BeforeEach
    void newNode() {
        node = kubelet.newNode();
        ns = "kubelet-" + ++namespaces;
    }

    @AfterEach
    void removeNode() {
        kubelet.removeNode(node);
    }

    private String pod(String name, String restartPolicy, String containers) {
        return KubeletOnRegistry.pod(node, name, restartPolicy, containers);
    }

    @Test
    void twoContainersShowTwoOfTwoReady() {
        kubelet.createPod(ns, pod("pair", "Always", """
                [{"name":"web","image":"nginx:1.27"},{"name":"cache","image":"redis:7"}]"""));
        kubelet.advanceToRow(ns, "pair", "2/2 Running", Duration.ofSeconds(30));
        Pod pair = kubelet.pod(ns, "pair");
        assertThat(pair.getStatus().getContainerStatuses()).extracting(ContainerStatus::getName)
                .containsExactly("web", "cache");
        assertThat(pair.getStatus().getContainerStatuses()).allMatch(ContainerStatus::getReady);
        assertThat(KubeletOnRegistry.condition(pair, "Ready")).isEqualTo("True");
    }

    @Test
    void initContainersWaitForTwoServicesThatAppearLater() {
        kubelet.createPod(ns, pod("app", "Always", "[{\"name\":\"web\",\"image\":\"nginx\"}]").replace(
                "\"containers\"", """
                        "initContainers":[
                          {"name":"wait-db","image":"busybox","command":["sh","-c","until nslookup db; do echo waiting for db; sleep 1; done"]},
                          {"name":"wait-cache","image":"busybox","command":["sh","-c","until nslookup cache.%s.svc.cluster.local; do sleep 1; done"]}],
                        "containers\"""".formatted(ns)));
        kubelet.advanceToRow(ns, "app", "0/1 Init:0/2", Duration.ofSeconds(10));
        Pod pending = kubelet.pod(ns, "app");
        assertThat(pending.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(KubeletOnRegistry.condition(pending, "Initialized")).isEqualTo("False");

        kubelet.advanceToRunning(ns, "app", "wait-db", Duration.ofSeconds(10));
        cluster.advanceUntil(Duration.ofMillis(100), Duration.ofSeconds(10),
                () -> kubelet.log(ns, "app", "container", "wait-db").contains("waiting for db"));
        // lookups that keep failing, and the pod still waits on its first init container
        cluster.advance(Duration.ofSeconds(5));
        assertThat(kubelet.row(ns, "app")).isEqualTo("0/1 Init:0/2");

        createService("db");
        kubelet.advanceToRow(ns, "app", "0/1 Init:1/2", Duration.ofSeconds(10));
        createService("cache");
        kubelet.advanceToRow(ns, "app", "1/1 Running", Duration.ofSeconds(10));
        Pod running = kubelet.pod(ns, "app");
        assertThat(running.getStatus().getInitContainerStatuses().get(0).getState().getTerminated().getReason())
                .isEqualTo("Completed");
        assertThat(running.getStatus().getInitContainerStatuses().get(1).getState().getTerminated().getExitCode())
                .isZero();
        assertThat(kubelet.log(ns, "app", "container", "wait-db")).contains("waiting for db")
                .contains("** server can't find db");
    }

    private void createService(String name) {
        cluster.create(ns, Service.class, """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s"},
                 "spec":{"selector":{"app":"%s"},"ports":[{"port":80}]}}""".formatted(name, name));
    }

    @Test
    void echoSuccessUnderEachRestartPolicy() {
        String echo = "[{\"name\":\"c\",\"image\":\"busybox\",\"command\":[\"sh\",\"-c\",\"echo SUCCESS\"]}]";
        kubelet.createPod(ns, pod("always", "Always", echo));
        kubelet.createPod(ns, pod("onfailure", "OnFailure", echo));
        kubelet.createPod(ns, pod("never", "Never",
                "[{\"name\":\"c\",\"image\":\"busybox\",\"command\":[\"sh\",\"-c\",\"echo SUCCESS; exit 1\"]}]"));

        kubelet.advanceToRow(ns, "onfailure", "0/1 Completed", Duration.ofSeconds(10));
        assertThat(kubelet.pod(ns, "onfailure").getStatus().getPhase()).isEqualTo("Succeeded");
        kubelet.advanceToRow(ns, "never", "0/1 Error", Duration.ofSeconds(10));
        Pod never = kubelet.pod(ns, "never");
        assertThat(never.getStatus().getPhase()).isEqualTo("Failed");
        assertThat(never.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode())
                .isEqualTo(1);
        assertThat(kubelet.log(ns, "never")).isEqualTo("SUCCESS\n");

        kubelet.advanceToRow(ns, "always", "0/1 CrashLoopBackOff", Duration.ofSeconds(10));
        Pod looping = kubelet.pod(ns, "always");
        ContainerStatus c = looping.getStatus().getContainerStatuses().get(0);
        int restarts = c.getRestartCount();
        assertThat(restarts).isGreaterThanOrEqualTo(1);
        assertThat(looping.getStatus().getPhase()).isEqualTo("Running");
        assertThat(c.getLastState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(c.getState().getWaiting().getMessage())
                .startsWith("back-off 10s restarting failed container=c pod=always_" + ns + "(");
        assertThat(kubelet.log(ns, "always")).isEqualTo("SUCCESS\n");
        assertThat(kubelet.log(ns, "always", "previous", "true")).isEqualTo("SUCCESS\n");
        assertThat(cluster.awaitEvent(ns, "always", "BackOff"))
                .startsWith("Back-off restarting failed container c in pod always_" + ns + "(");

        // the back-off of 10 s runs out and the container starts again
        cluster.advanceUntil(Duration.ofMillis(100), Duration.ofSeconds(11), () -> kubelet.pod(ns, "always")
                .getStatus().getContainerStatuses().get(0).getRestartCount() > restarts);
    }

    @Test
    void aPrivateImageIsPulledOnlyWithAPullSecret() {
        String image = "registry.private.test/team/app:1.0";
        kubelet.createPod(ns, pod("private", "Always", "[{\"name\":\"app\",\"image\":\"" + image + "\"}]"));
        kubelet.advanceToRow(ns, "private", "0/1 ImagePullBackOff", Duration.ofSeconds(30));
        cluster.advanceUntil(Duration.ofMillis(100), Duration.ofSeconds(30),
                () -> cluster.events(ns, "private").contains("Failed: Error: ImagePullBackOff"));
        List<String> events = cluster.events(ns, "private");
        assertThat(events).contains("Pulling: Pulling image \"" + image + "\"", "Failed: Error: ErrImagePull",
                "BackOff: Back-off pulling image \"" + image + "\"", "Failed: Error: ImagePullBackOff");
        assertThat(events).anyMatch(e -> e.startsWith("Failed: Failed to pull image \"" + image + "\": "));
        assertThatThrownBy(() -> kubelet.log(ns, "private")).isInstanceOfSatisfying(StatusException.class,
                e -> assertThat(e.code()).isEqualTo(400))
                .hasMessageContaining("is waiting to start: trying and failing to pull image");

        String config = Base64.getEncoder().encodeToString(
                "{\"auths\":{\"registry.private.test\":{\"auth\":\"dXNlcjpwYXNz\"}}}".getBytes());
        cluster.create(ns, Secret.class, """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"creds"},"type":"kubernetes.io/dockerconfigjson",
                 "data":{".dockerconfigjson":"%s"}}""".formatted(config));
        kubelet.createPod(ns, pod("with-secret", "Always", "[{\"name\":\"app\",\"image\":\"" + image + "\"}]")
                .replace("\"containers\"", "\"imagePullSecrets\":[{\"name\":\"creds\"}],\"containers\""));
        kubelet.advanceToRow(ns, "with-secret", "1/1 Running", Duration.ofSeconds(30));
        cluster.awaitEvent(ns, "with-secret", "Pulled");
        assertThat(cluster.events(ns, "with-secret").get(1)).startsWith("Pulled: Successfully pulled image \"" + image);
    }

    @Test
    void gracefulDeletionRunsPreStopRecordsKillingAndThenRemovesThePod() {
        kubelet.createPod(ns, pod("bye", "Always", """
                [{"name":"app","image":"busybox","command":["sleep","3600"],
                  "lifecycle":{"preStop":{"exec":{"command":["sh","-c","sleep 1"]}}}}]""").replace(
                "\"terminationGracePeriodSeconds\":5", "\"terminationGracePeriodSeconds\":3"));
        kubelet.advanceToRow(ns, "bye", "1/1 Running", Duration.ofSeconds(10));
        List<Change<Pod>> changes = new ArrayList<>();
        ChangeFeed.Subscription watch = cluster.feed.subscribe(Pod.class, change -> {
            if (change.object().getMetadata().getName().equals("bye")) {
                synchronized (changes) {
                    changes.add(change);
                }
            }
        });
        try {
            DeleteResult<Pod> deleting = cluster.store(Pod.class).delete(ns, "bye", DeleteOptions.DEFAULT);
            assertThat(deleting.deleted()).isFalse();
            assertThat(deleting.object().getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(3);
            assertThat(kubelet.row(ns, "bye")).endsWith("Terminating");
            cluster.awaitEvent(ns, "bye", "Killing");
            assertThat(cluster.exists(Pod.class, ns, "bye")).isTrue();

            // preStop has run; the container ignores its stop signal until the grace period of 3 s ends
            cluster.advance(Duration.ofSeconds(2));
            assertThat(cluster.exists(Pod.class, ns, "bye")).isTrue();
            cluster.advanceUntil(Duration.ofMillis(100), Duration.ofSeconds(2),
                    () -> !cluster.exists(Pod.class, ns, "bye"));
            cluster.awaitUntil(() -> {
                synchronized (changes) {
                    return !changes.isEmpty() && changes.get(changes.size() - 1).deleted();
                }
            });
        } finally {
            watch.close();
        }
        Pod last;
        synchronized (changes) {
            last = changes.get(changes.size() - 2).object();
        }
        assertThat(last.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode())
                .isEqualTo(137);
        assertThat(last.getStatus().getPhase()).isEqualTo("Failed");
        assertThat(cluster.events(ns, "bye")).contains("Killing: Stopping container app");
    }

    @Test
    void zeroGracePeriodDeletesAtOnce() {
        kubelet.createPod(ns, pod("now", "Always", "[{\"name\":\"web\",\"image\":\"nginx\"}]"));
        kubelet.advanceToRow(ns, "now", "1/1 Running", Duration.ofSeconds(10));
        DeleteResult<Pod> deleted = cluster.store(Pod.class).delete(ns, "now",
                new DeleteOptions(false, 0L, null, null, null));
        assertThat(deleted.deleted()).isTrue();
        assertThat(cluster.exists(Pod.class, ns, "now")).isFalse();
    }

    @Test
    void podsOfAnUnknownNodeAreLeftAlone() {
        kubelet.createPod(ns, pod("stray", "Always", "[{\"name\":\"web\",\"image\":\"nginx\"}]")
                .replace(node, "no-such-node"));
        // the kubelets take changes in order on their one thread: once a later pod has a status, the stray was seen
        kubelet.createPod(ns, pod("later", "Always", "[{\"name\":\"web\",\"image\":\"nginx\"}]"));
        cluster.await(Pod.class, ns, "later", p -> !p.getStatus().getConditions().isEmpty());
        cluster.advance(Duration.ofMinutes(1));
        Pod stray = kubelet.pod(ns, "stray");
        assertThat(stray.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(stray.getStatus().getConditions()).isEmpty();
        assertThat(kubelet.row(ns, "later")).isEqualTo("1/1 Running");
    }

    @Test
    void anUnreachableNodesKubeletLosesTheApiUntilItIsBack() {
        String pinned = """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{"nodeName":"%s","terminationGracePeriodSeconds":1,
                         "containers":[{"name":"c","image":"busybox","command":["sleep","3600"]}]}}""";
        kubelet.createPod(ns, pinned.formatted("steady", node));
        kubelet.advanceToRow(ns, "steady", "1/1 Running", Duration.ofSeconds(10));
        simulate(node, "Unreachable");
        cluster.store(Pod.class).delete(ns, "steady", DeleteOptions.DEFAULT);
        kubelet.createPod(ns, pinned.formatted("late", node));
        // the kubelets take changes in order on their one thread: once a pod of another node has a status, the
        // unreachable node's kubelet has seen all of the above
        String other = kubelet.newNode();
        try {
            kubelet.createPod(ns, pinned.formatted("marker", other));
            cluster.await(Pod.class, ns, "marker", p -> !p.getStatus().getConditions().isEmpty());

            // no kubelet confirms the deletion or starts the newcomer, well past the grace period
            cluster.advance(Duration.ofSeconds(30));
            Pod steady = kubelet.pod(ns, "steady");
            assertThat(steady.getMetadata().getDeletionTimestamp()).isNotNull();
            assertThat(steady.getStatus().getContainerStatuses().get(0).getState().getRunning()).isNotNull();
            Pod late = kubelet.pod(ns, "late");
            assertThat(late.getStatus().getContainerStatuses()).isEmpty();
            assertThat(late.getStatus().getPhase()).isEqualTo("Pending");
            assertThat(cluster.events(ns, "steady")).noneMatch(e -> e.startsWith("Killing: "));
        } finally {
            kubelet.removeNode(other);
        }

        simulate(node, null);
        cluster.advanceUntil(Duration.ofMillis(100), Duration.ofSeconds(10),
                () -> !cluster.exists(Pod.class, ns, "steady"));
        assertThat(cluster.awaitEvent(ns, "steady", "Killing")).isEqualTo("Stopping container c");
        kubelet.advanceToRow(ns, "late", "1/1 Running", Duration.ofSeconds(10));
        assertThat(kubelet.pod(ns, "late").getStatus().getHostIP()).isEqualTo("172.18.0.40");
    }

    /** Sets or clears the node's {@code kubeling.io/simulate} annotation, as a test client would. */
    private void simulate(String nodeName, String failure) {
        cluster.store(Node.class).update(null, nodeName, null, n -> {
            java.util.Map<String, String> annotations = new java.util.HashMap<>(n.getMetadata().getAnnotations());
            if (failure == null) {
                annotations.remove("kubeling.io/simulate");
            } else {
                annotations.put("kubeling.io/simulate", failure);
            }
            n.getMetadata().setAnnotations(annotations);
            return n;
        }, io.kubeling.registry.WriteOptions.DEFAULT);
    }
}

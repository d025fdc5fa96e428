package io.kubeling.controllers.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.WriteOptions;
import io.kubeling.storage.KeyValueStore;

/**
 * The Job controller on the registry and a stopped clock, with no kubelet: the tests finish pods by writing their
 * status, and move time through the back-off, the active deadline and the TTL after finishing. Its clusters
 * share nothing with other classes, so it runs alongside them; its tests run one after another, since moving the
 * clock moves every test's deadlines (a class marked to run concurrently runs its methods concurrently too).
 */
class JobControllerOnRegistryTest {

    private static StoppedCluster cluster;
    private static int namespaces;
    private String ns;

    @BeforeAll
    static void build() {
        cluster = new StoppedCluster();
        cluster.start(new JobController(cluster.kit()));
    }

    @AfterAll
    static void close() {
        cluster.close();
    }

    @BeforeEach
    void namespace() {
        ns = "job-" + ++namespaces;
    }

    private Job create(String name, String spec) {
        return create(cluster, ns, name, spec);
    }

    private static Job create(StoppedCluster cluster, String ns, String name, String spec) {
        return cluster.create(ns, Job.class, """
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"%s"},
                 "spec":{%s"template":{"spec":{"restartPolicy":"Never",
                   "containers":[{"name":"main","image":"busybox","command":["echo","hi"]}]}}}}
                """.formatted(name, spec));
    }

    private Job job(String name) {
        return cluster.get(Job.class, ns, name);
    }

    private List<Pod> livePods() {
        return livePods(cluster, ns);
    }

    private static List<Pod> livePods(StoppedCluster cluster, String ns) {
        return cluster.list(Pod.class, ns).stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null
                && !"Succeeded".equals(p.getStatus().getPhase()) && !"Failed".equals(p.getStatus().getPhase()))
                .toList();
    }

    /** Writes the pod's end, as its kubelet would, in whole seconds as kube's timestamps are. */
    private void finish(Pod pod, String phase, int exitCode) {
        finish(cluster, ns, pod, phase, exitCode);
    }

    private static void finish(StoppedCluster cluster, String ns, Pod pod, String phase, int exitCode) {
        String now = cluster.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        cluster.store(Pod.class).update(ns, pod.getMetadata().getName(), "status", current -> {
            current.getStatus().setPhase(phase);
            current.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName("main")
                    .withImage("busybox").withImageID("").withReady(false).withRestartCount(0)
                    .withState(new ContainerStateBuilder().withNewTerminated().withExitCode(exitCode)
                            .withReason(exitCode == 0 ? "Completed" : "Error").withStartedAt(now).withFinishedAt(now)
                            .endTerminated().build())
                    .build()));
            return current;
        }, WriteOptions.DEFAULT);
    }

    private static JobCondition condition(Job job, String type) {
        return job.getStatus() == null ? null : job.getStatus().getConditions().stream()
                .filter(c -> c.getType().equals(type)).findFirst().orElse(null);
    }

    private static boolean holds(Job job, String type) {
        JobCondition c = condition(job, type);
        return c != null && "True".equals(c.getStatus());
    }

    private List<String> events(String reason) {
        return cluster.events(ns, null).stream().filter(e -> e.startsWith(reason + ": "))
                .map(e -> e.substring(reason.length() + 2)).toList();
    }

    @Test
    void failsAfterBackoffLimitWithKubesBackOffBetweenPods() {
        create("fails", "\"backoffLimit\":1,");
        cluster.awaitUntil(() -> livePods().size() == 1);
        finish(livePods().get(0), "Failed", 1);
        cluster.await(Job.class, ns, "fails", j -> j.getStatus().getFailed() != null && j.getStatus().getFailed() == 1);

        // kube's first back-off is 10 s: no replacement before it ends, one right after
        cluster.advance(Duration.ofSeconds(9));
        assertThat(livePods()).isEmpty();
        cluster.advanceUntil(Duration.ofMillis(100), Duration.ofSeconds(2), () -> livePods().size() == 1);

        finish(livePods().get(0), "Failed", 1);
        Job job = cluster.await(Job.class, ns, "fails", j -> holds(j, "Failed"));
        assertThat(job.getStatus().getFailed()).isEqualTo(2);
        assertThat(condition(job, "FailureTarget").getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(condition(job, "Failed").getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(condition(job, "Failed").getMessage()).isEqualTo("Job has reached the specified backoff limit");
        cluster.awaitEvent(ns, "fails", "BackoffLimitExceeded");
        assertThat(events("BackoffLimitExceeded")).containsExactly("Job has reached the specified backoff limit");
    }

    @Test
    void aPodFailingAfterASyncReadItStaysActiveForThatSync() {
        // the pod fails right after a sync has read the pods: that sync must neither count it nor take it for gone
        // and replace it there and then, without the back-off
        String space = "job-mid-sync";
        AtomicReference<Runnable> afterPodList = new AtomicReference<>();
        try (StoppedCluster mid = new StoppedCluster(
                store -> afterControllerList(store, "/registry/pods/" + space + "/", afterPodList))) {
            mid.start(new JobController(mid.kit()));
            create(mid, space, "fails", "\"backoffLimit\":1,");
            mid.awaitUntil(() -> livePods(mid, space).size() == 1);
            Pod pod = livePods(mid, space).get(0);
            mid.await(Job.class, space, "fails", j -> j.getStatus() != null && j.getStatus().getActive() != null);
            afterPodList.set(() -> finish(mid, space, pod, "Failed", 1));
            mid.store(Pod.class).update(space, pod.getMetadata().getName(), null, current -> {
                current.getMetadata().setAnnotations(Map.of("nudge", "1"));
                return current;
            }, WriteOptions.DEFAULT);
            mid.await(Job.class, space, "fails", j -> j.getStatus().getFailed() != null);
            assertThat(afterPodList.get()).isNull();
            assertThat(mid.get(Job.class, space, "fails").getStatus().getFailed()).isEqualTo(1);

            mid.advance(Duration.ofSeconds(9));
            assertThat(livePods(mid, space)).isEmpty();
            mid.advanceUntil(Duration.ofMillis(100), Duration.ofSeconds(2), () -> livePods(mid, space).size() == 1);
        }
    }

    /** The store, running {@code action} once on the Job controller's thread right after it lists {@code prefix}. */
    private static KeyValueStore afterControllerList(KeyValueStore store, String prefix, AtomicReference<Runnable> action) {
        return (KeyValueStore) Proxy.newProxyInstance(KeyValueStore.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("list") && prefix.equals(args[0])
                            && JobController.COMPONENT.equals(Thread.currentThread().getName())) {
                        Runnable run = action.getAndSet(null);
                        if (run != null) {
                            run.run();
                        }
                    }
                    return result;
                });
    }

    @Test
    void activeDeadline() {
        create("slow", "\"activeDeadlineSeconds\":1,");
        cluster.awaitUntil(() -> livePods().size() == 1);
        cluster.advance(Duration.ofMillis(900));
        assertThat(holds(job("slow"), "Failed")).isFalse();
        cluster.advanceUntil(Duration.ofMillis(100), Duration.ofSeconds(1), () -> holds(job("slow"), "Failed"));
        assertThat(condition(job("slow"), "Failed").getReason()).isEqualTo("DeadlineExceeded");
        assertThat(condition(job("slow"), "Failed").getMessage())
                .isEqualTo("Job was active longer than specified deadline");
        cluster.awaitUntil(() -> cluster.list(Pod.class, ns).isEmpty());
    }

    @Test
    void indexedCompletion() {
        create("idx", "\"completions\":3,\"parallelism\":3,\"completionMode\":\"Indexed\",");
        cluster.awaitUntil(() -> livePods().size() == 3);
        List<String> indexes = new java.util.ArrayList<>();
        for (Pod pod : livePods()) {
            String index = pod.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index");
            indexes.add(index);
            assertThat(pod.getMetadata().getLabels()).containsEntry("batch.kubernetes.io/job-completion-index", index);
            assertThat(pod.getSpec().getHostname()).isEqualTo("idx-" + index);
            assertThat(pod.getMetadata().getName()).startsWith("idx-" + index + "-");
            finish(pod, "Succeeded", 0);
        }
        assertThat(indexes).containsExactlyInAnyOrder("0", "1", "2");
        Job done = cluster.await(Job.class, ns, "idx", j -> holds(j, "Complete"));
        assertThat(done.getStatus().getCompletedIndexes()).isEqualTo("0-2");
    }

    @Test
    void ttlAfterFinishedDeletesTheJobInTheForeground() {
        create("short", "\"ttlSecondsAfterFinished\":5,");
        cluster.awaitUntil(() -> livePods().size() == 1);
        finish(livePods().get(0), "Succeeded", 0);
        cluster.await(Job.class, ns, "short", j -> holds(j, "Complete"));
        cluster.advance(Duration.ofSeconds(4));
        assertThat(job("short").getMetadata().getDeletionTimestamp()).isNull();
        // the garbage collector, not running here, ends the foreground deletion
        cluster.advanceUntil(Duration.ofMillis(100), Duration.ofSeconds(2),
                () -> job("short").getMetadata().getDeletionTimestamp() != null);
        assertThat(job("short").getMetadata().getFinalizers()).contains("foregroundDeletion");
    }
}

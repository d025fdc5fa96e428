package io.kubeling.controllers.disruption;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.poddisruptionbudgets.EvictionBudget;

/**
 * The disruption controller on the registry and a stopped clock, with the eviction's budget check beside it: the
 * tests make pods ready by writing their status, as a kubelet would. It runs alongside other classes, its tests one
 * after another, since moving the clock gives back every test's evictions (a class marked to run concurrently runs
 * its methods concurrently too).
 */
class DisruptionControllerTest {

    private static StoppedCluster cluster;
    private static EvictionBudget evictions;
    private static int namespaces;
    private String ns;

    @BeforeAll
    static void build() {
        cluster = new StoppedCluster();
        cluster.start(new DisruptionController(cluster.kit()));
        evictions = new EvictionBudget(cluster.registry, cluster.time.clock());
    }

    @AfterAll
    static void close() {
        cluster.close();
    }

    @BeforeEach
    void namespace() {
        synchronized (DisruptionControllerTest.class) {
            ns = "pdb-" + ++namespaces;
        }
    }

    private PodDisruptionBudget budget(String name, String spec) {
        return cluster.create(ns, PodDisruptionBudget.class, """
                {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"%s"},"spec":{%s}}
                """.formatted(name, spec));
    }

    private Pod pod(String name, String owner) {
        Pod pod = cluster.create(ns, Pod.class, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":{"app":"web"}%s},
                 "spec":{"containers":[{"name":"c","image":"nginx"}]}}
                """.formatted(name, owner));
        return ready(pod);
    }

    private Pod ready(Pod pod) {
        String now = cluster.now().toString();
        return cluster.store(Pod.class).update(ns, pod.getMetadata().getName(), "status", current -> {
            current.getStatus().setPhase("Running");
            current.getStatus().setConditions(List.of(new PodCondition(null, now, null, null, null, "True", "Ready")));
            return current;
        }, WriteOptions.DEFAULT).object();
    }

    private PodDisruptionBudget await(String name, java.util.function.Predicate<PodDisruptionBudgetStatus> test) {
        return cluster.await(PodDisruptionBudget.class, ns, name, p -> p.getStatus() != null
                && p.getStatus().getObservedGeneration() != null && test.test(p.getStatus()));
    }

    private static Condition allowedCondition(PodDisruptionBudget pdb) {
        return pdb.getStatus().getConditions().stream().filter(c -> c.getType().equals("DisruptionAllowed"))
                .findFirst().orElseThrow();
    }

    private Status refusal(Pod pod) {
        try {
            evictions.admit(cluster.get(Pod.class, ns, pod.getMetadata().getName()), false);
        } catch (StatusException e) {
            return e.status();
        }
        throw new AssertionError("eviction of " + pod.getMetadata().getName() + " was admitted");
    }

    @Test
    void minAvailableCountsReadyPodsAndEvictionsTakeTheDisruptionsAllowed() {
        pod("a", "");
        Pod b = pod("b", "");
        pod("c", "");
        budget("web", "\"minAvailable\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}}");
        PodDisruptionBudget pdb = await("web", s -> s.getCurrentHealthy() == 3);
        assertThat(pdb.getStatus().getDesiredHealthy()).isEqualTo(2);
        assertThat(pdb.getStatus().getExpectedPods()).isEqualTo(3);
        assertThat(pdb.getStatus().getDisruptionsAllowed()).isEqualTo(1);
        assertThat(pdb.getStatus().getObservedGeneration()).isEqualTo(1);
        assertThat(allowedCondition(pdb)).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("SufficientPods");
            assertThat(c.getObservedGeneration()).isEqualTo(1);
        });

        assertThat(evictions.admit(cluster.get(Pod.class, ns, "a"), false)).isEqualTo(EvictionBudget.Verdict.DELETE);
        pdb = cluster.get(PodDisruptionBudget.class, ns, "web");
        assertThat(pdb.getStatus().getDisruptionsAllowed()).isZero();
        assertThat(pdb.getStatus().getDisruptedPods()).containsOnlyKeys("a");
        assertThat(allowedCondition(pdb).getReason()).isEqualTo("InsufficientPods");

        // the controller does not count the pod an eviction is taking
        pdb = await("web", s -> s.getCurrentHealthy() == 2);
        assertThat(pdb.getStatus().getDisruptedPods()).containsOnlyKeys("a");
        Status refused = refusal(b);
        assertThat(refused.getCode()).isEqualTo(429);
        assertThat(refused.getReason()).isEqualTo("TooManyRequests");
        assertThat(refused.getMessage()).isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(refused.getDetails().getCauses()).singleElement().satisfies(cause -> {
            assertThat(cause.getReason()).isEqualTo("DisruptionBudget");
            assertThat(cause.getMessage()).isEqualTo("The disruption budget web needs 2 healthy pods and has 2 currently");
        });

        // an eviction whose pod is not deleted in two minutes is given back
        cluster.advance(Duration.ofMinutes(2).plusSeconds(1));
        pdb = await("web", s -> s.getDisruptedPods().isEmpty() && s.getDisruptionsAllowed() == 1);
        assertThat(cluster.awaitEvent(ns, "a", "NotDeleted"))
                .isEqualTo("Pod was expected by PDB " + ns + "/" + ns + " to be deleted but it wasn't");
    }

    @Test
    void maxUnavailablePercentagesScaleByTheOwningDeploymentsOrReplicaSetsReplicas() {
        ReplicaSet rs = cluster.create(ns, ReplicaSet.class, """
                {"apiVersion":"apps/v1","kind":"ReplicaSet","metadata":{"name":"web"},"spec":{"replicas":4,
                 "selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"c","image":"nginx"}]}}}}
                """);
        String owner = ",\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"web\","
                + "\"uid\":\"" + rs.getMetadata().getUid() + "\",\"controller\":true}]";
        pod("a", owner);
        pod("b", owner);
        pod("c", owner);
        budget("web", "\"maxUnavailable\":\"50%\",\"selector\":{\"matchLabels\":{\"app\":\"web\"}}");
        PodDisruptionBudget pdb = await("web", s -> s.getCurrentHealthy() == 3);
        assertThat(pdb.getStatus().getExpectedPods()).isEqualTo(4);
        assertThat(pdb.getStatus().getDesiredHealthy()).isEqualTo(2);
        assertThat(pdb.getStatus().getDisruptionsAllowed()).isEqualTo(1);
    }

    @Test
    void aPercentageOverPodsOfAKindWithoutScaleFailsTheSyncAndAllowsNothing() {
        Job job = cluster.create(ns, Job.class, """
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"batch"},"spec":{"template":{"spec":{
                 "restartPolicy":"Never","containers":[{"name":"c","image":"busybox"}]}}}}
                """);
        pod("a", ",\"ownerReferences\":[{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"name\":\"batch\",\"uid\":\""
                + job.getMetadata().getUid() + "\",\"controller\":true}]");
        budget("web", "\"minAvailable\":\"50%\",\"selector\":{\"matchLabels\":{\"app\":\"web\"}}");
        PodDisruptionBudget pdb = cluster.await(PodDisruptionBudget.class, ns, "web",
                p -> !p.getStatus().getConditions().isEmpty());
        assertThat(allowedCondition(pdb)).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo("SyncFailed");
            assertThat(c.getMessage()).isEqualTo("jobs.batch does not implement the scale subresource");
        });
        assertThat(pdb.getStatus().getDisruptionsAllowed()).isZero();
    }

    @Test
    void unmanagedPodsUnderAPercentageAreReported() {
        pod("a", "");
        budget("web", "\"maxUnavailable\":\"50%\",\"selector\":{\"matchLabels\":{\"app\":\"web\"}}");
        assertThat(cluster.awaitEvent(ns, "web", "UnmanagedPods")).isEqualTo("Pods selected by this "
                + "PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},"
                + "MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status "
                + "of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for "
                + "these pods please set \".spec.minAvailable\" field of the PDB to an integer value.");
    }

    @Test
    void aPodUnderTwoBudgetsCannotBeEvictedAndABudgetWithNoPodsSaysSo() {
        Pod a = pod("a", "");
        budget("one", "\"maxUnavailable\":1,\"selector\":{\"matchLabels\":{\"app\":\"web\"}}");
        budget("two", "\"minAvailable\":0,\"selector\":{\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"Exists\"}]}");
        budget("none", "\"minAvailable\":1,\"selector\":{\"matchLabels\":{\"app\":\"db\"}}");
        await("one", s -> s.getCurrentHealthy() == 1);
        await("two", s -> s.getCurrentHealthy() == 1);
        Status refused = refusal(a);
        assertThat(refused.getCode()).isEqualTo(500);
        assertThat(refused.getReason()).isNull();
        assertThat(refused.getMessage())
                .isEqualTo("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.");
        assertThat(cluster.awaitEvent(ns, "none", "NoPods")).isEqualTo("No matching pods found");
    }

    @Test
    void unreadyPodsGoWhenTheBudgetIsWholeAndAnUnobservedSpecRefusesEvictions() {
        pod("a", "");
        pod("b", "");
        cluster.create(ns, Pod.class, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"starting","labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"c","image":"nginx"}]}}
                """);
        cluster.store(Pod.class).update(ns, "starting", "status", current -> {
            current.getStatus().setPhase("Running");
            return current;
        }, WriteOptions.DEFAULT);
        budget("web", "\"minAvailable\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}}");
        await("web", s -> s.getCurrentHealthy() == 2 && s.getExpectedPods() == 3);
        assertThat(evictions.admit(cluster.get(Pod.class, ns, "starting"), false))
                .isEqualTo(EvictionBudget.Verdict.DELETE_IF_UNCHANGED);

        cluster.store(PodDisruptionBudget.class).update(ns, "web", null, p -> {
            p.getSpec().setMinAvailable(new IntOrString(1));
            return p;
        }, WriteOptions.DEFAULT);
        PodDisruptionBudget pdb = await("web", s -> s.getObservedGeneration() == 2);
        assertThat(pdb.getStatus().getDisruptionsAllowed()).isEqualTo(1);
        assertThat(pdb.getStatus().getConditions()).hasSize(1);
    }

    @Test
    void aDisruptionTargetConditionOnAPodNotDeletedIsTakenBackAfterTwoMinutes() {
        pod("kept", "");
        String now = cluster.now().toString();
        cluster.store(Pod.class).update(ns, "kept", "status", current -> {
            List<PodCondition> conditions = new java.util.ArrayList<>(current.getStatus().getConditions());
            conditions.add(new PodCondition(null, now, "Eviction API: evicting", null, "EvictionByEvictionAPI", "True",
                    "DisruptionTarget"));
            current.getStatus().setConditions(conditions);
            return current;
        }, WriteOptions.DEFAULT);
        cluster.advanceUntil(Duration.ofSeconds(10), Duration.ofMinutes(3), () -> "False".equals(
                target(cluster.get(Pod.class, ns, "kept")).getStatus()));
        PodCondition target = target(cluster.get(Pod.class, ns, "kept"));
        assertThat(target.getReason()).isEqualTo("EvictionByEvictionAPI");
        assertThat(java.time.Instant.parse(target.getLastTransitionTime()))
                .isAfterOrEqualTo(java.time.Instant.parse(now).plus(Duration.ofMinutes(2)));
    }

    private static PodCondition target(Pod pod) {
        return pod.getStatus().getConditions().stream().filter(c -> c.getType().equals("DisruptionTarget"))
                .findFirst().orElseThrow();
    }

    @Test
    void aBudgetWhoseSpecTheControllerHasNotSeenRefusesEvictions() {
        try (StoppedCluster alone = new StoppedCluster()) {
            alone.create("quiet", PodDisruptionBudget.class, """
                    {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"web"},
                     "spec":{"maxUnavailable":1,"selector":{"matchLabels":{"app":"web"}}}}""");
            Pod pod = alone.create("quiet", Pod.class, """
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"a","labels":{"app":"web"}},
                     "spec":{"containers":[{"name":"c","image":"nginx"}]}}""");
            alone.store(Pod.class).update("quiet", "a", "status", current -> {
                current.getStatus().setPhase("Running");
                current.getStatus().setConditions(List.of(new PodCondition(null, null, null, null, null, "True",
                        "Ready")));
                return current;
            }, WriteOptions.DEFAULT);
            EvictionBudget budget = new EvictionBudget(alone.registry, alone.time.clock());
            try {
                budget.admit(alone.get(Pod.class, "quiet", pod.getMetadata().getName()), false);
                throw new AssertionError("admitted");
            } catch (StatusException e) {
                assertThat(e.code()).isEqualTo(429);
                assertThat(e.status().getDetails().getCauses()).singleElement().satisfies(c -> assertThat(
                        c.getMessage()).isEqualTo("The disruption budget web is still being processed by the server."));
            }
        }
    }
}

package io.kubeling.controllers.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/** The default preemption's choices: which pods on which node make room for a pod of higher priority. */
class PreemptionTest {

    private final SchedulingAlgorithm algorithm = new SchedulingAlgorithm(new Random(1));

    private static Pod pod(String name, int priority, String cpu, String started, String app) {
        return new PodBuilder(Fixtures.podRequesting(cpu, "1Gi")).editMetadata().withName(name)
                .withLabels(Map.of("app", app)).endMetadata()
                .editSpec().withPriority(priority).endSpec()
                .withNewStatus().withPhase("Running").withStartTime(started).endStatus().build();
    }

    private static NodeInfo holding(String node, List<Pod> pods) {
        NodeInfo info = NodeInfo.empty(Fixtures.node(node, "4", "16Gi", 110));
        for (Pod p : pods) {
            info = info.with(PodRequests.of(p));
        }
        return info;
    }

    private static PodDisruptionBudget budget(String app, int allowed) {
        return new PodDisruptionBudgetBuilder().withNewMetadata().withName(app).withNamespace("ns").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", app).endSelector().endSpec()
                .withNewStatus().withDisruptionsAllowed(allowed).endStatus().build();
    }

    private static List<String> names(List<Pod> pods) {
        return pods.stream().map(p -> p.getMetadata().getName()).toList();
    }

    @Test
    void theLeastImportantPodsGoAndTheOthersAreReprieved() {
        List<Pod> onA = List.of(pod("keep-high", 10, "1", "2026-01-01T00:00:00Z", "x"),
                pod("keep-mid", 5, "1", "2026-01-01T00:00:00Z", "x"),
                pod("lowest", 1, "1", "2026-01-01T00:00:00Z", "x"));
        Pod preemptor = new PodBuilder(Fixtures.podRequesting("2", "1Gi")).editSpec().withPriority(100).endSpec()
                .build();
        SchedulingAlgorithm.Decision decision = algorithm.schedule(preemptor, List.of(holding("a", onA)),
                node -> onA, List.of());
        assertThat(decision.node()).isNull();
        assertThat(decision.failure()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
        assertThat(decision.victims().node()).isEqualTo("a");
        assertThat(names(decision.victims().pods())).containsExactly("lowest");
    }

    @Test
    void aPodItsBudgetProtectsIsReprievedBeforeOneItDoesNot() {
        List<Pod> onA = List.of(pod("unprotected", 5, "2", "2026-01-01T00:00:00Z", "free"),
                pod("protected", 5, "2", "2026-01-01T00:10:00Z", "guarded"));
        Pod preemptor = new PodBuilder(Fixtures.podRequesting("2", "1Gi")).editSpec().withPriority(100).endSpec()
                .build();
        SchedulingAlgorithm.Decision unbudgeted = algorithm.schedule(preemptor, List.of(holding("a", onA)),
                node -> onA, List.of());
        assertThat(names(unbudgeted.victims().pods())).as("the later started goes").containsExactly("protected");
        SchedulingAlgorithm.Decision budgeted = algorithm.schedule(preemptor, List.of(holding("a", onA)),
                node -> onA, List.of(budget("guarded", 0)));
        assertThat(names(budgeted.victims().pods())).containsExactly("unprotected");
        assertThat(budgeted.victims().violations()).isZero();
    }

    @Test
    void theNodeWithTheLeastImportantVictimsIsChosen() {
        List<Pod> onA = List.of(pod("a-pod", 50, "3", "2026-01-01T00:00:00Z", "x"));
        List<Pod> onB = List.of(pod("b-pod", 20, "3", "2026-01-01T00:00:00Z", "x"));
        Pod preemptor = new PodBuilder(Fixtures.podRequesting("2", "1Gi")).editSpec().withPriority(100).endSpec()
                .build();
        Map<String, List<Pod>> pods = Map.of("a", onA, "b", onB);
        SchedulingAlgorithm.Decision decision = algorithm.schedule(preemptor,
                List.of(holding("a", onA), holding("b", onB)), pods::get, List.of());
        assertThat(decision.victims().node()).isEqualTo("b");
        assertThat(names(decision.victims().pods())).containsExactly("b-pod");
    }

    @Test
    void withoutLowerPriorityPodsOrRoomPreemptionSaysWhy() {
        List<Pod> onA = List.of(pod("equal", 100, "3", "2026-01-01T00:00:00Z", "x"));
        List<Pod> onB = List.of(pod("small", 1, "1", "2026-01-01T00:00:00Z", "x"));
        Pod preemptor = new PodBuilder(Fixtures.podRequesting("8", "1Gi")).editSpec().withPriority(100).endSpec()
                .build();
        Map<String, List<Pod>> pods = Map.of("a", onA, "b", onB);
        SchedulingAlgorithm.Decision decision = algorithm.schedule(preemptor,
                List.of(holding("a", onA), holding("b", onB)), pods::get, List.of());
        assertThat(decision.victims()).isNull();
        assertThat(decision.failure()).isEqualTo("0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 "
                + "nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod.");
    }

    @Test
    void aPodWaitingForItsVictimsToGoDoesNotPreemptAgain() {
        Pod leaving = new PodBuilder(pod("leaving", 1, "3", "2026-01-01T00:00:00Z", "x")).editMetadata()
                .withDeletionTimestamp("2026-01-01T00:20:00Z").endMetadata().editStatus()
                .addNewCondition().withType("DisruptionTarget").withStatus("True")
                .withReason("PreemptionByScheduler").endCondition().endStatus().build();
        List<Pod> onA = List.of(leaving);
        Pod preemptor = new PodBuilder(Fixtures.podRequesting("2", "1Gi")).editSpec().withPriority(100).endSpec()
                .withNewStatus().withNominatedNodeName("a").endStatus().build();
        SchedulingAlgorithm.Decision decision = algorithm.schedule(preemptor, List.of(holding("a", onA)),
                node -> onA, List.of());
        assertThat(decision.failure()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu. preemption: not "
                + "eligible due to a terminating pod on the nominated node.");
    }
}

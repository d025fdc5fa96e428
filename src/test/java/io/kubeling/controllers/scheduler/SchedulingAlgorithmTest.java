package io.kubeling.controllers.scheduler;

import static io.kubeling.controllers.scheduler.Fixtures.info;
import static io.kubeling.controllers.scheduler.Fixtures.node;
import static io.kubeling.controllers.scheduler.Fixtures.podRequesting;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SchedulingAlgorithmTest {

    private final SchedulingAlgorithm algorithm = new SchedulingAlgorithm(new Random(1));

    @Test
    void theLeastLoadedFeasibleNodeWins() {
        List<NodeInfo> nodes = List.of(info(node("busy"), "3", "12Gi", 5), info(node("idle")),
                info(node("tiny", "500m", "1Gi", 110)));
        SchedulingAlgorithm.Decision decision = algorithm.schedule(podRequesting("1", "1Gi"), nodes);
        assertThat(decision.node()).isEqualTo("idle");
        assertThat(decision.failure()).isNull();
    }

    @Test
    void whenNothingFitsTheFailureNamesEveryNode() {
        List<NodeInfo> nodes = List.of(info(node("a", "1", "1Gi", 110)), info(node("b", "1", "1Gi", 110)));
        SchedulingAlgorithm.Decision decision = algorithm.schedule(podRequesting("2", "512Mi"), nodes);
        assertThat(decision.node()).isNull();
        assertThat(decision.failure()).isEqualTo("0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes "
                + "are available: 2 No preemption victims found for incoming pod.");
    }

    @Test
    void aLargeClusterScoresTheShareOfNodesKubeScores() {
        assertThat(SchedulingAlgorithm.feasibleNodesToFind(3)).isEqualTo(3);
        assertThat(SchedulingAlgorithm.feasibleNodesToFind(99)).isEqualTo(99);
        assertThat(SchedulingAlgorithm.feasibleNodesToFind(100)).isEqualTo(100);
        assertThat(SchedulingAlgorithm.feasibleNodesToFind(150)).isEqualTo(100);
        assertThat(SchedulingAlgorithm.feasibleNodesToFind(1000)).isEqualTo(420);
        assertThat(SchedulingAlgorithm.feasibleNodesToFind(5000)).isEqualTo(500);
        assertThat(SchedulingAlgorithm.feasibleNodesToFind(10000)).isEqualTo(500);
    }

    @Test
    void aPodBoundByNameToANodeIsPlacedThereAndLeavesWhereTheNextDecisionStartsAsItWas() {
        List<NodeInfo> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            nodes.add(info(node(String.format("node-%04d", i))));
        }
        io.fabric8.kubernetes.api.model.Pod daemon = boundTo(podRequesting("100m", "64Mi"), "node-0700");
        assertThat(algorithm.schedule(daemon, nodes).node()).isEqualTo("node-0700");
        assertThat(algorithm.schedule(podRequesting("100m", "64Mi"), nodes).node()).isBetween("node-0000",
                "node-0419");

        io.fabric8.kubernetes.api.model.Pod tooBig = boundTo(podRequesting("8", "64Mi"), "node-0700");
        assertThat(algorithm.schedule(tooBig, nodes).failure()).startsWith("0/1000 nodes are available: "
                + "1 Insufficient cpu, 999 node(s) didn't match Pod's node affinity/selector.");
    }

    @Test
    void onlyTermsThatAllNameNodesBoundTheSearch() {
        io.fabric8.kubernetes.api.model.Pod pod = boundTo(podRequesting("100m", "64Mi"), "a");
        assertThat(NodeNames.required(pod)).containsExactly("a");
        pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().add(new io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder()
                        .addNewMatchExpression().withKey("zone").withOperator("In").withValues("z1").endMatchExpression()
                        .build());
        assertThat(NodeNames.required(pod)).isNull();
        assertThat(NodeNames.required(podRequesting("100m", "64Mi"))).isNull();
    }

    /** A DaemonSet pod's affinity: required, matchFields metadata.name In [node]. */
    private static io.fabric8.kubernetes.api.model.Pod boundTo(io.fabric8.kubernetes.api.model.Pod pod, String node) {
        pod.getSpec().setAffinity(new io.fabric8.kubernetes.api.model.AffinityBuilder().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchField().withKey("metadata.name").withOperator("In")
                .withValues(node).endMatchField().endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build());
        return pod;
    }

    @Test
    void eachDecisionLooksOnWhereTheLastStopped() {
        List<NodeInfo> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            nodes.add(info(node(String.format("node-%04d", i))));
        }
        String first = algorithm.schedule(podRequesting("100m", "64Mi"), nodes).node();
        String second = algorithm.schedule(podRequesting("100m", "64Mi"), nodes).node();
        String third = algorithm.schedule(podRequesting("100m", "64Mi"), nodes).node();
        assertThat(first).isBetween("node-0000", "node-0419");
        assertThat(second).isBetween("node-0420", "node-0839");
        // from node 840 round to node 259
        assertThat(third).matches(n -> n.compareTo("node-0840") >= 0 || n.compareTo("node-0259") <= 0, "wrapped");
    }

    @Test
    void withNoFeasibleNodeEveryNodeIsLookedAt() {
        List<NodeInfo> nodes = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            nodes.add(info(node("n" + i, "1", "1Gi", 110)));
        }
        algorithm.schedule(podRequesting("100m", "64Mi"), nodes);
        SchedulingAlgorithm.Decision decision = algorithm.schedule(podRequesting("2", "512Mi"), nodes);
        assertThat(decision.failure()).startsWith("0/300 nodes are available: 300 Insufficient cpu.");
    }
}

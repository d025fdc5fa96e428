package io.kubeling.controllers.scheduler;

import static io.kubeling.controllers.scheduler.Fixtures.info;
import static io.kubeling.controllers.scheduler.Fixtures.node;
import static io.kubeling.controllers.scheduler.Fixtures.pod;
import static io.kubeling.controllers.scheduler.Fixtures.podRequesting;
import static io.kubeling.controllers.scheduler.Fixtures.taint;
import static io.kubeling.controllers.scheduler.Fixtures.tainted;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;

class ScoresTest {

    private static long score(Score score, Pod pod, NodeInfo node) {
        return score.score(pod, PodRequests.of(pod), node);
    }

    @Test
    void leastAllocatedFavoursFreeRoomCountingDefaultsForPodsThatAskNothing() {
        Score least = new LeastAllocatedScore();
        // 4 cpu, 8Gi: 1 cpu and 2Gi asked leave 75% of each
        assertThat(score(least, podRequesting("1", "2Gi"), info(node("n", "4", "8Gi", 110)))).isEqualTo(75);
        // half used already: (4-3)/4 = 25, (8-6)/8 = 25
        assertThat(score(least, podRequesting("1", "2Gi"), info(node("n", "4", "8Gi", 110), "2", "4Gi", 2)))
                .isEqualTo(25);
        // 100m and 200Mi count for a pod without requests: cpu (1000-100)*100/1000 = 90, memory (1000Mi-200Mi) = 80
        assertThat(score(least, pod().build(), info(node("n", "1", "1000Mi", 110)))).isEqualTo(85);
        assertThat(least.weight()).isEqualTo(1);
    }

    @Test
    void balancedAllocationFavoursEvenShares() {
        Score balanced = new BalancedAllocationScore();
        assertThat(score(balanced, podRequesting("2", "4Gi"), info(node("n", "4", "8Gi", 110)))).isEqualTo(100);
        // cpu 1.0, memory 0.25: deviation 0.375
        assertThat(score(balanced, podRequesting("4", "2Gi"), info(node("n", "4", "8Gi", 110)))).isEqualTo(62);
        assertThat(score(balanced, pod().build(), info(node("n")))).isZero();
    }

    @Test
    void taintTolerationPrefersFewerPreferNoScheduleTaints() {
        Score taints = new TaintTolerationScore();
        Pod pod = pod().build();
        long[] scores = {score(taints, pod, info(node("clean"))),
                score(taints, pod, info(tainted("one", taint("a", null, "PreferNoSchedule")))),
                score(taints, pod, info(tainted("two", taint("a", null, "PreferNoSchedule"),
                        taint("b", null, "PreferNoSchedule"))))};
        taints.normalize(scores);
        assertThat(scores).containsExactly(100L, 50L, 0L);
        assertThat(taints.weight()).isEqualTo(3);
    }

    @Test
    void nodeAffinityAddsTheWeightsOfMatchedPreferences() {
        Score affinity = new NodeAffinityScore();
        NodeSelectorTerm ssd = new NodeSelectorTerm();
        ssd.setMatchExpressions(List.of(new NodeSelectorRequirement("kubernetes.io/hostname", "In", List.of("a"))));
        Pod pod = pod().editSpec().withNewAffinity().withNewNodeAffinity()
                .withPreferredDuringSchedulingIgnoredDuringExecution(new PreferredSchedulingTerm(ssd, 20))
                .endNodeAffinity().endAffinity().endSpec().build();
        long[] scores = {score(affinity, pod, info(node("a"))), score(affinity, pod, info(node("b")))};
        assertThat(scores).containsExactly(20L, 0L);
        affinity.normalize(scores);
        assertThat(scores).containsExactly(100L, 0L);
    }
}

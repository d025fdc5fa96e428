package io.kubeling.controllers.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FailureMessageTest {

    /** The FitError's text, then what preemption concludes on nodes without pods to preempt. */
    private static String message(Map<String, FilterResult> statuses, boolean never) {
        if (statuses.isEmpty()) {
            return FailureMessage.NO_NODES;
        }
        var pod = Fixtures.pod().editSpec().withPreemptionPolicy(never ? "Never" : null).endSpec().build();
        List<NodeInfo> nodes = statuses.keySet().stream().map(n -> Fixtures.info(Fixtures.node(n))).toList();
        Preemption.Outcome outcome = Preemption.evaluate(pod, statuses, nodes, n -> List.of(), List.of());
        return FailureMessage.histogram(statuses.size(), FailureMessage.reasons(statuses)) + " preemption: "
                + outcome.failure();
    }

    @Test
    void reasonsAreCountedAndSortedAsStringsThenPreemptionSpeaks() {
        Map<String, FilterResult> statuses = new LinkedHashMap<>();
        statuses.put("a", FilterResult.unresolvable("node(s) didn't match Pod's node affinity/selector"));
        statuses.put("b", FilterResult.unresolvable("node(s) had untolerated taint {key: value}"));
        statuses.put("c", FilterResult.unresolvable("node(s) didn't match Pod's node affinity/selector"));
        assertThat(message(statuses, false)).isEqualTo("0/3 nodes are available: 1 node(s) had untolerated "
                + "taint {key: value}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are "
                + "available: 3 Preemption is not helpful for scheduling.");
    }

    @Test
    void resourceShortagesLeavePreemptionWithoutVictims() {
        Map<String, FilterResult> statuses = new LinkedHashMap<>();
        statuses.put("a", FilterResult.unschedulable(List.of("Insufficient cpu", "Insufficient memory")));
        statuses.put("b", FilterResult.unschedulable(List.of("Insufficient cpu")));
        assertThat(message(statuses, false)).isEqualTo("0/2 nodes are available: 1 Insufficient memory, "
                + "2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for "
                + "incoming pod.");
        assertThat(message(statuses, true)).endsWith(
                "preemption: not eligible due to preemptionPolicy=Never.");
    }

    @Test
    void noNodesAtAll() {
        assertThat(message(Map.of(), false)).isEqualTo("no nodes available to schedule pods");
    }
}

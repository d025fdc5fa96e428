package io.kubeling.controllers.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FailureMessageTest {

    @Test
    void reasonsAreCountedAndSortedAsStringsThenPreemptionSpeaks() {
        Map<String, FilterResult> statuses = new LinkedHashMap<>();
        statuses.put("a", FilterResult.unresolvable("node(s) didn't match Pod's node affinity/selector"));
        statuses.put("b", FilterResult.unresolvable("node(s) had untolerated taint {key: value}"));
        statuses.put("c", FilterResult.unresolvable("node(s) didn't match Pod's node affinity/selector"));
        assertThat(FailureMessage.of(statuses, false)).isEqualTo("0/3 nodes are available: 1 node(s) had untolerated "
                + "taint {key: value}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are "
                + "available: 3 Preemption is not helpful for scheduling.");
    }

    @Test
    void resourceShortagesLeavePreemptionWithoutVictims() {
        Map<String, FilterResult> statuses = new LinkedHashMap<>();
        statuses.put("a", FilterResult.unschedulable(List.of("Insufficient cpu", "Insufficient memory")));
        statuses.put("b", FilterResult.unschedulable(List.of("Insufficient cpu")));
        assertThat(FailureMessage.of(statuses, false)).isEqualTo("0/2 nodes are available: 1 Insufficient memory, "
                + "2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for "
                + "incoming pod.");
        assertThat(FailureMessage.of(statuses, true)).endsWith(
                "preemption: not eligible due to preemptionPolicy=Never.");
    }

    @Test
    void noNodesAtAll() {
        assertThat(FailureMessage.of(Map.of(), false)).isEqualTo("no nodes available to schedule pods");
    }
}

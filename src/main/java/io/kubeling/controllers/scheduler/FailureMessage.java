package io.kubeling.controllers.scheduler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * kube-scheduler's FitError text: {@code 0/N nodes are available: } then each reason with how many
 * nodes gave it, sorted as strings, then what preemption concluded.
 */
final class FailureMessage {

    static final String NO_NODES = "no nodes available to schedule pods";
    static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
    static final String NO_VICTIMS = "No preemption victims found for incoming pod";

    private FailureMessage() {
    }

    /** How many nodes gave each reason. */
    static Map<String, Integer> reasons(Map<String, FilterResult> statuses) {
        Map<String, Integer> reasons = new TreeMap<>();
        for (FilterResult result : statuses.values()) {
            for (String reason : result.reasons()) {
                reasons.merge(reason, 1, Integer::sum);
            }
        }
        return reasons;
    }

    /** A PreFilter's refusal, which holds for every node: its reason once, then what preemption concluded. */
    static String preFilter(int nodes, String reason, boolean preemptionNever) {
        if (nodes == 0) {
            return NO_NODES;
        }
        String postFilter = preemptionNever ? "not eligible due to preemptionPolicy=Never."
                : histogram(nodes, Map.of(NOT_HELPFUL, nodes));
        return "0/" + nodes + " nodes are available: " + reason + ". preemption: " + postFilter;
    }

    static String histogram(int nodes, Map<String, Integer> reasons) {
        List<String> counted = new ArrayList<>();
        reasons.forEach((reason, count) -> counted.add(count + " " + reason));
        Collections.sort(counted);
        return "0/" + nodes + " nodes are available: " + String.join(", ", counted) + ".";
    }
}

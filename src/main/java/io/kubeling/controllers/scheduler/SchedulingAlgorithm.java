package io.kubeling.controllers.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * One scheduling decision, as kube-scheduler's default profile makes it: each node runs the filters
 * in plugin order until one rejects it; the feasible nodes are scored by each score plugin,
 * normalized and weighted; the best wins, ties broken at random.
 */
final class SchedulingAlgorithm {

    static final List<Filter> FILTERS = List.of(new NodeUnschedulableFilter(), new NodeNameFilter(),
            new TaintTolerationFilter(), new NodeAffinityFilter(), new NodePortsFilter(), new NodeResourcesFitFilter());
    static final List<Score> SCORES = List.of(new TaintTolerationScore(), new NodeAffinityScore(),
            new LeastAllocatedScore(), new BalancedAllocationScore());

    /** The chosen node, or why none fits. */
    record Decision(String node, String failure) {
    }

    private final Random random;

    SchedulingAlgorithm(Random random) {
        this.random = random;
    }

    Decision schedule(Pod pod, List<NodeInfo> nodes) {
        PodRequests requests = PodRequests.of(pod);
        Map<String, FilterResult> rejected = new LinkedHashMap<>();
        List<NodeInfo> feasible = new ArrayList<>();
        for (NodeInfo node : nodes) {
            FilterResult result = FilterResult.FITS;
            for (Filter filter : FILTERS) {
                result = filter.filter(pod, requests, node);
                if (!result.fits()) {
                    break;
                }
            }
            if (result.fits()) {
                feasible.add(node);
            } else {
                rejected.put(node.name(), result);
            }
        }
        if (feasible.isEmpty()) {
            return new Decision(null, FailureMessage.of(rejected, "Never".equals(pod.getSpec().getPreemptionPolicy())));
        }
        if (feasible.size() == 1) {
            return new Decision(feasible.get(0).name(), null);
        }
        Map<String, Long> total = new HashMap<>();
        for (Score score : SCORES) {
            Map<String, Long> scores = new HashMap<>();
            for (NodeInfo node : feasible) {
                scores.put(node.name(), score.score(pod, requests, node));
            }
            score.normalize(scores);
            scores.forEach((node, value) -> total.merge(node, value * score.weight(), Long::sum));
        }
        String best = null;
        long bestScore = Long.MIN_VALUE;
        int ties = 0;
        for (NodeInfo node : feasible) {
            long value = total.get(node.name());
            if (value > bestScore) {
                best = node.name();
                bestScore = value;
                ties = 1;
            } else if (value == bestScore && random.nextInt(++ties) == 0) {
                best = node.name();
            }
        }
        return new Decision(best, null);
    }
}

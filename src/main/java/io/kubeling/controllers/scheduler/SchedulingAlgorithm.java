package io.kubeling.controllers.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

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

    /** The chosen node, or why none fits and which pods preemption would evict to make room. */
    record Decision(String node, String failure, Preemption.Victims victims) {

        Decision(String node, String failure) {
            this(node, failure, null);
        }
    }

    private final Random random;

    SchedulingAlgorithm(Random random) {
        this.random = random;
    }

    /** A decision on nodes whose pods are unknown, where preemption finds no victims. */
    Decision schedule(Pod pod, List<NodeInfo> nodes) {
        return schedule(pod, nodes, node -> List.of(), List.of());
    }

    /** A decision that may preempt {@code podsOn} a node, within the disruption {@code budgets}. */
    Decision schedule(Pod pod, List<NodeInfo> nodes, Function<String, List<Pod>> podsOn,
            List<PodDisruptionBudget> budgets) {
        PodRequests requests = PodRequests.of(pod);
        Map<String, FilterResult> rejected = new LinkedHashMap<>();
        List<NodeInfo> feasible = new ArrayList<>();
        for (NodeInfo node : nodes) {
            FilterResult result = filter(pod, requests, node);
            if (result.fits()) {
                feasible.add(node);
            } else {
                rejected.put(node.name(), result);
            }
        }
        if (feasible.isEmpty()) {
            if (rejected.isEmpty()) {
                return new Decision(null, FailureMessage.NO_NODES);
            }
            Preemption.Outcome outcome = Preemption.evaluate(pod, rejected, nodes, podsOn, budgets);
            String fit = FailureMessage.histogram(rejected.size(), FailureMessage.reasons(rejected));
            return outcome.victims() != null ? new Decision(null, fit, outcome.victims())
                    : new Decision(null, fit + " preemption: " + outcome.failure());
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

    /** The filters in plugin order, up to the first that rejects the node. */
    static FilterResult filter(Pod pod, PodRequests requests, NodeInfo node) {
        FilterResult result = FilterResult.FITS;
        for (Filter filter : FILTERS) {
            result = filter.filter(pod, requests, node);
            if (!result.fits()) {
                break;
            }
        }
        return result;
    }
}

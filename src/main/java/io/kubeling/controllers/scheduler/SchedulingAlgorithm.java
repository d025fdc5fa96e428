package io.kubeling.controllers.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

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

    /** kube-scheduler's minFeasibleNodesToFind and minFeasibleNodesPercentageToFind. */
    private static final int MIN_FEASIBLE_NODES = 100;
    private static final int MIN_FEASIBLE_PERCENTAGE = 5;

    private final Random random;
    /** Where the next decision starts looking, so that every node gets its turn: kube's nextStartNodeIndex. */
    private int nextStart;

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
        return schedule(pod, nodes, podsOn, () -> budgets);
    }

    /** As above, with the budgets read only when preemption needs them. */
    Decision schedule(Pod pod, List<NodeInfo> nodes, Function<String, List<Pod>> podsOn,
            Supplier<List<PodDisruptionBudget>> budgets) {
        PodRequests requests = PodRequests.of(pod);
        int wanted = feasibleNodesToFind(nodes.size());
        Set<String> named = NodeNames.required(pod);
        if (named != null && named.size() < wanted) {
            // NodeAffinity's PreFilter: a pod bound by its affinity to nodes by name (a DaemonSet's pod) is looked at
            // on those nodes only, not filtered on every node of the cluster; where none fits, the full pass below
            // says why of every node, as before
            List<NodeInfo> feasible = new ArrayList<>();
            for (NodeInfo node : nodes) {
                if (named.contains(node.name()) && filter(pod, requests, node).fits()) {
                    feasible.add(node);
                }
            }
            if (!feasible.isEmpty()) {
                return best(pod, requests, feasible);
            }
        }
        Map<String, FilterResult> rejected = new LinkedHashMap<>();
        List<NodeInfo> feasible = new ArrayList<>();
        int start = nodes.isEmpty() ? 0 : Math.floorMod(nextStart, nodes.size());
        int processed = 0;
        for (int i = 0; i < nodes.size() && feasible.size() < wanted; i++) {
            NodeInfo node = nodes.get((start + i) % nodes.size());
            processed++;
            FilterResult result = filter(pod, requests, node);
            if (result.fits()) {
                feasible.add(node);
            } else {
                rejected.put(node.name(), result);
            }
        }
        nextStart = nodes.isEmpty() ? 0 : (start + processed) % nodes.size();
        if (feasible.isEmpty()) {
            if (rejected.isEmpty()) {
                return new Decision(null, FailureMessage.NO_NODES);
            }
            Preemption.Outcome outcome = Preemption.evaluate(pod, rejected, nodes, podsOn, budgets.get());
            String fit = FailureMessage.histogram(rejected.size(), FailureMessage.reasons(rejected));
            return outcome.victims() != null ? new Decision(null, fit, outcome.victims())
                    : new Decision(null, fit + " preemption: " + outcome.failure());
        }
        return best(pod, requests, feasible);
    }

    /** The feasible node the score plugins rate highest, ties broken at random. */
    private Decision best(Pod pod, PodRequests requests, List<NodeInfo> feasible) {
        if (feasible.size() == 1) {
            return new Decision(feasible.get(0).name(), null);
        }
        // scores by the node's place among the feasible ones: arrays, not maps by name, for some 400 nodes a pod
        long[] total = new long[feasible.size()];
        long[] scores = new long[feasible.size()];
        for (Score score : SCORES) {
            for (int i = 0; i < scores.length; i++) {
                scores[i] = score.score(pod, requests, feasible.get(i));
            }
            score.normalize(scores);
            for (int i = 0; i < scores.length; i++) {
                total[i] += scores[i] * score.weight();
            }
        }
        String best = null;
        long bestScore = Long.MIN_VALUE;
        int ties = 0;
        for (int i = 0; i < total.length; i++) {
            NodeInfo node = feasible.get(i);
            long value = total[i];
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

    /**
     * How many feasible nodes are enough to stop looking and score them, as kube-scheduler's numFeasibleNodesToFind
     * with percentageOfNodesToScore left at its default: every node of a cluster under 100 nodes, else a share
     * falling from 50% with the cluster's size (42% of 1,000 nodes, 10% of 5,000), at least 5% and 100 nodes.
     */
    static int feasibleNodesToFind(int allNodes) {
        if (allNodes < MIN_FEASIBLE_NODES) {
            return allNodes;
        }
        int percentage = Math.max(MIN_FEASIBLE_PERCENTAGE, 50 - allNodes / 125);
        return Math.max(MIN_FEASIBLE_NODES, allNodes * percentage / 100);
    }

    /** The filters in plugin order, up to the first that rejects the node. */
    static FilterResult filter(Pod pod, PodRequests requests, NodeInfo node) {
        FilterResult result = FilterResult.FITS;
        // by index: an iterator for each of some 400 nodes a pod is garbage the C1-compiled server does not elide
        for (int i = 0; i < FILTERS.size(); i++) {
            result = FILTERS.get(i).filter(pod, requests, node);
            if (!result.fits()) {
                break;
            }
        }
        return result;
    }
}

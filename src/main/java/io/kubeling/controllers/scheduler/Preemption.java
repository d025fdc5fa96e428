package io.kubeling.controllers.scheduler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.kubeling.registry.Timestamps;
import io.kubeling.resources.common.LabelSelectors;

/**
 * kube-scheduler's DefaultPreemption post-filter: on each node whose failure preemption could cure, the pods of
 * lower priority are taken off; if the pod then fits, the most important of them are put back one by one (those
 * whose disruption budget forbids their eviction first) while it still fits, and the rest are the node's victims.
 * The node with the fewest budget violations, then the lowest highest victim priority, the lowest sum of priorities,
 * the fewest victims and the latest start of its highest-priority victims is chosen.
 */
final class Preemption {

    static final String NEVER = "not eligible due to preemptionPolicy=Never.";
    static final String TERMINATING = "not eligible due to a terminating pod on the nominated node.";
    static final String PREEMPTION_BY_SCHEDULER = "PreemptionByScheduler";

    /** The victims on the chosen node and how many of them a disruption budget protects. */
    record Victims(String node, List<Pod> pods, int violations) {
    }

    /** Either victims on a node, or why preemption found none (the text after {@code preemption: }). */
    record Outcome(Victims victims, String failure) {
    }

    private Preemption() {
    }

    static Outcome evaluate(Pod pod, Map<String, FilterResult> rejected, List<NodeInfo> nodes,
            Function<String, List<Pod>> podsOn, List<PodDisruptionBudget> budgets) {
        if ("Never".equals(pod.getSpec().getPreemptionPolicy())) {
            return new Outcome(null, NEVER);
        }
        int priority = priority(pod);
        String nominated = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        if (nominated != null && !nominated.isEmpty() && rejected.containsKey(nominated)
                && !rejected.get(nominated).unresolvable()) {
            for (Pod p : podsOn.apply(nominated)) {
                if (priority(p) < priority && terminatingByPreemption(p)) {
                    return new Outcome(null, TERMINATING);
                }
            }
        }
        PodRequests requests = PodRequests.of(pod);
        Map<String, Integer> reasons = new TreeMap<>();
        List<Victims> candidates = new ArrayList<>();
        for (NodeInfo node : nodes) {
            FilterResult status = rejected.get(node.name());
            if (status == null) {
                continue;
            }
            if (status.unresolvable()) {
                reasons.merge(FailureMessage.NOT_HELPFUL, 1, Integer::sum);
                continue;
            }
            Object selected = selectVictims(pod, requests, priority, node, podsOn.apply(node.name()), budgets);
            if (selected instanceof Victims victims) {
                candidates.add(victims);
            } else {
                for (String reason : ((FilterResult) selected).reasons()) {
                    reasons.merge(reason, 1, Integer::sum);
                }
            }
        }
        if (candidates.isEmpty()) {
            return new Outcome(null, FailureMessage.histogram(rejected.size(), reasons));
        }
        return new Outcome(pick(candidates), null);
    }

    /** SelectVictimsOnNode: the victims, or the status that says why there are none. */
    private static Object selectVictims(Pod pod, PodRequests requests, int priority, NodeInfo node, List<Pod> onNode,
            List<PodDisruptionBudget> budgets) {
        List<Pod> potential = new ArrayList<>();
        NodeInfo state = node;
        for (Pod p : onNode) {
            if (priority(p) < priority && p.getMetadata().getDeletionTimestamp() == null) {
                potential.add(p);
                state = state.without(PodRequests.of(p));
            }
        }
        if (potential.isEmpty()) {
            return FilterResult.unresolvable(FailureMessage.NO_VICTIMS);
        }
        FilterResult fit = SchedulingAlgorithm.filter(pod, requests, state);
        if (!fit.fits()) {
            return fit;
        }
        potential.sort(MORE_IMPORTANT);
        List<Pod> violating = new ArrayList<>();
        List<Pod> nonViolating = new ArrayList<>();
        splitByBudgets(potential, budgets, violating, nonViolating);
        List<Pod> victims = new ArrayList<>();
        int violations = 0;
        for (Pod p : violating) {
            NodeInfo back = state.with(PodRequests.of(p));
            if (SchedulingAlgorithm.filter(pod, requests, back).fits()) {
                state = back;
            } else {
                victims.add(p);
                violations++;
            }
        }
        for (Pod p : nonViolating) {
            NodeInfo back = state.with(PodRequests.of(p));
            if (SchedulingAlgorithm.filter(pod, requests, back).fits()) {
                state = back;
            } else {
                victims.add(p);
            }
        }
        return new Victims(node.name(), victims, violations);
    }

    /** filterPodsWithPDBViolation: a pod whose budget has no disruption left for it violates it. */
    private static void splitByBudgets(List<Pod> pods, List<PodDisruptionBudget> budgets, List<Pod> violating,
            List<Pod> nonViolating) {
        int[] allowed = new int[budgets.size()];
        for (int i = 0; i < budgets.size(); i++) {
            PodDisruptionBudget b = budgets.get(i);
            allowed[i] = b.getStatus() == null || b.getStatus().getDisruptionsAllowed() == null ? 0
                    : b.getStatus().getDisruptionsAllowed();
        }
        for (Pod pod : pods) {
            boolean violated = false;
            Map<String, String> labels = pod.getMetadata().getLabels();
            if (labels != null && !labels.isEmpty()) {
                for (int i = 0; i < budgets.size(); i++) {
                    PodDisruptionBudget b = budgets.get(i);
                    LabelSelector selector = b.getSpec() == null ? null : b.getSpec().getSelector();
                    if (!b.getMetadata().getNamespace().equals(pod.getMetadata().getNamespace()) || selector == null
                            || LabelSelectors.isEmpty(selector) || !LabelSelectors.matches(selector, labels)) {
                        continue;
                    }
                    if (b.getStatus() != null && b.getStatus().getDisruptedPods() != null
                            && b.getStatus().getDisruptedPods().containsKey(pod.getMetadata().getName())) {
                        continue;
                    }
                    if (--allowed[i] < 0) {
                        violated = true;
                    }
                }
            }
            (violated ? violating : nonViolating).add(pod);
        }
    }

    /** pickOneNodeForPreemption. */
    private static Victims pick(List<Victims> candidates) {
        List<Comparator<Victims>> rules = List.of(
                Comparator.comparingInt(Victims::violations),
                Comparator.comparingInt(v -> priority(v.pods().get(0))),
                Comparator.comparingLong(v -> v.pods().stream()
                        .mapToLong(p -> (long) priority(p) + Integer.MAX_VALUE + 1L).sum()),
                Comparator.comparingInt(v -> v.pods().size()),
                Comparator.comparing((Victims v) -> earliestStart(v)).reversed());
        List<Victims> left = candidates;
        for (Comparator<Victims> rule : rules) {
            Victims best = left.stream().min(rule).orElseThrow();
            List<Victims> tied = left.stream().filter(v -> rule.compare(v, best) == 0).toList();
            if (tied.size() == 1) {
                return tied.get(0);
            }
            left = tied;
        }
        return left.get(0);
    }

    /** GetEarliestPodStartTime: the earliest start among the victims of the highest priority. */
    private static Instant earliestStart(Victims v) {
        int highest = priority(v.pods().get(0));
        Instant earliest = null;
        for (Pod p : v.pods()) {
            if (priority(p) == highest) {
                Instant start = start(p);
                if (earliest == null || start.isBefore(earliest)) {
                    earliest = start;
                }
            }
        }
        return earliest;
    }

    /** MoreImportantPod: higher priority, then the one that started first. */
    static final Comparator<Pod> MORE_IMPORTANT = Comparator.comparingInt((Pod p) -> -priority(p))
            .thenComparing(Preemption::start);

    private static Instant start(Pod pod) {
        Instant start = pod.getStatus() == null ? null : Timestamps.parse(pod.getStatus().getStartTime());
        return start == null ? Instant.MAX : start;
    }

    static int priority(Pod pod) {
        return pod.getSpec().getPriority() == null ? 0 : pod.getSpec().getPriority();
    }

    private static boolean terminatingByPreemption(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() == null || pod.getStatus() == null
                || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("DisruptionTarget".equals(c.getType()) && PREEMPTION_BY_SCHEDULER.equals(c.getReason())) {
                return true;
            }
        }
        return false;
    }
}

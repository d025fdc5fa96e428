package io.kubeling.resources.poddisruptionbudgets;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.Timestamps;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.common.LabelSelectors;

/**
 * The budget check of kube's EvictionREST: the one PodDisruptionBudget selecting the pod must allow a disruption,
 * which the eviction takes (disruptionsAllowed down by one, the pod recorded in disruptedPods) before the pod goes;
 * otherwise 429 with the budget's numbers. A pod under two budgets is refused with kube's 500.
 */
public final class EvictionBudget {

    /** DisruptedPods entries past which kube stops admitting evictions the controller has not yet seen. */
    private static final int MAX_DISRUPTED_PODS = 2000;
    private static final String REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";
    private static final GroupResource BUDGET = new GroupResource("policy", "poddisruptionbudget");

    private final Registry registry;
    private final Clock clock;

    public EvictionBudget(Registry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** What the eviction may do next. */
    public enum Verdict {
        /** Delete the pod: no budget covers it, or one gave a disruption. */
        DELETE,
        /** Delete the pod only as it was read, unready, since a budget lets unready pods go while it is whole. */
        DELETE_IF_UNCHANGED
    }

    /** canIgnorePDB: pods that are finished, not yet running or already going disrupt nothing. */
    public static boolean exempt(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase) || "Pending".equals(phase)
                || pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** Checks the budget of a pod that is not {@link #exempt}, and takes a disruption from it unless dry run. */
    public Verdict admit(Pod pod, boolean dryRun) {
        List<PodDisruptionBudget> budgets = budgetsOf(pod);
        if (budgets.isEmpty()) {
            return Verdict.DELETE;
        }
        if (budgets.size() > 1) {
            throw Errors.error(500, null,
                    "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
                    null);
        }
        PodDisruptionBudget pdb = budgets.get(0);
        if (!ready(pod)) {
            PodDisruptionBudgetStatus s = status(pdb);
            if ("AlwaysAllow".equals(pdb.getSpec().getUnhealthyPodEvictionPolicy())
                    || (n(s.getCurrentHealthy()) >= n(s.getDesiredHealthy()) && n(s.getDesiredHealthy()) > 0)) {
                return Verdict.DELETE_IF_UNCHANGED;
            }
        }
        String ns = pod.getMetadata().getNamespace();
        String name = pdb.getMetadata().getName();
        if (dryRun) {
            decrement(registry.store(PodDisruptionBudget.class).get(ns, name), pod, true);
            return Verdict.DELETE;
        }
        registry.store(PodDisruptionBudget.class).update(ns, name, "status", current -> {
            decrement(current, pod, false);
            return current;
        }, WriteOptions.DEFAULT);
        return Verdict.DELETE;
    }

    /** checkAndDecrement: refuses unless the controller has seen the budget's spec and it allows a disruption. */
    private void decrement(PodDisruptionBudget pdb, Pod pod, boolean dryRun) {
        String name = pdb.getMetadata().getName();
        PodDisruptionBudgetStatus status = status(pdb);
        long observed = status.getObservedGeneration() == null ? 0 : status.getObservedGeneration();
        long generation = pdb.getMetadata().getGeneration() == null ? 0 : pdb.getMetadata().getGeneration();
        if (observed < generation) {
            throw tooManyRequests("The disruption budget " + name + " is still being processed by the server.");
        }
        int allowed = n(status.getDisruptionsAllowed());
        if (allowed < 0) {
            throw Errors.forbidden(BUDGET, name, "pdb disruptions allowed is negative");
        }
        Map<String, String> disrupted = status.getDisruptedPods() == null ? new HashMap<>()
                : new HashMap<>(status.getDisruptedPods());
        if (disrupted.size() > MAX_DISRUPTED_PODS) {
            throw Errors.forbidden(BUDGET, name,
                    "DisruptedPods map too big - too many evictions not confirmed by PDB controller");
        }
        if (allowed == 0) {
            throw tooManyRequests("The disruption budget " + name + " needs " + n(status.getDesiredHealthy())
                    + " healthy pods and has " + n(status.getCurrentHealthy()) + " currently");
        }
        if (dryRun) {
            return;
        }
        status.setDisruptionsAllowed(allowed - 1);
        if (allowed - 1 == 0) {
            DisruptionAllowedCondition.update(status, clock.instant());
        }
        disrupted.put(pod.getMetadata().getName(), Timestamps.format(clock.instant()));
        status.setDisruptedPods(disrupted);
        pdb.setStatus(status);
    }

    /** getPodDisruptionBudgets: budgets in the pod's namespace whose selector, neither missing nor empty, selects it. */
    private List<PodDisruptionBudget> budgetsOf(Pod pod) {
        ResourceStore<PodDisruptionBudget> store = registry.store(PodDisruptionBudget.class);
        Map<String, String> labels = pod.getMetadata().getLabels();
        return store.list(pod.getMetadata().getNamespace(), ListOptions.ALL).items().stream()
                .filter(pdb -> pdb.getSpec() != null && !LabelSelectors.isEmpty(pdb.getSpec().getSelector())
                        && LabelSelectors.matches(pdb.getSpec().getSelector(), labels))
                .toList();
    }

    private static StatusException tooManyRequests(String cause) {
        StatusDetails details = new StatusDetails();
        details.setCauses(List.of(new StatusCause(null, cause, "DisruptionBudget")));
        return Errors.error(429, "TooManyRequests", REFUSED, details);
    }

    private static boolean ready(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    private static PodDisruptionBudgetStatus status(PodDisruptionBudget pdb) {
        return pdb.getStatus() == null ? new PodDisruptionBudgetStatus() : pdb.getStatus();
    }

    private static int n(Integer v) {
        return Objects.requireNonNullElse(v, 0);
    }
}

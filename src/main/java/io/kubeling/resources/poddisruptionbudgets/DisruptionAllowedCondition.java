package io.kubeling.resources.poddisruptionbudgets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.kubeling.registry.Timestamps;

/** kube's pdb helpers: the DisruptionAllowed condition as the disruption controller and evictions keep it. */
public final class DisruptionAllowedCondition {

    public static final String TYPE = "DisruptionAllowed";
    public static final String SUFFICIENT_PODS = "SufficientPods";
    public static final String INSUFFICIENT_PODS = "InsufficientPods";
    public static final String SYNC_FAILED = "SyncFailed";

    private DisruptionAllowedCondition() {
    }

    /** UpdateDisruptionAllowedCondition: True with SufficientPods while disruptions are allowed, else False. */
    public static void update(PodDisruptionBudgetStatus status, Instant now) {
        Integer allowed = status.getDisruptionsAllowed();
        if (allowed != null && allowed > 0) {
            set(status, "True", SUFFICIENT_PODS, "", now);
        } else {
            set(status, "False", INSUFFICIENT_PODS, "", now);
        }
    }

    /** apimeta.SetStatusCondition: the transition time moves only when the status does. */
    public static void set(PodDisruptionBudgetStatus status, String value, String reason, String message, Instant now) {
        List<Condition> conditions = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
        Long generation = status.getObservedGeneration();
        for (int i = 0; i < conditions.size(); i++) {
            Condition c = conditions.get(i);
            if (TYPE.equals(c.getType())) {
                String since = value.equals(c.getStatus()) && c.getLastTransitionTime() != null
                        ? c.getLastTransitionTime() : Timestamps.format(now);
                conditions.set(i, new Condition(since, message, generation, reason, value, TYPE));
                status.setConditions(conditions);
                return;
            }
        }
        conditions.add(new Condition(Timestamps.format(now), message, generation, reason, value, TYPE));
        status.setConditions(conditions);
    }

    /** ConditionsAreUpToDate: the condition says what the status's count and generation say. */
    public static boolean upToDate(PodDisruptionBudget pdb) {
        PodDisruptionBudgetStatus status = pdb.getStatus();
        if (status == null || status.getConditions() == null) {
            return false;
        }
        Condition condition = status.getConditions().stream().filter(c -> TYPE.equals(c.getType())).findFirst()
                .orElse(null);
        if (condition == null || !java.util.Objects.equals(status.getObservedGeneration(),
                pdb.getMetadata().getGeneration())) {
            return false;
        }
        Integer allowed = status.getDisruptionsAllowed();
        if (allowed != null && allowed > 0) {
            return "True".equals(condition.getStatus()) && SUFFICIENT_PODS.equals(condition.getReason());
        }
        return "False".equals(condition.getStatus()) && INSUFFICIENT_PODS.equals(condition.getReason());
    }
}

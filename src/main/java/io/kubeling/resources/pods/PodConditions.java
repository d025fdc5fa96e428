package io.kubeling.resources.pods;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubeling.registry.Timestamps;

/** kube's podutil.UpdatePodCondition: replaces a condition, keeping its transition time unless its status changes. */
public final class PodConditions {

    private PodConditions() {
    }

    /** Puts {@code condition} into {@code status}; returns whether anything changed. */
    public static boolean update(PodStatus status, PodCondition condition, Instant now) {
        List<PodCondition> conditions = status.getConditions() == null ? new ArrayList<>()
                : new ArrayList<>(status.getConditions());
        condition.setLastTransitionTime(Timestamps.format(now));
        for (int i = 0; i < conditions.size(); i++) {
            PodCondition old = conditions.get(i);
            if (!Objects.equals(old.getType(), condition.getType())) {
                continue;
            }
            if (Objects.equals(old.getStatus(), condition.getStatus())) {
                condition.setLastTransitionTime(old.getLastTransitionTime());
            }
            boolean same = Objects.equals(old.getStatus(), condition.getStatus())
                    && Objects.equals(old.getReason(), condition.getReason())
                    && Objects.equals(old.getMessage(), condition.getMessage())
                    && Objects.equals(old.getLastProbeTime(), condition.getLastProbeTime());
            conditions.set(i, condition);
            status.setConditions(conditions);
            return !same;
        }
        conditions.add(condition);
        status.setConditions(conditions);
        return true;
    }

    public static PodCondition of(String type, String status, String reason, String message) {
        PodCondition condition = new PodCondition();
        condition.setType(type);
        condition.setStatus(status);
        condition.setReason(reason);
        condition.setMessage(message);
        return condition;
    }
}

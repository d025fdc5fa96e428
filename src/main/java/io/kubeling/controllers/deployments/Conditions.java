package io.kubeling.controllers.deployments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.kubeling.registry.Timestamps;

/** deploymentutil's condition helpers: a condition of the same status and reason stays as it was. */
final class Conditions {

    static final String PROGRESSING = "Progressing";
    static final String AVAILABLE = "Available";

    private Conditions() {
    }

    static DeploymentCondition get(DeploymentStatus status, String type) {
        for (DeploymentCondition c : status.getConditions()) {
            if (type.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }

    static DeploymentCondition condition(String type, String status, String reason, String message, Instant now) {
        String t = Timestamps.format(now);
        return new DeploymentCondition(t, t, message, reason, status, type);
    }

    /** SetDeploymentCondition. */
    static void set(DeploymentStatus status, DeploymentCondition condition) {
        DeploymentCondition current = get(status, condition.getType());
        if (current != null && current.getStatus().equals(condition.getStatus())
                && current.getReason().equals(condition.getReason())) {
            return;
        }
        if (current != null && current.getStatus().equals(condition.getStatus())) {
            condition.setLastTransitionTime(current.getLastTransitionTime());
        }
        List<DeploymentCondition> conditions = new ArrayList<>(status.getConditions());
        conditions.removeIf(c -> c.getType().equals(condition.getType()));
        conditions.add(condition);
        status.setConditions(conditions);
    }

    static void remove(DeploymentStatus status, String type) {
        List<DeploymentCondition> conditions = new ArrayList<>(status.getConditions());
        conditions.removeIf(c -> c.getType().equals(type));
        status.setConditions(conditions);
    }
}

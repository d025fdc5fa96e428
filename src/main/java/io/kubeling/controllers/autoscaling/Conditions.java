package io.kubeling.controllers.autoscaling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.kubeling.registry.Timestamps;

/** setCondition: one condition of each type, in the order first set; its transition time moves with its status. */
final class Conditions {

    static final String ABLE_TO_SCALE = "AbleToScale";
    static final String SCALING_ACTIVE = "ScalingActive";
    static final String SCALING_LIMITED = "ScalingLimited";

    private Conditions() {
    }

    static void set(HorizontalPodAutoscalerStatus status, String type, String value, String reason, String message,
            Instant now) {
        List<HorizontalPodAutoscalerCondition> list = status.getConditions() == null ? new ArrayList<>()
                : new ArrayList<>(status.getConditions());
        HorizontalPodAutoscalerCondition existing = null;
        for (int i = 0; i < list.size(); i++) {
            if (type.equals(list.get(i).getType())) {
                existing = copy(list.get(i));
                list.set(i, existing);
                break;
            }
        }
        if (existing == null) {
            existing = new HorizontalPodAutoscalerCondition();
            existing.setType(type);
            list.add(existing);
        }
        if (!value.equals(existing.getStatus())) {
            existing.setLastTransitionTime(Timestamps.format(now));
        }
        existing.setStatus(value);
        existing.setReason(reason);
        existing.setMessage(message);
        status.setConditions(list);
    }

    private static HorizontalPodAutoscalerCondition copy(HorizontalPodAutoscalerCondition c) {
        HorizontalPodAutoscalerCondition out = new HorizontalPodAutoscalerCondition();
        out.setLastTransitionTime(c.getLastTransitionTime());
        out.setMessage(c.getMessage());
        out.setReason(c.getReason());
        out.setStatus(c.getStatus());
        out.setType(c.getType());
        return out;
    }
}

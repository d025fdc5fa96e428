package io.kubeling.resources.horizontalpodautoscalers;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** horizontalpodautoscalers/status: only the status changes; replica counts are never negative. */
class HpaStatusStrategy implements Strategy<HorizontalPodAutoscaler> {

    @Override
    public void prepareForUpdate(HorizontalPodAutoscaler hpa, HorizontalPodAutoscaler old) {
        hpa.setSpec(old.getSpec());
        if (hpa.getStatus() == null) {
            hpa.setStatus(HpaStrategy.emptyStatus());
        }
    }

    @Override
    public List<FieldError> validateUpdate(HorizontalPodAutoscaler hpa, HorizontalPodAutoscaler old) {
        List<FieldError> errs = new ArrayList<>();
        HorizontalPodAutoscalerStatus status = hpa.getStatus();
        if (status.getCurrentReplicas() != null && status.getCurrentReplicas() < 0) {
            errs.add(FieldError.invalid("status.currentReplicas", status.getCurrentReplicas(),
                    "must be greater than or equal to 0"));
        }
        if (status.getDesiredReplicas() != null && status.getDesiredReplicas() < 0) {
            errs.add(FieldError.invalid("status.desiredReplicas", status.getDesiredReplicas(),
                    "must be greater than or equal to 0"));
        }
        return errs;
    }
}

package io.kubeling.resources.horizontalpodautoscalers;

import java.util.List;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's autoscaler strategy: v2 defaults, status written only through its subresource, ValidateHorizontalPodAutoscaler. */
class HpaStrategy implements Strategy<HorizontalPodAutoscaler> {

    @Override
    public void applyDefaults(HorizontalPodAutoscaler hpa) {
        HpaDefaults.apply(hpa);
    }

    @Override
    public void prepareForCreate(HorizontalPodAutoscaler hpa) {
        hpa.setStatus(emptyStatus());
    }

    @Override
    public void prepareForUpdate(HorizontalPodAutoscaler hpa, HorizontalPodAutoscaler old) {
        hpa.setStatus(old.getStatus());
    }

    @Override
    public List<FieldError> validate(HorizontalPodAutoscaler hpa) {
        return HpaValidation.validate(hpa.getSpec());
    }

    /** The status a new autoscaler has: what Go writes of an empty one (desiredReplicas is not omitted). */
    static HorizontalPodAutoscalerStatus emptyStatus() {
        HorizontalPodAutoscalerStatus status = new HorizontalPodAutoscalerStatus();
        status.setDesiredReplicas(0);
        return status;
    }
}

package io.kubeling.resources.horizontalpodautoscalers;

import java.util.List;

import io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscalerStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * An autoscaling/v1 write, checked as kube checks it: v1's defaults, then the rules of the v2 strategy (or status
 * strategy) on the object converted as it will be stored, so the field paths are the stored version's.
 */
class HpaV1Strategy implements Strategy<HorizontalPodAutoscaler> {

    private final HpaV1Conversion conversion;
    private final Strategy<io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler> stored;

    HpaV1Strategy(HpaV1Conversion conversion,
            Strategy<io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler> stored) {
        this.conversion = conversion;
        this.stored = stored;
    }

    /** v1's SetDefaults_HorizontalPodAutoscaler: one replica at least. */
    @Override
    public void applyDefaults(HorizontalPodAutoscaler hpa) {
        if (hpa.getSpec() == null) {
            hpa.setSpec(new HorizontalPodAutoscalerSpec());
        }
        if (hpa.getSpec().getMinReplicas() == null) {
            hpa.getSpec().setMinReplicas(1);
        }
        if (hpa.getSpec().getMaxReplicas() == null) {
            hpa.getSpec().setMaxReplicas(0);
        }
    }

    @Override
    public void prepareForCreate(HorizontalPodAutoscaler hpa) {
        HorizontalPodAutoscalerStatus status = new HorizontalPodAutoscalerStatus();
        status.setCurrentReplicas(0);
        status.setDesiredReplicas(0);
        hpa.setStatus(status);
    }

    @Override
    public void prepareForUpdate(HorizontalPodAutoscaler hpa, HorizontalPodAutoscaler old) {
        if (stored instanceof HpaStatusStrategy) {
            hpa.setSpec(old.getSpec());
        } else {
            hpa.setStatus(old.getStatus());
        }
    }

    @Override
    public List<FieldError> validate(HorizontalPodAutoscaler hpa) {
        return stored.validate(conversion.toStorage(hpa));
    }

    @Override
    public List<FieldError> validateUpdate(HorizontalPodAutoscaler hpa, HorizontalPodAutoscaler old) {
        return stored.validateUpdate(conversion.toStorage(hpa), conversion.toStorage(old));
    }
}

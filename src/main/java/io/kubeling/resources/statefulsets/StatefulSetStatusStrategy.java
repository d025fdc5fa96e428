package io.kubeling.resources.statefulsets;

import java.util.List;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** statefulsets/status: only the status changes, its counts agreeing with one another. */
class StatefulSetStatusStrategy implements Strategy<StatefulSet> {

    @Override
    public void prepareForUpdate(StatefulSet sts, StatefulSet old) {
        sts.setSpec(old.getSpec());
        if (sts.getStatus() == null) {
            sts.setStatus(StatefulSetStrategy.emptyStatus());
        }
    }

    @Override
    public List<FieldError> validateUpdate(StatefulSet sts, StatefulSet old) {
        return StatefulSetValidation.status(sts.getStatus(), old.getStatus());
    }
}

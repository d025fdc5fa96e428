package io.kubeling.resources.statefulsets;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's statefulSetStrategy for apps/v1: defaults, an empty status, generation on spec changes. */
class StatefulSetStrategy implements Strategy<StatefulSet> {

    @Override
    public void applyDefaults(StatefulSet sts) {
        StatefulSetDefaults.apply(sts);
    }

    @Override
    public void prepareForCreate(StatefulSet sts) {
        sts.setStatus(emptyStatus());
    }

    /** A StatefulSetStatus{} as Go encodes it: the counts without omitempty are there, at 0. */
    static StatefulSetStatus emptyStatus() {
        StatefulSetStatus status = new StatefulSetStatus();
        status.setReplicas(0);
        status.setAvailableReplicas(0);
        return status;
    }

    @Override
    public List<FieldError> validate(StatefulSet sts) {
        return StatefulSetValidation.spec(sts.getSpec());
    }

    @Override
    public void prepareForUpdate(StatefulSet sts, StatefulSet old) {
        sts.setStatus(old.getStatus());
    }

    @Override
    public List<FieldError> validateUpdate(StatefulSet sts, StatefulSet old) {
        List<FieldError> errs = validate(sts);
        errs.addAll(StatefulSetValidation.update(sts.getSpec(), old.getSpec()));
        return errs;
    }

    @Override
    public NameRule nameRule() {
        return NameRule.DNS1123_LABEL;
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(StatefulSet sts, StatefulSet old) {
        return !Objects.equals(sts.getSpec(), old.getSpec());
    }
}

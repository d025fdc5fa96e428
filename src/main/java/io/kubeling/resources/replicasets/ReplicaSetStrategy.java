package io.kubeling.resources.replicasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.pods.PodTemplates;

/** kube's rsStrategy for apps/v1: defaults, a fresh status, generation on spec changes, an immutable selector. */
class ReplicaSetStrategy implements Strategy<ReplicaSet> {

    @Override
    public void applyDefaults(ReplicaSet rs) {
        if (rs.getSpec() == null) {
            rs.setSpec(new ReplicaSetSpec());
        }
        ReplicaSetSpec spec = rs.getSpec();
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        if (spec.getTemplate() == null) {
            spec.setTemplate(new io.fabric8.kubernetes.api.model.PodTemplateSpec());
        }
        PodTemplates.applyDefaults(spec.getTemplate());
    }

    @Override
    public void prepareForCreate(ReplicaSet rs) {
        ReplicaSetStatus status = new ReplicaSetStatus();
        status.setReplicas(0);
        rs.setStatus(status);
    }

    @Override
    public List<FieldError> validate(ReplicaSet rs) {
        ReplicaSetSpec spec = rs.getSpec();
        List<FieldError> errs = new ArrayList<>();
        WorkloadValidation.nonNegative(errs, spec.getReplicas(), "spec.replicas");
        WorkloadValidation.nonNegative(errs, spec.getMinReadySeconds(), "spec.minReadySeconds");
        errs.addAll(WorkloadValidation.selectorAndTemplate(spec.getSelector(), spec.getTemplate(), "spec"));
        return errs;
    }

    @Override
    public void prepareForUpdate(ReplicaSet rs, ReplicaSet old) {
        rs.setStatus(old.getStatus());
    }

    @Override
    public List<FieldError> validateUpdate(ReplicaSet rs, ReplicaSet old) {
        List<FieldError> errs = validate(rs);
        WorkloadValidation.immutableSelector(errs, rs.getSpec().getSelector(), old.getSpec().getSelector(),
                "spec.selector");
        return errs;
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(ReplicaSet rs, ReplicaSet old) {
        return !Objects.equals(rs.getSpec(), old.getSpec());
    }
}

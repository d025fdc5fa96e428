package io.kubeling.resources.replicasets;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** replicasets/status: only the status changes, and its counts must agree with one another. */
class ReplicaSetStatusStrategy implements Strategy<ReplicaSet> {

    @Override
    public void prepareForUpdate(ReplicaSet rs, ReplicaSet old) {
        rs.setSpec(old.getSpec());
        if (rs.getStatus() == null) {
            rs.setStatus(new ReplicaSetStatus());
        }
    }

    @Override
    public List<FieldError> validateUpdate(ReplicaSet rs, ReplicaSet old) {
        ReplicaSetStatus s = rs.getStatus();
        List<FieldError> errs = new ArrayList<>();
        int replicas = n(s.getReplicas());
        WorkloadValidation.nonNegative(errs, s.getReplicas(), "status.replicas");
        WorkloadValidation.nonNegative(errs, s.getFullyLabeledReplicas(), "status.fullyLabeledReplicas");
        WorkloadValidation.nonNegative(errs, s.getReadyReplicas(), "status.readyReplicas");
        WorkloadValidation.nonNegative(errs, s.getAvailableReplicas(), "status.availableReplicas");
        WorkloadValidation.nonNegative(errs, s.getObservedGeneration(), "status.observedGeneration");
        if (n(s.getFullyLabeledReplicas()) > replicas) {
            errs.add(FieldError.invalid("status.fullyLabeledReplicas", (long) n(s.getFullyLabeledReplicas()),
                    "cannot be greater than status.replicas"));
        }
        if (n(s.getReadyReplicas()) > replicas) {
            errs.add(FieldError.invalid("status.readyReplicas", (long) n(s.getReadyReplicas()),
                    "cannot be greater than status.replicas"));
        }
        if (n(s.getAvailableReplicas()) > replicas) {
            errs.add(FieldError.invalid("status.availableReplicas", (long) n(s.getAvailableReplicas()),
                    "cannot be greater than status.replicas"));
        }
        if (n(s.getAvailableReplicas()) > n(s.getReadyReplicas())) {
            errs.add(FieldError.invalid("status.availableReplicas", (long) n(s.getAvailableReplicas()),
                    "cannot be greater than readyReplicas"));
        }
        return errs;
    }

    private static int n(Number v) {
        return v == null ? 0 : v.intValue();
    }
}

package io.kubeling.resources.replicationcontrollers;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.replicasets.WorkloadValidation;

/** replicationcontrollers/status: only the status changes, and its counts must agree with one another. */
class ReplicationControllerStatusStrategy implements Strategy<ReplicationController> {

    @Override
    public void prepareForUpdate(ReplicationController rc, ReplicationController old) {
        rc.setSpec(old.getSpec());
        if (rc.getStatus() == null) {
            rc.setStatus(new ReplicationControllerStatus());
        }
    }

    @Override
    public List<FieldError> validateUpdate(ReplicationController rc, ReplicationController old) {
        ReplicationControllerStatus s = rc.getStatus();
        List<FieldError> errs = new ArrayList<>();
        WorkloadValidation.nonNegative(errs, s.getReplicas(), "status.replicas");
        WorkloadValidation.nonNegative(errs, s.getFullyLabeledReplicas(), "status.fullyLabeledReplicas");
        WorkloadValidation.nonNegative(errs, s.getReadyReplicas(), "status.readyReplicas");
        WorkloadValidation.nonNegative(errs, s.getAvailableReplicas(), "status.availableReplicas");
        WorkloadValidation.nonNegative(errs, s.getObservedGeneration(), "status.observedGeneration");
        int replicas = n(s.getReplicas());
        greater(errs, s.getFullyLabeledReplicas(), replicas, "status.fullyLabeledReplicas", "status.replicas");
        greater(errs, s.getReadyReplicas(), replicas, "status.readyReplicas", "status.replicas");
        greater(errs, s.getAvailableReplicas(), replicas, "status.availableReplicas", "status.replicas");
        greater(errs, s.getAvailableReplicas(), n(s.getReadyReplicas()), "status.availableReplicas", "readyReplicas");
        return errs;
    }

    private static void greater(List<FieldError> errs, Integer value, int bound, String path, String what) {
        if (n(value) > bound) {
            errs.add(FieldError.invalid(path, (long) n(value), "cannot be greater than " + what));
        }
    }

    private static int n(Number v) {
        return v == null ? 0 : v.intValue();
    }
}

package io.kubeling.resources.deployments;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.replicasets.WorkloadValidation;

/** deployments/status: the spec and labels stay; annotations may change with the status, as in kube. */
class DeploymentStatusStrategy implements Strategy<Deployment> {

    @Override
    public void prepareForUpdate(Deployment d, Deployment old) {
        d.setSpec(old.getSpec());
        d.getMetadata().setLabels(old.getMetadata().getLabels());
        if (d.getStatus() == null) {
            d.setStatus(new DeploymentStatus());
        }
    }

    @Override
    public List<FieldError> validateUpdate(Deployment d, Deployment old) {
        DeploymentStatus s = d.getStatus();
        List<FieldError> errs = new ArrayList<>();
        WorkloadValidation.nonNegative(errs, s.getObservedGeneration(), "status.observedGeneration");
        WorkloadValidation.nonNegative(errs, s.getReplicas(), "status.replicas");
        WorkloadValidation.nonNegative(errs, s.getUpdatedReplicas(), "status.updatedReplicas");
        WorkloadValidation.nonNegative(errs, s.getReadyReplicas(), "status.readyReplicas");
        WorkloadValidation.nonNegative(errs, s.getAvailableReplicas(), "status.availableReplicas");
        WorkloadValidation.nonNegative(errs, s.getUnavailableReplicas(), "status.unavailableReplicas");
        WorkloadValidation.nonNegative(errs, s.getCollisionCount(), "status.collisionCount");
        return errs;
    }
}

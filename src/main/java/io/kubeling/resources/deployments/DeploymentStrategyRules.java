package io.kubeling.resources.deployments;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.replicasets.WorkloadValidation;

/** kube's deploymentStrategy for apps/v1. */
class DeploymentStrategyRules implements Strategy<Deployment> {

    @Override
    public void applyDefaults(Deployment d) {
        DeploymentDefaults.apply(d);
    }

    @Override
    public void prepareForCreate(Deployment d) {
        d.setStatus(new DeploymentStatus());
    }

    @Override
    public List<FieldError> validate(Deployment d) {
        return DeploymentValidation.spec(d.getSpec());
    }

    @Override
    public void prepareForUpdate(Deployment d, Deployment old) {
        d.setStatus(old.getStatus());
    }

    @Override
    public List<FieldError> validateUpdate(Deployment d, Deployment old) {
        List<FieldError> errs = validate(d);
        WorkloadValidation.immutableSelector(errs, d.getSpec().getSelector(), old.getSpec().getSelector(),
                "spec.selector");
        return errs;
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(Deployment d, Deployment old) {
        return !Objects.equals(d.getSpec(), old.getSpec());
    }
}

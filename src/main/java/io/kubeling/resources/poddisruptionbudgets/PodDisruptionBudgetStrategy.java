package io.kubeling.resources.poddisruptionbudgets;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's podDisruptionBudgetStrategy: a fresh status on create, the spec's rules, generation on spec changes. */
class PodDisruptionBudgetStrategy implements Strategy<PodDisruptionBudget> {

    @Override
    public void prepareForCreate(PodDisruptionBudget pdb) {
        if (pdb.getSpec() == null) {
            pdb.setSpec(new PodDisruptionBudgetSpec());
        }
        pdb.setStatus(PodDisruptionBudgetStatusStrategy.empty());
    }

    @Override
    public List<FieldError> validate(PodDisruptionBudget pdb) {
        return PodDisruptionBudgetValidation.spec(pdb.getSpec());
    }

    @Override
    public void prepareForUpdate(PodDisruptionBudget pdb, PodDisruptionBudget old) {
        if (pdb.getSpec() == null) {
            pdb.setSpec(new PodDisruptionBudgetSpec());
        }
        pdb.setStatus(old.getStatus());
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(PodDisruptionBudget pdb, PodDisruptionBudget old) {
        return !Objects.equals(pdb.getSpec(), old.getSpec());
    }
}

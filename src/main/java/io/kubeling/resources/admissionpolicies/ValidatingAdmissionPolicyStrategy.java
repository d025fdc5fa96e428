package io.kubeling.resources.admissionpolicies;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's validatingadmissionpolicy strategy: status is the status subresource's, generation follows the spec. */
class ValidatingAdmissionPolicyStrategy implements Strategy<ValidatingAdmissionPolicy> {

    @Override
    public void applyDefaults(ValidatingAdmissionPolicy policy) {
        PolicyDefaults.apply(policy.getSpec());
    }

    @Override
    public void prepareForCreate(ValidatingAdmissionPolicy policy) {
        policy.setStatus(null);
    }

    @Override
    public void prepareForUpdate(ValidatingAdmissionPolicy policy, ValidatingAdmissionPolicy old) {
        policy.setStatus(old.getStatus());
    }

    @Override
    public List<FieldError> validate(ValidatingAdmissionPolicy policy) {
        return PolicyValidation.policy(policy, null);
    }

    @Override
    public List<FieldError> validateUpdate(ValidatingAdmissionPolicy policy, ValidatingAdmissionPolicy old) {
        List<MatchCondition> oldConditions = old.getSpec() == null || old.getSpec().getMatchConditions() == null
                ? List.of() : old.getSpec().getMatchConditions();
        return PolicyValidation.policy(policy, oldConditions);
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(ValidatingAdmissionPolicy policy, ValidatingAdmissionPolicy old) {
        return !Objects.equals(policy.getSpec(), old.getSpec());
    }
}

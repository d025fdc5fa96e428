package io.kubeling.resources.admissionpolicies;

import java.util.List;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** validatingadmissionpolicies/status: only the status changes, its type-checking warnings checked. */
class ValidatingAdmissionPolicyStatusStrategy implements Strategy<ValidatingAdmissionPolicy> {

    @Override
    public void prepareForUpdate(ValidatingAdmissionPolicy policy, ValidatingAdmissionPolicy old) {
        policy.setSpec(old.getSpec());
    }

    @Override
    public List<FieldError> validateUpdate(ValidatingAdmissionPolicy policy, ValidatingAdmissionPolicy old) {
        return PolicyValidation.status(policy.getStatus());
    }
}

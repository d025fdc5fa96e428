package io.kubeling.resources.admissionpolicies;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's validatingadmissionpolicybinding strategy: defaults, validation, generation bumped when the spec changes. */
class ValidatingAdmissionPolicyBindingStrategy implements Strategy<ValidatingAdmissionPolicyBinding> {

    @Override
    public void applyDefaults(ValidatingAdmissionPolicyBinding binding) {
        PolicyDefaults.apply(binding.getSpec());
    }

    @Override
    public List<FieldError> validate(ValidatingAdmissionPolicyBinding binding) {
        return PolicyValidation.binding(binding.getSpec());
    }

    @Override
    public List<FieldError> validateUpdate(ValidatingAdmissionPolicyBinding binding,
            ValidatingAdmissionPolicyBinding old) {
        return PolicyValidation.binding(binding.getSpec());
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(ValidatingAdmissionPolicyBinding binding, ValidatingAdmissionPolicyBinding old) {
        return !Objects.equals(binding.getSpec(), old.getSpec());
    }
}

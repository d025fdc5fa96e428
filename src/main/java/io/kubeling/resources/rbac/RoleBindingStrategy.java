package io.kubeling.resources.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's role binding strategy: v1's defaults, a Role or ClusterRole reference that never changes, subjects. */
class RoleBindingStrategy implements Strategy<RoleBinding> {

    @Override
    public void applyDefaults(RoleBinding binding) {
        RbacValidation.defaults(binding.getRoleRef(), subjects(binding));
    }

    @Override
    public List<FieldError> validate(RoleBinding binding) {
        List<FieldError> errs = new ArrayList<>(RbacValidation.roleRef(binding.getRoleRef(),
                List.of("Role", "ClusterRole")));
        errs.addAll(RbacValidation.subjects(subjects(binding), true));
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(RoleBinding binding, RoleBinding old) {
        List<FieldError> errs = new ArrayList<>(validate(binding));
        errs.addAll(RbacValidation.roleRefUnchanged(binding.getRoleRef(), old.getRoleRef()));
        return errs;
    }

    @Override
    public NameRule nameRule() {
        return NameRule.PATH_SEGMENT;
    }

    private static List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects(RoleBinding binding) {
        return Objects.requireNonNullElse(binding.getSubjects(), List.of());
    }
}

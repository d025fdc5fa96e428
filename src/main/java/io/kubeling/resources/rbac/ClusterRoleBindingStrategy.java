package io.kubeling.resources.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's cluster role binding strategy: a ClusterRole reference that never changes, namespaced service accounts. */
class ClusterRoleBindingStrategy implements Strategy<ClusterRoleBinding> {

    @Override
    public void applyDefaults(ClusterRoleBinding binding) {
        RbacValidation.defaults(binding.getRoleRef(), subjects(binding));
    }

    @Override
    public List<FieldError> validate(ClusterRoleBinding binding) {
        List<FieldError> errs = new ArrayList<>(RbacValidation.roleRef(binding.getRoleRef(), List.of("ClusterRole")));
        errs.addAll(RbacValidation.subjects(subjects(binding), false));
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(ClusterRoleBinding binding, ClusterRoleBinding old) {
        List<FieldError> errs = new ArrayList<>(validate(binding));
        errs.addAll(RbacValidation.roleRefUnchanged(binding.getRoleRef(), old.getRoleRef()));
        return errs;
    }

    @Override
    public NameRule nameRule() {
        return NameRule.PATH_SEGMENT;
    }

    private static List<Subject> subjects(ClusterRoleBinding binding) {
        return Objects.requireNonNullElse(binding.getSubjects(), List.of());
    }
}

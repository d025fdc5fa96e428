package io.kubeling.resources.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * kube's role binding and cluster role binding strategies: v1's defaults, a reference to a role of the kinds the
 * binding may name that never changes, and subjects (a cluster role binding's service accounts name their
 * namespace).
 */
final class BindingStrategy<T extends HasMetadata> implements Strategy<T> {

    private final Function<T, RoleRef> roleRef;
    private final Function<T, List<Subject>> subjects;
    private final List<String> roleKinds;
    private final boolean namespaced;

    private BindingStrategy(Function<T, RoleRef> roleRef, Function<T, List<Subject>> subjects,
            List<String> roleKinds, boolean namespaced) {
        this.roleRef = roleRef;
        this.subjects = binding -> Objects.requireNonNullElse(subjects.apply(binding), List.of());
        this.roleKinds = roleKinds;
        this.namespaced = namespaced;
    }

    static BindingStrategy<RoleBinding> roleBindings() {
        return new BindingStrategy<>(RoleBinding::getRoleRef, RoleBinding::getSubjects, List.of("Role", "ClusterRole"),
                true);
    }

    static BindingStrategy<ClusterRoleBinding> clusterRoleBindings() {
        return new BindingStrategy<>(ClusterRoleBinding::getRoleRef, ClusterRoleBinding::getSubjects,
                List.of("ClusterRole"), false);
    }

    @Override
    public void applyDefaults(T binding) {
        RbacValidation.defaults(roleRef.apply(binding), subjects.apply(binding));
    }

    @Override
    public List<FieldError> validate(T binding) {
        List<FieldError> errs = new ArrayList<>(RbacValidation.roleRef(roleRef.apply(binding), roleKinds));
        errs.addAll(RbacValidation.subjects(subjects.apply(binding), namespaced));
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(T binding, T old) {
        List<FieldError> errs = new ArrayList<>(validate(binding));
        errs.addAll(RbacValidation.roleRefUnchanged(roleRef.apply(binding), roleRef.apply(old)));
        return errs;
    }

    @Override
    public NameRule nameRule() {
        return NameRule.PATH_SEGMENT;
    }
}

package io.kubeling.resources.rbac;

import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's role strategy: a path-segment name and rules that may not name non-resource URLs. */
class RoleStrategy implements Strategy<Role> {

    @Override
    public List<FieldError> validate(Role role) {
        return RbacValidation.rules(Objects.requireNonNullElse(role.getRules(), List.of()), true);
    }

    @Override
    public NameRule nameRule() {
        return NameRule.PATH_SEGMENT;
    }
}

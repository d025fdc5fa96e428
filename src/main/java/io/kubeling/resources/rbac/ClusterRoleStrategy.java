package io.kubeling.resources.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.common.LabelSelectors;

/** kube's cluster role strategy: rules, and an aggregation rule with at least one valid selector. */
class ClusterRoleStrategy implements Strategy<ClusterRole> {

    @Override
    public List<FieldError> validate(ClusterRole role) {
        List<FieldError> errs = new ArrayList<>(
                RbacValidation.rules(Objects.requireNonNullElse(role.getRules(), List.of()), false));
        if (role.getAggregationRule() != null) {
            List<LabelSelector> selectors = Objects.requireNonNullElse(
                    role.getAggregationRule().getClusterRoleSelectors(), List.of());
            if (selectors.isEmpty()) {
                errs.add(FieldError.required("aggregationRule.clusterRoleSelectors",
                        "at least one clusterRoleSelector required if aggregationRule is non-nil"));
            }
            for (int i = 0; i < selectors.size(); i++) {
                errs.addAll(LabelSelectors.validate(selectors.get(i), "aggregationRule.clusterRoleSelectors[" + i
                        + "]"));
            }
        }
        return errs;
    }

    @Override
    public NameRule nameRule() {
        return NameRule.PATH_SEGMENT;
    }
}

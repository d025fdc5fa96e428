package io.kubeling.resources.admissionpolicies;

import java.util.List;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRef;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicySpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec;

/**
 * kube's admissionregistration/v1 defaults for policies and bindings: failurePolicy Fail; match resources with
 * matchPolicy Equivalent, empty namespace and object selectors and rules of scope "*"; a paramRef's
 * parameterNotFoundAction Deny.
 */
final class PolicyDefaults {

    private PolicyDefaults() {
    }

    static void apply(ValidatingAdmissionPolicySpec spec) {
        if (spec == null) {
            return;
        }
        if (spec.getFailurePolicy() == null) {
            spec.setFailurePolicy("Fail");
        }
        match(spec.getMatchConstraints());
    }

    static void apply(ValidatingAdmissionPolicyBindingSpec spec) {
        if (spec == null) {
            return;
        }
        match(spec.getMatchResources());
        ParamRef ref = spec.getParamRef();
        if (ref != null && ref.getParameterNotFoundAction() == null) {
            ref.setParameterNotFoundAction("Deny");
        }
    }

    private static void match(MatchResources match) {
        if (match == null) {
            return;
        }
        if (match.getMatchPolicy() == null) {
            match.setMatchPolicy("Equivalent");
        }
        if (match.getNamespaceSelector() == null) {
            match.setNamespaceSelector(new LabelSelector());
        }
        if (match.getObjectSelector() == null) {
            match.setObjectSelector(new LabelSelector());
        }
        rules(match.getResourceRules());
        rules(match.getExcludeResourceRules());
    }

    private static void rules(List<NamedRuleWithOperations> rules) {
        if (rules != null) {
            for (NamedRuleWithOperations rule : rules) {
                if (rule.getScope() == null) {
                    rule.setScope("*");
                }
            }
        }
    }
}

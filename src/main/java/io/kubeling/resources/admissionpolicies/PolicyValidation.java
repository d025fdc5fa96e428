package io.kubeling.resources.admissionpolicies;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.AuditAnnotation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ExpressionWarning;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamKind;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRef;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicySpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyStatus;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;
import io.kubeling.resources.common.AdmissionPolicyCel;
import io.kubeling.resources.common.AdmissionPolicyCel.Returns;
import io.kubeling.resources.common.LabelSelectors;
import io.kubeling.resources.webhookconfigurations.WebhookValidation;

/**
 * kube's ValidateValidatingAdmissionPolicy and ValidateValidatingAdmissionPolicyBinding, with their field paths
 * and messages (the binding's {@code spec.matchResouces} spelt as kube spells it); expressions are compiled as
 * kube compiles them at write time.
 */
final class PolicyValidation {

    private static final List<String> FAILURE_POLICIES = List.of("Fail", "Ignore");
    private static final List<String> MATCH_POLICIES = List.of("Equivalent", "Exact");
    private static final List<String> REASONS = List.of("Forbidden", "Invalid", "RequestEntityTooLarge",
            "Unauthorized");
    private static final List<String> ACTIONS = List.of("Audit", "Deny", "Warn");
    private static final int MAX_AUDIT_ANNOTATIONS = 20;
    private static final int MAX_VALUE_EXPRESSION = 5 * 1024;

    private PolicyValidation() {
    }

    /** The policy's spec; {@code oldConditions} are an update's stored matchConditions, left unchecked if unchanged. */
    static List<FieldError> policy(ValidatingAdmissionPolicy policy, List<MatchCondition> oldConditions) {
        ValidatingAdmissionPolicySpec spec = policy.getSpec() == null ? new ValidatingAdmissionPolicySpec()
                : policy.getSpec();
        List<FieldError> errs = new ArrayList<>();
        String path = "spec";
        if (spec.getFailurePolicy() == null) {
            errs.add(FieldError.required(path + ".failurePolicy", ""));
        } else if (!FAILURE_POLICIES.contains(spec.getFailurePolicy())) {
            errs.add(FieldError.notSupported(path + ".failurePolicy", spec.getFailurePolicy(), FAILURE_POLICIES));
        }
        boolean params = spec.getParamKind() != null;
        if (params) {
            errs.addAll(paramKind(spec.getParamKind(), path + ".paramKind"));
        }
        if (spec.getMatchConstraints() == null) {
            errs.add(FieldError.required(path + ".matchConstraints", ""));
        } else {
            errs.addAll(matchResources(spec.getMatchConstraints(), path + ".matchConstraints"));
            if (nonNull(spec.getMatchConstraints().getResourceRules()).isEmpty()) {
                errs.add(FieldError.required(path + ".matchConstraints.resourceRules", ""));
            }
        }
        List<MatchCondition> conditions = nonNull(spec.getMatchConditions());
        if (oldConditions == null || !conditions.equals(oldConditions)) {
            errs.addAll(matchConditions(conditions, params, path + ".matchConditions"));
        }
        AdmissionPolicyCel cel = AdmissionPolicyCel.environment(params);
        List<Variable> variables = nonNull(spec.getVariables());
        for (int i = 0; i < variables.size(); i++) {
            errs.addAll(variable(cel, variables.get(i), path + ".variables[" + i + "]"));
        }
        List<Validation> validations = nonNull(spec.getValidations());
        List<AuditAnnotation> annotations = nonNull(spec.getAuditAnnotations());
        if (validations.isEmpty() && annotations.isEmpty()) {
            String why = "validations or auditAnnotations must contain at least one item";
            errs.add(FieldError.required(path + ".validations", why));
            errs.add(FieldError.required(path + ".auditAnnotations", why));
            return errs;
        }
        for (int i = 0; i < validations.size(); i++) {
            errs.addAll(validation(cel, validations.get(i), path + ".validations[" + i + "]"));
        }
        if (annotations.size() > MAX_AUDIT_ANNOTATIONS) {
            errs.add(FieldError.invalid(path + ".auditAnnotations", FieldError.OMIT,
                    "must not have more than " + MAX_AUDIT_ANNOTATIONS + " auditAnnotations"));
        }
        Set<String> keys = new HashSet<>();
        String name = policy.getMetadata() == null ? null : policy.getMetadata().getName();
        for (int i = 0; i < annotations.size(); i++) {
            AuditAnnotation annotation = annotations.get(i);
            String at = path + ".auditAnnotations[" + i + "]";
            errs.addAll(auditAnnotation(cel, name, annotation, at));
            if (!keys.add(annotation.getKey())) {
                errs.add(FieldError.duplicate(at + ".key", annotation.getKey()));
            }
        }
        return errs;
    }

    static List<FieldError> binding(ValidatingAdmissionPolicyBindingSpec spec) {
        spec = spec == null ? new ValidatingAdmissionPolicyBindingSpec() : spec;
        List<FieldError> errs = new ArrayList<>();
        String policyName = spec.getPolicyName() == null ? "" : spec.getPolicyName();
        if (policyName.isEmpty()) {
            errs.add(FieldError.required("spec.policyName", ""));
        } else {
            Names.dns1123Subdomain(policyName).forEach(m -> errs.add(FieldError.invalid("spec.policyName",
                    policyName, m)));
        }
        errs.addAll(paramRef(spec.getParamRef(), "spec.paramRef"));
        if (spec.getMatchResources() != null) {
            errs.addAll(matchResources(spec.getMatchResources(), "spec.matchResouces"));
        }
        errs.addAll(validationActions(nonNull(spec.getValidationActions()), "spec.validationActions"));
        return errs;
    }

    /** kube's validateValidatingAdmissionPolicyStatus: each type-checking warning names its field and says why. */
    static List<FieldError> status(ValidatingAdmissionPolicyStatus status) {
        List<FieldError> errs = new ArrayList<>();
        if (status == null || status.getTypeChecking() == null) {
            return errs;
        }
        List<ExpressionWarning> warnings = nonNull(status.getTypeChecking().getExpressionWarnings());
        for (int i = 0; i < warnings.size(); i++) {
            String at = "status.typeChecking.expressionWarnings[" + i + "]";
            ExpressionWarning warning = warnings.get(i);
            if (warning.getWarning() == null || warning.getWarning().isEmpty()) {
                errs.add(FieldError.required(at + ".warning", ""));
            }
            if (warning.getFieldRef() == null || warning.getFieldRef().isBlank()) {
                errs.add(FieldError.required(at + ".fieldRef", ""));
            }
        }
        return errs;
    }

    private static List<FieldError> paramKind(ParamKind kind, String path) {
        List<FieldError> errs = new ArrayList<>();
        String apiVersion = kind.getApiVersion() == null ? "" : kind.getApiVersion();
        if (apiVersion.isEmpty()) {
            errs.add(FieldError.required(path + ".apiVersion", ""));
        } else if (apiVersion.chars().filter(c -> c == '/').count() > 1) {
            errs.add(FieldError.invalid(path + ".apiVersion", apiVersion,
                    "unexpected GroupVersion string: " + apiVersion));
        } else if (!apiVersion.equals("/")) {
            int slash = apiVersion.indexOf('/');
            String group = slash < 0 ? "" : apiVersion.substring(0, slash);
            String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
            if (!group.isEmpty()) {
                List<String> problems = Names.dns1123Subdomain(group);
                if (!problems.isEmpty()) {
                    errs.add(FieldError.invalid(path + ".apiVersion", group, String.join(",", problems)));
                }
            }
            if (version.isEmpty()) {
                errs.add(FieldError.invalid(path + ".apiVersion", apiVersion, "version must be specified"));
            } else {
                List<String> problems = Names.dns1035Label(version);
                if (!problems.isEmpty()) {
                    errs.add(FieldError.invalid(path + ".apiVersion", version, String.join(",", problems)));
                }
            }
        } else {
            errs.add(FieldError.invalid(path + ".apiVersion", apiVersion, "version must be specified"));
        }
        String kindName = kind.getKind() == null ? "" : kind.getKind();
        if (kindName.isEmpty()) {
            errs.add(FieldError.required(path + ".kind", ""));
        } else {
            List<String> problems = Names.dns1035Label(kindName.toLowerCase(java.util.Locale.ROOT));
            if (!problems.isEmpty()) {
                errs.add(FieldError.invalid(path + ".kind", kindName,
                        "may have mixed case, but should otherwise match: " + String.join(",", problems)));
            }
        }
        return errs;
    }

    private static List<FieldError> matchResources(MatchResources match, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (match.getMatchPolicy() == null) {
            errs.add(FieldError.required(path + ".matchPolicy", ""));
        } else if (!MATCH_POLICIES.contains(match.getMatchPolicy())) {
            errs.add(FieldError.notSupported(path + ".matchPolicy", match.getMatchPolicy(), MATCH_POLICIES));
        }
        if (match.getNamespaceSelector() == null) {
            errs.add(FieldError.required(path + ".namespaceSelector", ""));
        } else {
            errs.addAll(LabelSelectors.validate(match.getNamespaceSelector(), path + ".namespaceSelector"));
        }
        if (match.getObjectSelector() == null) {
            errs.add(FieldError.required(path + ".objectSelector", ""));
        } else {
            errs.addAll(LabelSelectors.validate(match.getObjectSelector(), path + ".objectSelector"));
        }
        List<NamedRuleWithOperations> rules = nonNull(match.getResourceRules());
        for (int i = 0; i < rules.size(); i++) {
            errs.addAll(namedRule(rules.get(i), path + ".resourceRules[" + i + "]"));
        }
        List<NamedRuleWithOperations> excluded = nonNull(match.getExcludeResourceRules());
        for (int i = 0; i < excluded.size(); i++) {
            errs.addAll(namedRule(excluded.get(i), path + ".excludeResourceRules[" + i + "]"));
        }
        return errs;
    }

    private static List<FieldError> namedRule(NamedRuleWithOperations rule, String path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<String> resourceNames = nonNull(rule.getResourceNames());
        for (int i = 0; i < resourceNames.size(); i++) {
            String name = resourceNames.get(i);
            String at = path + ".resourceNames[" + i + "]";
            pathSegment(name).forEach(m -> errs.add(FieldError.invalid(at, name, m)));
            if (!names.add(name)) {
                errs.add(FieldError.duplicate(at, name));
            }
        }
        errs.addAll(WebhookValidation.rule(new RuleWithOperations(rule.getApiGroups(), rule.getApiVersions(),
                rule.getOperations(), rule.getResources(), rule.getScope()), path));
        return errs;
    }

    /** path.ValidatePathSegmentName without prefix. */
    private static List<String> pathSegment(String name) {
        List<String> problems = new ArrayList<>();
        if (name == null) {
            return problems;
        }
        if (name.equals(".") || name.equals("..")) {
            problems.add("may not be '" + name + "'");
            return problems;
        }
        for (String illegal : List.of("/", "%")) {
            if (name.contains(illegal)) {
                problems.add("may not contain '" + illegal + "'");
            }
        }
        return problems;
    }

    private static List<FieldError> matchConditions(List<MatchCondition> conditions, boolean params, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (conditions.size() > 64) {
            errs.add(new FieldError(path, FieldError.Type.TOO_MANY, conditions.size(), "must have at most 64 items"));
        }
        AdmissionPolicyCel cel = AdmissionPolicyCel.environment(params);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < conditions.size(); i++) {
            MatchCondition condition = conditions.get(i);
            String at = path + "[" + i + "]";
            String expression = condition.getExpression() == null ? "" : condition.getExpression().trim();
            if (expression.isEmpty()) {
                errs.add(FieldError.required(at + ".expression", ""));
            } else {
                String error = cel.compile(expression, Returns.BOOL).error();
                if (error != null) {
                    errs.add(FieldError.invalid(at + ".expression", expression, error));
                }
            }
            errs.addAll(WebhookValidation.matchConditionName(condition.getName(), at + ".name", names));
        }
        return errs;
    }

    private static List<FieldError> variable(AdmissionPolicyCel cel, Variable variable, String path) {
        List<FieldError> errs = new ArrayList<>();
        String name = variable.getName() == null ? "" : variable.getName();
        if (name.isBlank()) {
            errs.add(FieldError.required(path + ".name", "name is not specified"));
        } else if (!AdmissionPolicyCel.isIdentifier(name)) {
            errs.add(FieldError.invalid(path + ".name", name, "name is not a valid CEL identifier"));
        }
        String expression = variable.getExpression() == null ? "" : variable.getExpression();
        if (expression.isBlank()) {
            errs.add(FieldError.required(path + ".expression", "expression is not specified"));
        } else {
            String error = cel.addVariable(name, expression).error();
            if (error != null) {
                errs.add(FieldError.invalid(path + ".expression", expression, error));
            }
        }
        return errs;
    }

    private static List<FieldError> validation(AdmissionPolicyCel cel, Validation validation, String path) {
        List<FieldError> errs = new ArrayList<>();
        String expression = validation.getExpression() == null ? "" : validation.getExpression();
        String message = validation.getMessage() == null ? "" : validation.getMessage();
        String messageExpression = validation.getMessageExpression() == null ? ""
                : validation.getMessageExpression();
        if (expression.isBlank()) {
            errs.add(FieldError.required(path + ".expression", "expression is not specified"));
        } else {
            String error = cel.compile(expression, Returns.BOOL).error();
            if (error != null) {
                errs.add(FieldError.invalid(path + ".expression", expression, error));
            }
        }
        if (!messageExpression.isEmpty() && messageExpression.isBlank()) {
            errs.add(FieldError.invalid(path + ".messageExpression", messageExpression,
                    "must be non-empty if specified"));
        } else if (!messageExpression.isBlank()) {
            String error = cel.compile(messageExpression, Returns.STRING).error();
            if (error != null) {
                errs.add(FieldError.invalid(path + ".messageExpression", messageExpression, error));
            }
        }
        if (!message.isEmpty() && message.isBlank()) {
            errs.add(FieldError.invalid(path + ".message", message, "message must be non-empty if specified"));
        } else if (message.strip().contains("\n") || message.strip().contains("\r")) {
            errs.add(FieldError.invalid(path + ".message", message, "message must not contain line breaks"));
        }
        if (validation.getReason() != null && !REASONS.contains(validation.getReason())) {
            errs.add(FieldError.notSupported(path + ".reason", validation.getReason(), REASONS));
        }
        return errs;
    }

    private static List<FieldError> auditAnnotation(AdmissionPolicyCel cel, String policyName,
            AuditAnnotation annotation, String path) {
        List<FieldError> errs = new ArrayList<>();
        String key = annotation.getKey() == null ? "" : annotation.getKey();
        if (policyName != null && !policyName.isEmpty()) {
            String qualified = policyName + "/" + key;
            Names.qualifiedName(qualified).forEach(m -> errs.add(FieldError.invalid(path + ".key", qualified, m)));
        } else {
            errs.add(FieldError.invalid(path + ".key", key, "requires metadata.name be non-empty"));
        }
        String expression = annotation.getValueExpression() == null ? "" : annotation.getValueExpression().trim();
        if (expression.isEmpty()) {
            errs.add(FieldError.required(path + ".valueExpression", "valueExpression is not specified"));
        } else if (expression.length() > MAX_VALUE_EXPRESSION) {
            errs.add(FieldError.required(path + ".valueExpression",
                    "must not exceed " + MAX_VALUE_EXPRESSION + " bytes in length"));
        } else {
            String error = cel.compile(expression, Returns.STRING_OR_NULL).error();
            if (error != null) {
                errs.add(FieldError.invalid(path + ".valueExpression", annotation.getValueExpression(), error));
            }
        }
        return errs;
    }

    private static List<FieldError> paramRef(ParamRef ref, String path) {
        List<FieldError> errs = new ArrayList<>();
        if (ref == null) {
            return errs;
        }
        String name = ref.getName() == null ? "" : ref.getName();
        if (!name.isEmpty()) {
            pathSegment(name).forEach(m -> errs.add(FieldError.invalid(path + ".name", name, m)));
            if (ref.getSelector() != null) {
                errs.add(FieldError.forbidden(path + ".name", "name and selector are mutually exclusive"));
            }
        }
        if (ref.getSelector() != null) {
            errs.addAll(LabelSelectors.validate(ref.getSelector(), path + ".selector"));
            if (!name.isEmpty()) {
                errs.add(FieldError.forbidden(path + ".selector", "name and selector are mutually exclusive"));
            }
        }
        if (name.isEmpty() && ref.getSelector() == null) {
            errs.add(FieldError.required(path, "one of name or selector must be specified"));
        }
        String action = ref.getParameterNotFoundAction();
        if (action == null || action.isEmpty()) {
            errs.add(FieldError.required(path + ".parameterNotFoundAction", ""));
        } else if (!action.equals("Deny") && !action.equals("Allow")) {
            errs.add(FieldError.notSupported(path + ".parameterNotFoundAction", action, List.of("Deny", "Allow")));
        }
        return errs;
    }

    private static List<FieldError> validationActions(List<String> actions, String path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < actions.size(); i++) {
            String action = actions.get(i);
            if (!ACTIONS.contains(action)) {
                errs.add(FieldError.notSupported(path + "[" + i + "]", action, ACTIONS));
            }
            if (!seen.add(action)) {
                errs.add(FieldError.duplicate(path + "[" + i + "]", action));
            }
        }
        if (seen.contains("Deny") && seen.contains("Warn")) {
            errs.add(FieldError.invalid(path, new GoList(actions), "must not contain both Deny and Warn (repeating "
                    + "the same validation failure information in the API response and headers serves no purpose)"));
        }
        if (seen.isEmpty()) {
            errs.add(FieldError.required(path, "at least one validation action is required"));
        }
        return errs;
    }

    /** The actions as Go's %#v prints them in a field error. */
    private record GoList(List<String> items) {
        @Override
        public String toString() {
            return "[]admissionregistration.ValidationAction{"
                    + String.join(", ", items.stream().map(i -> "\"" + i + "\"").toList()) + "}";
        }
    }

    private static <E> List<E> nonNull(List<E> list) {
        return list == null ? List.of() : list;
    }
}

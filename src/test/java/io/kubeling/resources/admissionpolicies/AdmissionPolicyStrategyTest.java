package io.kubeling.resources.admissionpolicies;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.kubeling.registry.validation.FieldError;

class AdmissionPolicyStrategyTest {

    private final ValidatingAdmissionPolicyStrategy policies = new ValidatingAdmissionPolicyStrategy();
    private final ValidatingAdmissionPolicyBindingStrategy bindings = new ValidatingAdmissionPolicyBindingStrategy();

    private static ValidatingAdmissionPolicyBuilder minimal() {
        return new ValidatingAdmissionPolicyBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec()
                .withNewMatchConstraints().withResourceRules(new NamedRuleWithOperationsBuilder()
                        .withOperations("CREATE").withApiGroups("apps").withApiVersions("v1")
                        .withResources("deployments").build()).endMatchConstraints()
                .addNewValidation().withExpression("object.spec.replicas <= 5").endValidation().endSpec();
    }

    private static List<String> texts(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).toList();
    }

    @Test
    void createFillsKubesDefaultsAndClearsStatus() {
        ValidatingAdmissionPolicy policy = minimal().editSpec().endSpec().withNewStatus().withObservedGeneration(3L)
                .endStatus().build();
        policies.applyDefaults(policy);
        policies.prepareForCreate(policy);

        assertThat(policy.getStatus()).isNull();
        assertThat(policy.getSpec().getFailurePolicy()).isEqualTo("Fail");
        assertThat(policy.getSpec().getMatchConstraints().getMatchPolicy()).isEqualTo("Equivalent");
        assertThat(policy.getSpec().getMatchConstraints().getNamespaceSelector()).isNotNull();
        assertThat(policy.getSpec().getMatchConstraints().getObjectSelector()).isNotNull();
        assertThat(policy.getSpec().getMatchConstraints().getResourceRules().get(0).getScope()).isEqualTo("*");
        assertThat(policies.validate(policy)).isEmpty();

        ValidatingAdmissionPolicyBinding binding = new ValidatingAdmissionPolicyBindingBuilder().withNewMetadata()
                .withName("b").endMetadata().withNewSpec().withPolicyName("p").withValidationActions("Deny")
                .withNewParamRef().withName("limits").endParamRef().withNewMatchResources().endMatchResources()
                .endSpec().build();
        bindings.applyDefaults(binding);
        bindings.prepareForCreate(binding);
        assertThat(binding.getSpec().getParamRef().getParameterNotFoundAction()).isEqualTo("Deny");
        assertThat(binding.getSpec().getMatchResources().getMatchPolicy()).isEqualTo("Equivalent");
        assertThat(bindings.validate(binding)).isEmpty();
    }

    @Test
    void expressionsAreCompiledWithKubesErrors() {
        ValidatingAdmissionPolicy policy = minimal().editSpec().withValidations()
                .addNewValidation().withExpression("object.spec.replicas <= ").endValidation()
                .addNewValidation().withExpression("object.spec.replicas").withMessage("two\nlines")
                        .withReason("Teapot").endValidation()
                .addNewValidation().withExpression("params.max > 1").withMessageExpression("1 + 2").endValidation()
                .addNewValidation().withExpression(" ").endValidation()
                .addNewValidation().withExpression("request.uid != ''").withMessageExpression("request.name")
                        .endValidation()
                .addNewVariable().withName("in").withExpression("1").endVariable()
                .addNewMatchCondition().withName("c").withExpression("authorizer.check('get')")
                        .endMatchCondition()
                .endSpec().build();
        policies.applyDefaults(policy);
        policies.prepareForCreate(policy);

        List<String> errors = texts(policies.validate(policy));

        assertThat(errors).hasSize(10);
        assertThat(errors.get(9)).startsWith("spec.validations[4].expression: Invalid value: \"request.uid != ''\": "
                + "compilation failed: ERROR: <input>:1:8: undefined field 'uid'");
        assertThat(errors.get(0)).startsWith("spec.matchConditions[0].expression: Invalid value: "
                + "\"authorizer.check('get')\": compilation failed: ERROR: <input>:1:");
        assertThat(errors.get(0)).contains("found no matching overload for 'check'");
        assertThat(errors.get(1)).isEqualTo("spec.variables[0].name: Invalid value: \"in\": name is not a valid CEL "
                + "identifier");
        assertThat(errors.get(2)).startsWith("spec.validations[0].expression: Invalid value: "
                + "\"object.spec.replicas <= \": compilation failed: ERROR: <input>:1:");
        assertThat(errors.subList(3, 9)).containsExactly(
                "spec.validations[1].expression: Invalid value: \"object.spec.replicas\": must evaluate to bool but got dyn",
                "spec.validations[1].message: Invalid value: \"two\\nlines\": message must not contain line breaks",
                "spec.validations[1].reason: Unsupported value: \"Teapot\": supported values: \"Forbidden\", "
                        + "\"Invalid\", \"RequestEntityTooLarge\", \"Unauthorized\"",
                "spec.validations[2].expression: Invalid value: \"params.max > 1\": compilation failed: ERROR: "
                        + "<input>:1:1: undeclared reference to 'params' (in container '')\n | params.max > 1\n | ^",
                "spec.validations[2].messageExpression: Invalid value: \"1 + 2\": must evaluate to string but got int",
                "spec.validations[3].expression: Required value: expression is not specified");
    }

    @Test
    void theAuthorizerIsDeclaredWithKubesTypes() {
        ValidatingAdmissionPolicy policy = minimal().editSpec().withValidations()
                .addNewValidation().withExpression("authorizer.group('apps').resource('deployments').namespace('x')"
                        + ".check('get').allowed()").withMessageExpression("variables.decision.reason()")
                        .endValidation()
                .addNewValidation().withExpression("authorizer.requestResource.check('create').allowed()")
                        .endValidation()
                .addNewValidation().withExpression("authorizer.serviceAccount('ns').path('/').check('get').allowed()")
                        .endValidation()
                .addNewValidation().withExpression("authorizer.path('/healthz').check('get')").endValidation()
                .addNewVariable().withName("decision").withExpression("authorizer.serviceAccount('ns', 'sa')"
                        + ".group('').resource('pods').subresource('log').name('p').check('get')").endVariable()
                .addNewAuditAnnotation().withKey("error").withValueExpression("variables.decision.error()")
                        .endAuditAnnotation()
                .addNewMatchCondition().withName("c").withExpression("!authorizer.requestResource.check('get').errored()")
                        .endMatchCondition()
                .endSpec().build();
        policies.applyDefaults(policy);
        policies.prepareForCreate(policy);

        List<String> errors = texts(policies.validate(policy));

        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).startsWith("spec.validations[2].expression: Invalid value: "
                + "\"authorizer.serviceAccount('ns').path('/').check('get').allowed()\": compilation failed: ERROR: "
                + "<input>:1:").contains("found no matching overload for 'serviceAccount'");
        assertThat(errors.get(1)).isEqualTo("spec.validations[3].expression: Invalid value: "
                + "\"authorizer.path('/healthz').check('get')\": must evaluate to bool but got "
                + "kubernetes.authorization.Decision");
    }

    @Test
    void variablesAreTypedByTheirExpressionsAndSeeOnlyEarlierOnes() {
        ValidatingAdmissionPolicy policy = minimal().editSpec().withValidations()
                .addNewValidation().withExpression("variables.big").endValidation()
                .addNewValidation().withExpression("variables.names").endValidation()
                .addNewValidation().withExpression("variables.later == 1").endValidation()
                .addNewVariable().withName("replicas").withExpression("object.spec.replicas").endVariable()
                .addNewVariable().withName("big").withExpression("variables.replicas > 3").endVariable()
                .addNewVariable().withName("early").withExpression("variables.later").endVariable()
                .addNewVariable().withName("later").withExpression("2").endVariable()
                .addNewVariable().withName("names").withExpression("[object.metadata.name]").endVariable()
                .endSpec().build();
        policies.applyDefaults(policy);
        policies.prepareForCreate(policy);

        List<String> errors = texts(policies.validate(policy));

        assertThat(errors).hasSize(2);
        assertThat(errors.get(1)).isEqualTo("spec.validations[1].expression: Invalid value: \"variables.names\": "
                + "must evaluate to bool but got list(dyn)");
        assertThat(errors.get(0)).startsWith("spec.variables[2].expression: Invalid value: \"variables.later\": "
                + "compilation failed: ERROR: <input>:1:10: undefined field 'later'");
    }

    @Test
    void aPolicyNeedsRulesAndSomethingToCheck() {
        ValidatingAdmissionPolicy policy = new ValidatingAdmissionPolicyBuilder().withNewMetadata().withName("p")
                .endMetadata().withNewSpec().withFailurePolicy("Sometimes").withNewParamKind().withApiVersion("a/b/c")
                .endParamKind().endSpec().build();

        assertThat(texts(policies.validate(policy))).containsExactly(
                "spec.failurePolicy: Unsupported value: \"Sometimes\": supported values: \"Fail\", \"Ignore\"",
                "spec.paramKind.apiVersion: Invalid value: \"a/b/c\": unexpected GroupVersion string: a/b/c",
                "spec.paramKind.kind: Required value",
                "spec.matchConstraints: Required value",
                "spec.validations: Required value: validations or auditAnnotations must contain at least one item",
                "spec.auditAnnotations: Required value: validations or auditAnnotations must contain at least one "
                        + "item");
    }

    @Test
    void bindingsGetKubesMessagesWithKubesSpellingOfMatchResources() {
        ValidatingAdmissionPolicyBinding binding = new ValidatingAdmissionPolicyBindingBuilder().withNewMetadata()
                .withName("b").endMetadata().withNewSpec().withValidationActions("Deny", "Warn", "Deny", "Log")
                .withNewParamRef().withName("x").withSelector(new LabelSelectorBuilder().addToMatchLabels("a", "b")
                        .build()).withParameterNotFoundAction("Maybe").endParamRef()
                .withNewMatchResources().withMatchPolicy("Fuzzy").endMatchResources().endSpec().build();

        assertThat(texts(bindings.validate(binding))).containsExactly(
                "spec.policyName: Required value",
                "spec.paramRef.name: Forbidden: name and selector are mutually exclusive",
                "spec.paramRef.selector: Forbidden: name and selector are mutually exclusive",
                "spec.paramRef.parameterNotFoundAction: Unsupported value: \"Maybe\": supported values: \"Deny\", "
                        + "\"Allow\"",
                "spec.matchResouces.matchPolicy: Unsupported value: \"Fuzzy\": supported values: \"Equivalent\", "
                        + "\"Exact\"",
                "spec.matchResouces.namespaceSelector: Required value",
                "spec.matchResouces.objectSelector: Required value",
                "spec.validationActions[2]: Duplicate value: \"Deny\"",
                "spec.validationActions[3]: Unsupported value: \"Log\": supported values: \"Audit\", \"Deny\", "
                        + "\"Warn\"",
                "spec.validationActions: Invalid value: []admissionregistration.ValidationAction{\"Deny\", \"Warn\", "
                        + "\"Deny\", \"Log\"}: must not contain both Deny and Warn (repeating the same validation "
                        + "failure information in the API response and headers serves no purpose)");

        ValidatingAdmissionPolicyBinding empty = new ValidatingAdmissionPolicyBindingBuilder().withNewMetadata()
                .withName("b").endMetadata().withNewSpec().withPolicyName("p").endSpec().build();
        assertThat(texts(bindings.validate(empty))).containsExactly(
                "spec.validationActions: Required value: at least one validation action is required");
    }

    @Test
    void updatesBumpTheGenerationOnlyForSpecChangesAndKeepTheStatus() {
        ValidatingAdmissionPolicy old = minimal().withNewStatus().withObservedGeneration(1L).endStatus().build();
        policies.applyDefaults(old);
        policies.prepareForCreate(old);
        old.setStatus(new io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyStatus(
                List.of(), 1L, null));
        ValidatingAdmissionPolicy updated = minimal().build();
        policies.applyDefaults(updated);
        policies.prepareForUpdate(updated, old);

        assertThat(updated.getStatus().getObservedGeneration()).isEqualTo(1L);
        assertThat(policies.specChanged(updated, old)).isFalse();
        updated.getSpec().setFailurePolicy("Ignore");
        assertThat(policies.specChanged(updated, old)).isTrue();

        ValidatingAdmissionPolicy status = minimal().editSpec().withFailurePolicy("Ignore").endSpec().build();
        new ValidatingAdmissionPolicyStatusStrategy().prepareForUpdate(status, old);
        assertThat(status.getSpec()).isEqualTo(old.getSpec());
    }

    @Test
    void tablesShowWhatKubectlPrints() {
        ValidatingAdmissionPolicy policy = minimal().editSpec().withNewParamKind().withApiVersion("v1")
                .withKind("ConfigMap").endParamKind().endSpec().build();
        policy.getMetadata().setCreationTimestamp("2026-03-01T10:00:00Z");
        Instant now = Instant.parse("2026-03-01T10:05:00Z");
        assertThat(new PolicyTable().cells(policy, now)).containsExactly("p", 1L, "v1/ConfigMap", "5m");
        assertThat(new PolicyTable().columns()).extracting(c -> c.name())
                .containsExactly("Name", "Validations", "ParamKind", "Age");

        ValidatingAdmissionPolicyBinding binding = new ValidatingAdmissionPolicyBindingBuilder().withNewMetadata()
                .withName("b").withCreationTimestamp("2026-03-01T10:00:00Z").endMetadata().withNewSpec()
                .withPolicyName("p").withNewParamRef().withName("limits").endParamRef().endSpec().build();
        assertThat(new BindingTable().cells(binding, now)).containsExactly("b", "p", "*/limits", "5m");
        binding.getSpec().getParamRef().setNamespace("team");
        assertThat(BindingTable.paramRef(binding.getSpec().getParamRef())).isEqualTo("team/limits");
        binding.getSpec().getParamRef().setName(null);
        binding.getSpec().getParamRef().setSelector(new LabelSelectorBuilder().addToMatchLabels("tier", "gold")
                .build());
        assertThat(BindingTable.paramRef(binding.getSpec().getParamRef()))
                .isEqualTo("&LabelSelector{MatchLabels:map[string]string{tier: gold,},"
                        + "MatchExpressions:[]LabelSelectorRequirement{},}");
        assertThat(BindingTable.paramRef(null)).isEqualTo("<unset>");
    }
}

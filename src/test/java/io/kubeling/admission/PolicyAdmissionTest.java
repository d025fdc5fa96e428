package io.kubeling.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpecBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicySpecBuilder;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.RequestWarnings;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.admissionpolicies.AdmissionPolicyResource;
import io.kubeling.resources.configmaps.ConfigMapResource;
import io.kubeling.resources.namespaces.NamespaceResource;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;

/** ValidatingAdmissionPolicies enforced in the registry's write path, over config maps. */
class PolicyAdmissionTest {

    private final InMemoryStorage storage;
    private final Registry registry;
    private final ResourceStore<ConfigMap> configMaps;

    PolicyAdmissionTest() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        storage = InMemoryStorage.open(clock);
        AtomicReference<Registry> holder = new AtomicReference<>();
        AdmissionPolicyResource policies = new AdmissionPolicyResource();
        registry = new Registry(List.of(new NamespaceResource().namespaces(), new ConfigMapResource().configmaps(),
                policies.validatingAdmissionPolicies(), policies.validatingAdmissionPolicyBindings()),
                storage.store(), new ObjectCodec(), clock, new NameGenerator(),
                List.of(new PolicyAdmission(holder::get, new ObjectCodec())), List.of(), List.of(),
                new KubelingProperties.Cache(1024, null));
        holder.set(registry);
        configMaps = registry.store(ConfigMap.class);
        namespace("team", Map.of("env", "prod"));
        namespace("dev", Map.of("env", "dev"));
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private void namespace(String name, Map<String, String> labels) {
        registry.store(io.fabric8.kubernetes.api.model.Namespace.class).create(null, new NamespaceBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata().build(), WriteOptions.DEFAULT);
    }

    private static ValidatingAdmissionPolicySpecBuilder onConfigMaps() {
        return new ValidatingAdmissionPolicySpecBuilder().withNewMatchConstraints()
                .withResourceRules(new NamedRuleWithOperationsBuilder().withOperations("CREATE", "UPDATE")
                        .withApiGroups("").withApiVersions("v1").withResources("configmaps").build())
                .endMatchConstraints();
    }

    private void policy(String name, ValidatingAdmissionPolicySpecBuilder spec) {
        registry.store(ValidatingAdmissionPolicy.class).create(null, new ValidatingAdmissionPolicyBuilder()
                .withNewMetadata().withName(name).endMetadata().withSpec(spec.build()).build(), WriteOptions.DEFAULT);
    }

    private void binding(String name, ValidatingAdmissionPolicyBindingSpecBuilder spec) {
        registry.store(ValidatingAdmissionPolicyBinding.class).create(null, new ValidatingAdmissionPolicyBindingBuilder()
                .withNewMetadata().withName(name).endMetadata().withSpec(spec.build()).build(), WriteOptions.DEFAULT);
    }

    private static ValidatingAdmissionPolicyBindingSpecBuilder bind(String policy, String... actions) {
        return new ValidatingAdmissionPolicyBindingSpecBuilder().withPolicyName(policy).withValidationActions(actions);
    }

    private ConfigMap create(String ns, String name, Map<String, String> data) {
        return create(ns, name, Map.of(), data);
    }

    private ConfigMap create(String ns, String name, Map<String, String> labels, Map<String, String> data) {
        return configMaps.create(ns, new ConfigMapBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().withData(data).build(), WriteOptions.DEFAULT);
    }

    private Status refusal(Runnable write) {
        try {
            write.run();
        } catch (StatusException e) {
            return e.status();
        }
        throw new AssertionError("the write was admitted");
    }

    private long stored(String ns) {
        return configMaps.list(ns, ListOptions.ALL).items().size();
    }

    @Test
    void aFailedValidationDeniesWithKubesStatusAndNothingIsStored() {
        policy("small", onConfigMaps().addNewValidation().withExpression("size(object.data) <= 1").endValidation());
        binding("small-binding", bind("small", "Deny"));

        Status status = refusal(() -> create("team", "big", Map.of("a", "1", "b", "2")));

        String message = "ValidatingAdmissionPolicy 'small' with binding 'small-binding' denied request: "
                + "failed expression: size(object.data) <= 1";
        assertThat(status.getCode()).isEqualTo(422);
        assertThat(status.getReason()).isEqualTo("Invalid");
        assertThat(status.getMessage()).isEqualTo("configmaps \"big\" is forbidden: " + message);
        assertThat(status.getDetails().getName()).isEqualTo("big");
        assertThat(status.getDetails().getKind()).isEqualTo("configmaps");
        assertThat(status.getDetails().getCauses()).singleElement()
                .satisfies(c -> assertThat(c.getMessage()).isEqualTo(message));
        assertThat(stored("team")).isZero();
        assertThat(create("team", "one", Map.of("a", "1")).getMetadata().getName()).isEqualTo("one");
    }

    @Test
    void messagesComeFromTheMessageExpressionThenTheMessageAndTheReasonSetsTheCode() {
        policy("named", onConfigMaps()
                .addNewValidation().withExpression("object.metadata.name.startsWith('app-')")
                        .withMessageExpression("'name ' + object.metadata.name + ' lacks the app- prefix'")
                        .withReason("Forbidden").endValidation()
                .addNewValidation().withExpression("false").withMessage("never shown").endValidation());
        binding("named", bind("named", "Deny"));

        Status status = refusal(() -> create("team", "web", Map.of()));

        assertThat(status.getCode()).isEqualTo(403);
        assertThat(status.getReason()).isEqualTo("Forbidden");
        assertThat(status.getMessage()).endsWith("denied request: name web lacks the app- prefix");

        Status second = refusal(() -> create("team", "app-web", Map.of()));
        assertThat(second.getCode()).isEqualTo(422);
        assertThat(second.getMessage()).endsWith("denied request: never shown");
    }

    @Test
    void warnAddsAWarningHeaderAndAuditAdmits() {
        policy("small", onConfigMaps().addNewValidation().withExpression("size(object.data) <= 1")
                .withMessage("too much data").endValidation());
        binding("warn", bind("small", "Warn", "Audit"));

        List<String> warnings = new ArrayList<>();
        ConfigMap created = RequestWarnings.collect(warnings, () -> create("team", "big", Map.of("a", "1", "b", "2")));

        assertThat(created.getMetadata().getUid()).isNotNull();
        assertThat(warnings).containsExactly(
                "Validation failed for ValidatingAdmissionPolicy 'small' with binding 'warn': too much data");
    }

    @Test
    void matchConstraintsBindingsAndConditionsChooseTheRequests() {
        policy("strict", onConfigMaps().editMatchConstraints()
                .withExcludeResourceRules(new NamedRuleWithOperationsBuilder().withOperations("*").withApiGroups("")
                        .withApiVersions("v1").withResources("configmaps").withResourceNames("exempt").build())
                .withObjectSelector(new LabelSelectorBuilder().addNewMatchExpression().withKey("skip")
                        .withOperator("DoesNotExist").endMatchExpression().build())
                .endMatchConstraints()
                .addNewMatchCondition().withName("not-dry").withExpression("request.operation == 'CREATE'")
                        .endMatchCondition()
                .addNewValidation().withExpression("false").endValidation());
        binding("prod-only", bind("strict", "Deny").withNewMatchResources().withNamespaceSelector(
                new LabelSelectorBuilder().addToMatchLabels("env", "prod").build()).endMatchResources());

        assertThat(refusal(() -> create("team", "a", Map.of())).getMessage()).contains("'strict'");
        create("dev", "a", Map.of());
        create("team", "exempt", Map.of());
        create("team", "labelled", Map.of("skip", "yes"), Map.of());
        registry.store(ValidatingAdmissionPolicy.class).delete(null, "strict", DeleteOptions.DEFAULT);
        create("team", "after", Map.of());
        assertThat(stored("team")).isEqualTo(3);
        assertThat(stored("dev")).isEqualTo(1);
    }

    @Test
    void variablesRequestAndNamespaceObjectAreBound() {
        policy("vars", onConfigMaps()
                .addNewVariable().withName("env").withExpression("namespaceObject.metadata.labels.env").endVariable()
                .addNewVariable().withName("prod").withExpression("variables.env == 'prod'").endVariable()
                .addNewValidation().withExpression("!variables.prod || (has(object.data) && has(object.data.owner))")
                        .withMessageExpression("'in ' + variables.env + ', ' + request.operation + ' of ' "
                                + "+ request.name + ' needs an owner'").endValidation()
                .addNewValidation().withExpression("request.subResource == '' && !request.dryRun "
                        + "&& request.kind.kind == 'ConfigMap' && request.resource.resource == 'configmaps'")
                        .withMessageExpression("request.namespace").endValidation());
        binding("vars", bind("vars", "Deny"));

        assertThat(refusal(() -> create("team", "x", Map.of())).getMessage())
                .endsWith("denied request: in prod, CREATE of x needs an owner");
        create("dev", "x", Map.of());
        create("team", "y", Map.of("owner", "me"));
    }

    @Test
    void theAuthorizerAllowsEveryCheckAsKubelingAuthorizesEveryRequest() {
        policy("authz", onConfigMaps()
                .addNewVariable().withName("canGet").withExpression("authorizer.group('apps').resource('deployments')"
                        + ".namespace('x').check('get')").endVariable()
                .addNewMatchCondition().withName("authorized")
                        .withExpression("authorizer.requestResource.check('create').allowed()").endMatchCondition()
                .addNewValidation().withExpression("authorizer.group('apps').resource('deployments').namespace('x')"
                        + ".check('get').allowed() && variables.canGet.reason() == '' && !variables.canGet.errored()"
                        + " && variables.canGet.error() == ''"
                        + " && authorizer.serviceAccount('team', 'sa').path('/healthz').check('get').allowed()")
                        .endValidation()
                .addNewValidation().withExpression("!authorizer.requestResource.subresource('status').name('n')"
                        + ".check('create').allowed() || object.metadata.name != 'forbidden'")
                        .withMessageExpression("'allowed: ' + string(authorizer.requestResource.check('create')"
                                + ".allowed())").endValidation());
        binding("authz", bind("authz", "Deny"));

        create("team", "x", Map.of());
        assertThat(refusal(() -> create("team", "forbidden", Map.of())).getMessage())
                .endsWith("denied request: allowed: true");
        assertThat(stored("team")).isEqualTo(1);
    }

    @Test
    void paramsComeFromTheBindingsParamRef() {
        policy("limit", onConfigMaps().withNewParamKind().withApiVersion("v1").withKind("ConfigMap").endParamKind()
                .addNewValidation().withExpression("size(object.data) <= int(params.data.max)")
                        .withMessageExpression("'at most ' + params.data.max + ' keys'").endValidation());
        binding("by-name", bind("limit", "Deny").withNewParamRef().withName("limits").withNamespace("dev")
                .endParamRef().withNewMatchResources().withNamespaceSelector(new LabelSelectorBuilder()
                        .addToMatchLabels("env", "prod").build()).endMatchResources());

        assertThat(refusal(() -> create("team", "x", Map.of())).getMessage()).endsWith(
                "with binding 'by-name' denied request: failed to configure binding: no params found for policy "
                        + "binding with `Deny` parameterNotFoundAction");
        create("dev", "limits", Map.of("max", "1"));
        create("team", "small", Map.of("a", "1"));
        assertThat(refusal(() -> create("team", "big", Map.of("a", "1", "b", "2"))).getMessage())
                .endsWith("denied request: at most 1 keys");

        binding("by-selector", bind("limit", "Deny").withNewParamRef().withSelector(new LabelSelectorBuilder()
                .addToMatchLabels("kind", "limit").build()).withParameterNotFoundAction("Allow").endParamRef()
                .withNewMatchResources().withNamespaceSelector(new LabelSelectorBuilder()
                        .addToMatchLabels("env", "dev").build()).endMatchResources());
        create("dev", "two", Map.of("a", "1", "b", "2"));
        create("dev", "dev-limit", Map.of("kind", "limit"), Map.of("max", "2"));
        assertThat(refusal(() -> create("dev", "three", Map.of("a", "1", "b", "2", "c", "3"))).getMessage())
                .endsWith("with binding 'by-selector' denied request: at most 2 keys");
    }

    @Test
    void runtimeErrorsAndConfigurationErrorsFollowTheFailurePolicy() {
        policy("fails", onConfigMaps().addNewValidation().withExpression("object.data.missing == 'x'")
                .endValidation());
        binding("fails", bind("fails", "Deny"));

        assertThat(refusal(() -> create("team", "x", Map.of("k", "v"))).getMessage()).endsWith(
                "denied request: expression 'object.data.missing == 'x'' resulted in error: no such key: missing");

        registry.store(ValidatingAdmissionPolicy.class).delete(null, "fails", DeleteOptions.DEFAULT);
        policy("fails", onConfigMaps().withFailurePolicy("Ignore").addNewValidation()
                .withExpression("object.data.missing == 'x'").endValidation());
        create("team", "x", Map.of("k", "v"));

        policy("unknown-kind", onConfigMaps().withNewParamKind().withApiVersion("example.com/v1")
                .withKind("Missing").endParamKind().addNewValidation().withExpression("true").endValidation());
        binding("unknown-kind", bind("unknown-kind", "Deny"));
        Status status = refusal(() -> create("team", "y", Map.of()));
        assertThat(status.getMessage()).endsWith("ValidatingAdmissionPolicy 'unknown-kind' denied request: failed to "
                + "configure policy: failed to find resource referenced by paramKind: 'example.com/v1, "
                + "Kind=Missing'");
        assertThat(status.getCode()).isEqualTo(422);
    }

    @Test
    void aPolicyWithoutBindingsAndThePolicyResourcesThemselvesAreLeftAlone() {
        policy("everything", new ValidatingAdmissionPolicySpecBuilder().withNewMatchConstraints()
                .withResourceRules(new NamedRuleWithOperationsBuilder().withOperations("*").withApiGroups("*")
                        .withApiVersions("*").withResources("*").build()).endMatchConstraints()
                .addNewValidation().withExpression("false").endValidation());
        create("team", "unbound", Map.of());

        binding("everything", bind("everything", "Deny"));
        policy("another", onConfigMaps().addNewValidation().withExpression("true").endValidation());
        assertThatThrownBy(() -> create("team", "bound", Map.of())).isInstanceOf(StatusException.class);
        registry.store(ValidatingAdmissionPolicyBinding.class).delete(null, "everything", DeleteOptions.DEFAULT);
        create("team", "free", Map.of());
    }

    @Test
    void deletesSeeTheOldObjectAndAVariablesErrorSurfacesWhereItIsRead() {
        policy("keep", new ValidatingAdmissionPolicySpecBuilder().withNewMatchConstraints()
                .withResourceRules(new NamedRuleWithOperationsBuilder().withOperations("DELETE").withApiGroups("")
                        .withApiVersions("v1").withResources("configmaps").build()).endMatchConstraints()
                .addNewVariable().withName("locked").withExpression("oldObject.data.locked == 'true'").endVariable()
                .addNewValidation().withExpression("object == null && !variables.locked")
                        .withMessage("locked").endValidation()
                .addNewAuditAnnotation().withKey("deleted").withValueExpression("string(oldObject.metadata.name)")
                        .endAuditAnnotation());
        binding("keep", bind("keep", "Deny"));
        create("team", "locked", Map.of("locked", "true"));
        create("team", "open", Map.of("locked", "false"));
        create("team", "bare", Map.of("other", "x"));

        assertThat(refusal(() -> configMaps.delete("team", "locked", DeleteOptions.DEFAULT)).getMessage())
                .endsWith("with binding 'keep' denied request: locked");
        configMaps.delete("team", "open", DeleteOptions.DEFAULT);
        assertThat(refusal(() -> configMaps.delete("team", "bare", DeleteOptions.DEFAULT)).getMessage())
                .endsWith("denied request: expression 'object == null && !variables.locked' resulted in error: "
                        + "expression 'oldObject.data.locked == 'true'' resulted in error: no such key: locked");
        assertThat(stored("team")).isEqualTo(2);
    }
}

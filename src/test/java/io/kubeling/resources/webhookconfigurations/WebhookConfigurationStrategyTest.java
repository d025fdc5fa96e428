package io.kubeling.resources.webhookconfigurations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.kubeling.registry.validation.FieldError;

class WebhookConfigurationStrategyTest {

    private final MutatingWebhookConfigurationStrategy mutating = new MutatingWebhookConfigurationStrategy();
    private final ValidatingWebhookConfigurationStrategy validating = new ValidatingWebhookConfigurationStrategy();

    private static MutatingWebhookConfiguration minimal() {
        return new MutatingWebhookConfigurationBuilder().withNewMetadata().withName("m").endMetadata()
                .addNewWebhook().withName("m.example.com").withSideEffects("None").withAdmissionReviewVersions("v1")
                .withNewClientConfig().withNewService().withName("svc").withNamespace("ns").endService()
                .endClientConfig()
                .withRules(new RuleWithOperationsBuilder().withOperations("CREATE").withApiGroups("")
                        .withApiVersions("v1").withResources("pods").build())
                .endWebhook().build();
    }

    @Test
    void createFillsKubesDefaults() {
        MutatingWebhookConfiguration config = minimal();
        mutating.applyDefaults(config);
        mutating.prepareForCreate(config);

        var hook = config.getWebhooks().get(0);
        assertThat(hook.getFailurePolicy()).isEqualTo("Fail");
        assertThat(hook.getMatchPolicy()).isEqualTo("Equivalent");
        assertThat(hook.getTimeoutSeconds()).isEqualTo(10);
        assertThat(hook.getReinvocationPolicy()).isEqualTo("Never");
        assertThat(hook.getNamespaceSelector()).isNotNull();
        assertThat(hook.getObjectSelector()).isNotNull();
        assertThat(hook.getRules().get(0).getScope()).isEqualTo("*");
        assertThat(hook.getClientConfig().getService().getPort()).isEqualTo(443);
        assertThat(mutating.validate(config)).isEmpty();
    }

    @Test
    void invalidWebhooksGetKubesMessages() {
        ValidatingWebhookConfiguration config = new ValidatingWebhookConfigurationBuilder().withNewMetadata()
                .withName("v").endMetadata()
                .withWebhooks(new ValidatingWebhookBuilder().withName("short.name").withSideEffects("Some")
                        .withTimeoutSeconds(31).withFailurePolicy("Never").withNewClientConfig()
                        .withUrl("http://example.com/x?a=b").endClientConfig()
                        .withRules(new RuleWithOperationsBuilder().withOperations("CREATE", "*").withApiGroups("")
                                .withApiVersions("v1").withResources("*", "pods").withScope("Everywhere").build())
                        .build(),
                        new ValidatingWebhookBuilder().withName("short.name.ok").withAdmissionReviewVersions("v2")
                                .withNewClientConfig().endClientConfig().build())
                .build();

        List<String> errors = validating.validate(config).stream().map(FieldError::toString).toList();

        assertThat(errors).containsExactly(
                "webhooks[0].name: Invalid value: \"short.name\": should be a domain with at least three segments "
                        + "separated by dots",
                "webhooks[0].rules[0].operations: Invalid value: []string{\"CREATE\", \"*\"}: if '*' is present, must "
                        + "not specify other operations",
                "webhooks[0].rules[0].resources: Invalid value: []string{\"*\", \"pods\"}: if '*' is present, must not "
                        + "specify other resources without subresources",
                "webhooks[0].rules[0].scope: Unsupported value: \"Everywhere\": supported values: \"*\", \"Cluster\", "
                        + "\"Namespaced\"",
                "webhooks[0].failurePolicy: Unsupported value: \"Never\": supported values: \"Fail\", \"Ignore\"",
                "webhooks[0].sideEffects: Unsupported value: \"Some\": supported values: \"None\", \"NoneOnDryRun\"",
                "webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds",
                "webhooks[0].clientConfig.url: Invalid value: \"http\": 'https' is the only allowed URL scheme; "
                        + "desired format: https://host[/path]",
                "webhooks[0].clientConfig.url: Invalid value: \"a=b\": query parameters are not permitted in the URL",
                "webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1",
                "webhooks[1].sideEffects: Required value: must specify one of None, NoneOnDryRun",
                "webhooks[1].clientConfig: Required value: exactly one of url or service is required",
                "webhooks[1].admissionReviewVersions: Invalid value: []string{\"v2\"}: must include at least one of "
                        + "v1, v1beta1");
    }

    @Test
    void generationMovesWhenTheWebhooksChange() {
        MutatingWebhookConfiguration old = minimal();
        MutatingWebhookConfiguration same = minimal();
        MutatingWebhookConfiguration changed = minimal();
        changed.getWebhooks().get(0).setTimeoutSeconds(5);

        assertThat(mutating.tracksGeneration()).isTrue();
        assertThat(mutating.specChanged(same, old)).isFalse();
        assertThat(mutating.specChanged(changed, old)).isTrue();
    }

    @Test
    void theTableCountsWebhooks() {
        MutatingWebhookConfiguration config = minimal();
        config.getMetadata().setCreationTimestamp("2026-03-01T10:00:00Z");
        var table = new WebhookConfigurationTable<MutatingWebhookConfiguration>(c -> c.getWebhooks().size());

        assertThat(table.columns()).extracting(c -> c.name()).containsExactly("Name", "Webhooks", "Age");
        assertThat(table.cells(config, Instant.parse("2026-03-01T10:05:00Z"))).containsExactly("m", 1L, "5m");
    }

    @Test
    void matchConditionsMustCompileToABooleanUnderUniqueNames() {
        MutatingWebhookConfiguration config = minimal();
        config.getWebhooks().get(0).setMatchConditions(List.of(
                new io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition("object.metadata.name + 'x'", "a"),
                new io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition("true &&", "a"),
                new io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition("request.dryRun", "b")));

        List<String> errors = mutating.validate(config).stream().map(FieldError::toString).toList();

        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).isEqualTo("webhooks[0].matchConditions[0].expression: Invalid value: "
                + "\"object.metadata.name + 'x'\": must evaluate to bool");
        assertThat(errors.get(1)).startsWith("webhooks[0].matchConditions[1].expression: Invalid value: \"true &&\": "
                + "compilation failed: ERROR: <input>:1:");
        assertThat(errors.get(2)).isEqualTo("webhooks[0].matchConditions[1].name: Duplicate value: \"a\"");
    }

    @Test
    void matchConditionsMayAskTheAuthorizerWithKubesTypes() {
        MutatingWebhookConfiguration config = minimal();
        config.getWebhooks().get(0).setMatchConditions(List.of(
                new io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition(
                        "authorizer.requestResource.check('create').allowed()", "a"),
                new io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition(
                        "authorizer.check('create')", "b"),
                new io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition(
                        "authorizer.group('apps').resource('deployments', 'x').check('get').allowed()", "c")));

        List<String> errors = mutating.validate(config).stream().map(FieldError::toString).toList();

        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).startsWith("webhooks[0].matchConditions[1].expression: Invalid value: "
                + "\"authorizer.check('create')\": compilation failed: ERROR: <input>:1:")
                .contains("found no matching overload for 'check'");
        assertThat(errors.get(1)).startsWith("webhooks[0].matchConditions[2].expression: Invalid value: ")
                .contains("found no matching overload for 'resource'");
    }
}

package io.kubeling.resources.resourcequotas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.kubeling.registry.validation.FieldError;

class ResourceQuotaRulesTest {

    private final ResourceQuotaStrategy strategy = new ResourceQuotaStrategy();

    @Test
    void hardLimitsAreQuotaResourcesNotNegativeAndWholeWhereTheyCount() {
        ResourceQuota quota = new ResourceQuotaBuilder().withNewMetadata().withName("q").endMetadata().withNewSpec()
                .withHard(Map.of("pods", new Quantity("1500m"), "memory", new Quantity("-1Gi"), "widgets",
                        new Quantity("1"), "count/deployments.apps", new Quantity("2")))
                .withScopes("Terminating", "NotTerminating").endSpec().build();
        strategy.prepareForCreate(quota);
        assertThat(strategy.validate(quota)).extracting(FieldError::toString).containsExactly(
                "spec.hard[memory]: Invalid value: \"-1Gi\": must be greater than or equal to 0",
                "spec.hard[pods]: Invalid value: \"1500m\": must be an integer",
                "spec.hard[widgets]: Invalid value: \"widgets\": must be a standard resource for quota",
                "spec.scopes: Invalid value: []core.ResourceQuotaScope{\"Terminating\", \"NotTerminating\"}: "
                        + "conflicting scopes");
    }

    @Test
    void scopesAndScopeSelectorsAreCheckedAgainstTheResourcesTheyLimit() {
        ResourceQuota scoped = new ResourceQuotaBuilder().withNewMetadata().withName("q").endMetadata().withNewSpec()
                .withHard(Map.of("pods", new Quantity("1"), "cpu", new Quantity("1"))).withScopes("BestEffort")
                .endSpec().build();
        strategy.prepareForCreate(scoped);
        assertThat(strategy.validate(scoped)).extracting(FieldError::toString).containsExactly(
                "spec.scopes: Invalid value: []core.ResourceQuotaScope{\"BestEffort\"}: "
                        + "unsupported scope applied to resource");

        ResourceQuota selected = new ResourceQuotaBuilder().withNewMetadata().withName("q").endMetadata().withNewSpec()
                .withHard(Map.of("requests.storage", new Quantity("1Gi"))).withNewScopeSelector()
                .addNewMatchExpression().withScopeName("Terminating").withOperator("In").withValues("x")
                .endMatchExpression()
                .addNewMatchExpression().withScopeName("PriorityClass").withOperator("NotIn").endMatchExpression()
                .addNewMatchExpression().withScopeName("NotTerminating").withOperator("Exists").withValues("y")
                .endMatchExpression().endScopeSelector().endSpec().build();
        strategy.prepareForCreate(selected);
        String selector = "core.ScopeSelector{MatchExpressions:[]core.ScopedResourceSelectorRequirement{"
                + "core.ScopedResourceSelectorRequirement{ScopeName:\"Terminating\", Operator:\"In\", "
                + "Values:[]string{\"x\"}}, core.ScopedResourceSelectorRequirement{ScopeName:\"PriorityClass\", "
                + "Operator:\"NotIn\", Values:[]string(nil)}, core.ScopedResourceSelectorRequirement{"
                + "ScopeName:\"NotTerminating\", Operator:\"Exists\", Values:[]string{\"y\"}}}}";
        String exist = "must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, "
                + "ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or "
                + "ResourceQuotaScopeCrossNamespacePodAffinity";
        assertThat(strategy.validate(selected)).extracting(FieldError::toString).containsExactly(
                "spec.scopeSelector.matchExpressions: Invalid value: " + selector
                        + ": unsupported scope applied to resource",
                "spec.scopeSelector.matchExpressions.operator: Invalid value: \"In\": " + exist,
                "spec.scopeSelector.matchExpressions: Invalid value: " + selector
                        + ": unsupported scope applied to resource",
                "spec.scopeSelector.matchExpressions.values: Required value: must be at least one value when "
                        + "`operator` is 'In' or 'NotIn' for scope selector",
                "spec.scopeSelector.matchExpressions: Invalid value: " + selector
                        + ": unsupported scope applied to resource",
                "spec.scopeSelector.matchExpressions.values: Invalid value: []string{\"y\"}: must be no value when "
                        + "`operator` is 'Exist' or 'DoesNotExist' for scope selector",
                "spec.scopeSelector.matchExpressions: Invalid value: []core.ResourceQuotaScope(nil): "
                        + "conflicting scopes");
    }

    @Test
    void tableSplitsRequestsFromLimits() {
        ResourceQuota quota = new ResourceQuotaBuilder().withNewMetadata().withName("compute")
                .withCreationTimestamp("2026-01-01T00:00:00Z").endMetadata().withNewStatus()
                .withHard(Map.of("pods", new Quantity("10"), "limits.cpu", new Quantity("4"), "requests.memory",
                        new Quantity("1Gi")))
                .withUsed(Map.of("pods", new Quantity("2"), "limits.cpu", new Quantity("500m"))).endStatus().build();
        assertThat(new ResourceQuotaTable().cells(quota, Instant.parse("2026-01-01T00:05:00Z"))).containsExactly(
                "compute", "pods: 2/10, requests.memory: 0/1Gi", "limits.cpu: 500m/4", "5m");
    }
}

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

package io.kubeling.resources.csistoragecapacities;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacity;
import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacityBuilder;
import io.kubeling.registry.validation.FieldError;

class CSIStorageCapacityRulesTest {

    private final CSIStorageCapacityStrategy strategy = new CSIStorageCapacityStrategy();

    private static CSIStorageCapacity capacity(String className, String size) {
        return new CSIStorageCapacityBuilder().withNewMetadata().withName("csisc-1").withNamespace("default")
                .endMetadata().withStorageClassName(className).withCapacity(size == null ? null : new Quantity(size))
                .withNewNodeTopology().addToMatchLabels("topology.kubernetes.io/zone", "a").endNodeTopology().build();
    }

    @Test
    void theClassNameIsASubdomainAndTheCapacityNotNegative() {
        assertThat(strategy.validate(capacity("standard", "10Gi"))).isEmpty();
        assertThat(strategy.validate(capacity("Bad_Class", "-1Gi"))).extracting(FieldError::toString).containsExactly(
                "storageClassName: Invalid value: \"Bad_Class\": a lowercase RFC 1123 subdomain must consist of lower "
                        + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'example.com', regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "capacity: Invalid value: \"-1Gi\": must be greater than or equal to 0");
    }

    @Test
    void theTopologyAndClassNeverChangeButTheCapacityDoes() {
        CSIStorageCapacity old = capacity("standard", "10Gi");
        assertThat(strategy.validateUpdate(capacity("standard", "5Gi"), old)).isEmpty();
        CSIStorageCapacity moved = capacity("fast", "10Gi");
        moved.getNodeTopology().setMatchLabels(java.util.Map.of("topology.kubernetes.io/zone", "b"));
        assertThat(strategy.validateUpdate(moved, old)).extracting(FieldError::toString).containsExactly(
                "nodeTopology: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"
                        + "\"topology.kubernetes.io/zone\":\"b\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: "
                        + "field is immutable",
                "storageClassName: Invalid value: \"fast\": field is immutable");
    }

    @Test
    void theTableShowsClassAndCapacityOrUnset() {
        CSIStorageCapacityTable table = new CSIStorageCapacityTable();
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(table.cells(capacity("standard", "10Gi"), now)).containsExactly("csisc-1", "standard", "10Gi");
        assertThat(table.cells(capacity("standard", null), now)).containsExactly("csisc-1", "standard", "<unset>");
        assertThat(table.columns()).extracting(c -> c.name()).containsExactly("Name", "StorageClassName", "Capacity");
    }
}

package io.kubeling.resources.csinodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSINodeBuilder;
import io.kubeling.registry.validation.FieldError;

class CSINodeRulesTest {

    @Test
    void driversAreNamedOnceWithANodeIdAndCounted() {
        CSINode node = new CSINodeBuilder().withNewMetadata().withName("node-1")
                .withCreationTimestamp("2026-01-01T00:00:00Z").endMetadata().withNewSpec()
                .addNewDriver().withName("a.example.com").withNodeID("n1").endDriver()
                .addNewDriver().withName("a.example.com").endDriver().endSpec().build();
        CSINodeStrategy strategy = new CSINodeStrategy();
        strategy.prepareForCreate(node);
        assertThat(strategy.validate(node)).extracting(FieldError::toString).containsExactly(
                "spec.drivers[1].name: Duplicate value: \"a.example.com\"",
                "spec.drivers[1].nodeID: Required value");
        assertThat(new CSINodeTable().cells(node, Instant.parse("2026-01-01T00:02:00Z")))
                .containsExactly("node-1", 2L, "2m");
    }
}

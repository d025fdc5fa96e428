package io.kubeling.resources.priorityclasses;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.kubeling.registry.TableColumn;

class PriorityClassTableTest {

    @Test
    void valueGlobalDefaultAgeThenPreemptionPolicy() {
        PriorityClassTable table = new PriorityClassTable();
        var pc = new PriorityClassBuilder().withNewMetadata().withName("high")
                .withCreationTimestamp("2026-01-01T00:00:00Z").endMetadata().withValue(1000).withGlobalDefault(true)
                .withPreemptionPolicy("Never").build();

        assertThat(table.columns()).extracting(TableColumn::name)
                .containsExactly("Name", "Value", "Global-Default", "Age", "PreemptionPolicy");
        assertThat(table.columns()).extracting(TableColumn::type)
                .containsExactly("string", "integer", "boolean", "string", "string");
        assertThat(table.cells(pc, Instant.parse("2026-01-01T00:05:00Z")))
                .containsExactly("high", 1000L, true, "5m", "Never");
    }
}

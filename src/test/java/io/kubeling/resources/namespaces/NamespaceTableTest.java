package io.kubeling.resources.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.resources.common.StandardColumns;

class NamespaceTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final NamespaceTable table = new NamespaceTable();

    @Test
    void columnsAreKubesNamespaceColumns() {
        assertThat(table.columns()).containsExactly(
                StandardColumns.NAME,
                new TableColumn("Status", "string", "", "The status of the namespace", 0),
                StandardColumns.AGE);
    }

    @Test
    void phaseAndAge() {
        Namespace active = new NamespaceBuilder()
                .withNewMetadata().withName("default").withCreationTimestamp("2024-04-23T12:00:00Z").endMetadata()
                .withNewStatus().withPhase("Active").endStatus().build();
        Namespace terminating = new NamespaceBuilder()
                .withNewMetadata().withName("old").withCreationTimestamp("2024-04-23T06:00:00Z")
                .withDeletionTimestamp("2024-05-01T11:59:00Z").endMetadata()
                .withNewStatus().withPhase("Terminating").endStatus().build();

        assertThat(table.cells(active, NOW)).containsExactly("default", "Active", "8d");
        assertThat(table.cells(terminating, NOW)).containsExactly("old", "Terminating", "8d");
    }
}

package io.kubeling.resources.poddisruptionbudgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.resources.common.StandardColumns;

class PodDisruptionBudgetTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final PodDisruptionBudgetTable table = new PodDisruptionBudgetTable();

    @Test
    void columnsAreKubesPodDisruptionBudgetColumns() {
        assertThat(table.columns()).extracting(TableColumn::name).containsExactly("Name", "Min Available",
                "Max Unavailable", "Allowed Disruptions", "Age");
        assertThat(table.columns()).extracting(TableColumn::type).containsExactly("string", "string", "string",
                "integer", "string");
        assertThat(table.columns().get(0)).isEqualTo(StandardColumns.NAME);
        assertThat(table.columns().get(4)).isEqualTo(StandardColumns.AGE);
        assertThat(table.columns().get(3).description())
                .isEqualTo("Calculated number of pods that may be disrupted at this time.");
    }

    @Test
    void theBoundGivenAndNotApplicableForTheOther() {
        PodDisruptionBudget min = pdb().withNewSpec().withMinAvailable(new IntOrString(2)).endSpec()
                .withNewStatus().withDisruptionsAllowed(1).endStatus().build();
        PodDisruptionBudget max = pdb().withNewSpec().withMaxUnavailable(new IntOrString("25%")).endSpec().build();

        assertThat(table.cells(min, NOW)).containsExactly("web", "2", "N/A", 1L, "5m");
        assertThat(table.cells(max, NOW)).containsExactly("web", "N/A", "25%", 0L, "5m");
    }

    private static PodDisruptionBudgetBuilder pdb() {
        return new PodDisruptionBudgetBuilder().withNewMetadata().withName("web")
                .withCreationTimestamp("2024-05-01T11:55:00Z").endMetadata();
    }
}

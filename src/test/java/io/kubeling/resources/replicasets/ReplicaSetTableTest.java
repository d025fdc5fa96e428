package io.kubeling.resources.replicasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.resources.common.StandardColumns;

class ReplicaSetTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final ReplicaSetTable table = new ReplicaSetTable();

    @Test
    void columnsAreKubesReplicaSetColumns() {
        List<TableColumn> columns = table.columns();

        assertThat(columns).extracting(TableColumn::name).containsExactly(
                "Name", "Desired", "Current", "Ready", "Age", "Containers", "Images", "Selector");
        assertThat(columns).extracting(TableColumn::priority).containsExactly(0, 0, 0, 0, 0, 1, 1, 1);
        assertThat(columns).extracting(TableColumn::type)
                .containsExactly("string", "integer", "integer", "integer", "string", "string", "string", "string");
        assertThat(columns.get(0)).isEqualTo(StandardColumns.NAME);
        assertThat(columns.get(4)).isEqualTo(StandardColumns.AGE);
        assertThat(columns.get(3).description()).isEqualTo("The number of ready replicas for this replica set.");
    }

    @Test
    void replicasAndTemplate() {
        ReplicaSet replicaSet = replicaSet().editSpec().withNewSelector()
                .addToMatchLabels("pod-template-hash", "7d4b9c5f8").addToMatchLabels("app", "web")
                .endSelector().endSpec().build();

        assertThat(table.cells(replicaSet, NOW)).containsExactly("web-7d4b9c5f8", 3L, 3L, 2L, "2m5s", "web",
                "nginx:1.27", "app=web,pod-template-hash=7d4b9c5f8");
    }

    @Test
    void selectorThatSelectsEverythingOrNothingIsNoneAndAnInvalidOneIsAnError() {
        ReplicaSet everything = replicaSet().editSpec().withNewSelector().endSelector().endSpec().build();
        ReplicaSet invalid = replicaSet().editSpec().withNewSelector()
                .addNewMatchExpression().withKey("app").withOperator("In").endMatchExpression()
                .endSelector().endSpec().build();

        assertThat(table.cells(replicaSet().build(), NOW).get(7)).isEqualTo("<none>");
        assertThat(table.cells(everything, NOW).get(7)).isEqualTo("<none>");
        assertThat(table.cells(invalid, NOW).get(7)).isEqualTo("<error>");
    }

    private static ReplicaSetBuilder replicaSet() {
        return new ReplicaSetBuilder()
                .withNewMetadata().withName("web-7d4b9c5f8").withCreationTimestamp("2024-05-01T11:57:55Z").endMetadata()
                .withNewSpec().withReplicas(3)
                .withNewTemplate().withNewSpec()
                .addNewContainer().withName("web").withImage("nginx:1.27").endContainer()
                .endSpec().endTemplate()
                .endSpec()
                .withNewStatus().withReplicas(3).withReadyReplicas(2).withAvailableReplicas(2).endStatus();
    }
}

package io.kubeling.resources.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.resources.common.StandardColumns;

class DeploymentTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final DeploymentTable table = new DeploymentTable();

    @Test
    void columnsAreKubesDeploymentColumns() {
        List<TableColumn> columns = table.columns();

        assertThat(columns).extracting(TableColumn::name).containsExactly(
                "Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector");
        assertThat(columns).extracting(TableColumn::priority).containsExactly(0, 0, 0, 0, 0, 1, 1, 1);
        assertThat(columns).extracting(TableColumn::type).containsOnly("string");
        assertThat(columns.get(0)).isEqualTo(StandardColumns.NAME);
        assertThat(columns.get(4)).isEqualTo(StandardColumns.AGE);
        assertThat(columns.get(1).description()).isEqualTo("Number of the pod with ready state");
        assertThat(columns.get(5).description()).isEqualTo("Names of each container in the template.");
        assertThat(columns.get(6).description()).isEqualTo("Images referenced by each container in the template.");
    }

    @Test
    void rollingOutDeployment() {
        Deployment deployment = deployment().editSpec().withNewSelector()
                .addToMatchLabels("app", "web")
                .addNewMatchExpression().withKey("track").withOperator("In").withValues("stable", "canary")
                .endMatchExpression()
                .addNewMatchExpression().withKey("legacy").withOperator("DoesNotExist").endMatchExpression()
                .endSelector().endSpec().build();

        assertThat(table.cells(deployment, NOW)).containsExactly("web", "2/3", 1L, 2L, "6h30m", "web,log-shipper",
                "nginx:1.27,fluent-bit:3.0", "app=web,!legacy,track in (canary,stable)");
    }

    @Test
    void emptySelectorPrintsNothingAndAnInvalidOneSaysSo() {
        Deployment empty = deployment().editSpec().withNewSelector().endSelector().endSpec().build();
        Deployment invalid = deployment().editSpec().withNewSelector()
                .addNewMatchExpression().withKey("app").withOperator("Matches").withValues("web").endMatchExpression()
                .endSelector().endSpec().build();

        assertThat(table.cells(empty, NOW).get(7)).isEqualTo("");
        assertThat(table.cells(invalid, NOW).get(7)).isEqualTo("<invalid>");
    }

    @Test
    void newDeploymentWithoutStatus() {
        Deployment deployment = deployment().withStatus(null).build();

        assertThat(table.cells(deployment, NOW).subList(1, 4)).containsExactly("0/3", 0L, 0L);
    }

    /** Three replicas of two containers, created 6h30m before NOW, two of them ready. */
    private static DeploymentBuilder deployment() {
        return new DeploymentBuilder()
                .withNewMetadata().withName("web").withNamespace("default")
                .withCreationTimestamp("2024-05-01T05:30:00Z").endMetadata()
                .withNewSpec().withReplicas(3)
                .withNewTemplate().withNewSpec()
                .addNewContainer().withName("web").withImage("nginx:1.27").endContainer()
                .addNewContainer().withName("log-shipper").withImage("fluent-bit:3.0").endContainer()
                .endSpec().endTemplate()
                .endSpec()
                .withNewStatus().withReplicas(3).withReadyReplicas(2).withUpdatedReplicas(1).withAvailableReplicas(2)
                .endStatus();
    }
}

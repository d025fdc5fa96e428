package io.kubeling.resources.replicationcontrollers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.validation.FieldError;

class ReplicationControllerRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private final ReplicationControllerStrategy strategy = new ReplicationControllerStrategy();

    private static ReplicationControllerBuilder rc() {
        return new ReplicationControllerBuilder().withNewMetadata().withName("web").withNamespace("default")
                .withCreationTimestamp("2026-01-01T11:00:00Z").endMetadata()
                .withNewSpec().withNewTemplate().withNewMetadata().withLabels(Map.of("app", "web")).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer().endSpec()
                .endTemplate().endSpec();
    }

    @Test
    void selectorLabelsAndReplicasDefaultFromTheTemplate() {
        ReplicationController rc = rc().build();
        strategy.applyDefaults(rc);
        strategy.prepareForCreate(rc);
        assertThat(strategy.validate(rc)).isEmpty();
        assertThat(rc.getSpec().getSelector()).isEqualTo(Map.of("app", "web"));
        assertThat(rc.getMetadata().getLabels()).isEqualTo(Map.of("app", "web"));
        assertThat(rc.getSpec().getReplicas()).isEqualTo(1);
        assertThat(rc.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(rc.getStatus().getReplicas()).isZero();
    }

    @Test
    void aSelectorThatMissesTheTemplateAndNegativeReplicasAreRefused() {
        ReplicationController rc = rc().editSpec().withSelector(Map.of("app", "db")).withReplicas(-1).endSpec().build();
        strategy.applyDefaults(rc);
        strategy.prepareForCreate(rc);
        assertThat(strategy.validate(rc)).extracting(FieldError::toString).containsExactly(
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: "
                        + "`selector` does not match template `labels`");
        ReplicationController empty = new ReplicationControllerBuilder().withNewMetadata().withName("x").endMetadata()
                .withNewSpec().endSpec().build();
        strategy.applyDefaults(empty);
        strategy.prepareForCreate(empty);
        assertThat(strategy.validate(empty)).extracting(FieldError::toString)
                .containsExactly("spec.selector: Required value", "spec.template: Required value");
    }

    @Test
    void statusCountsMustAgree() {
        ReplicationController rc = rc().withNewStatus().withReplicas(1).withReadyReplicas(2).endStatus().build();
        assertThat(new ReplicationControllerStatusStrategy().validateUpdate(rc, rc)).extracting(FieldError::toString)
                .containsExactly("status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas");
    }

    @Test
    void tableIsKubesReplicationControllerTable() {
        ReplicationControllerTable table = new ReplicationControllerTable();
        assertThat(table.columns()).extracting(TableColumn::name).containsExactly("Name", "Desired", "Current",
                "Ready", "Age", "Containers", "Images", "Selector");
        ReplicationController rc = rc().build();
        strategy.applyDefaults(rc);
        strategy.prepareForCreate(rc);
        assertThat(table.cells(rc, NOW)).containsExactly("web", 1L, 0L, 0L, "60m", "web", "nginx", "app=web");
    }
}

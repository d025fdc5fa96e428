package io.kubeling.controllers.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubeling.controllers.StoppedCluster;

/**
 * The progress deadline on the registry and a stopped clock: with no ReplicaSet controller, the new ReplicaSet's
 * pods never come, and the Deployment says so once its deadline has passed, not before.
 */
class DeploymentProgressOnRegistryTest {

    private static DeploymentCondition condition(Deployment d, String type) {
        return d.getStatus() == null ? null : d.getStatus().getConditions().stream()
                .filter(c -> c.getType().equals(type)).findFirst().orElse(null);
    }

    private static String reason(Deployment d, String type) {
        DeploymentCondition c = condition(d, type);
        return c == null ? null : c.getReason();
    }

    @Test
    void progressDeadlineExceeded() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.start(new DeploymentController(cluster.kit()));
            cluster.create("dc", Deployment.class, """
                    {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"slow"},
                     "spec":{"replicas":1,"progressDeadlineSeconds":10,"selector":{"matchLabels":{"app":"slow"}},
                       "template":{"metadata":{"labels":{"app":"slow"}},
                         "spec":{"containers":[{"name":"web","image":"nginx:1.0"}]}}}}""");
            cluster.await(Deployment.class, "dc", "slow", d -> "NewReplicaSetCreated".equals(reason(d, "Progressing"))
                    || "ReplicaSetUpdated".equals(reason(d, "Progressing")));
            assertThat(cluster.list(ReplicaSet.class, "dc")).hasSize(1);

            cluster.advance(Duration.ofSeconds(9));
            assertThat(reason(cluster.get(Deployment.class, "dc", "slow"), "Progressing"))
                    .isNotEqualTo("ProgressDeadlineExceeded");
            cluster.advanceUntil(Duration.ofMillis(100), Duration.ofSeconds(3),
                    () -> "ProgressDeadlineExceeded".equals(reason(cluster.get(Deployment.class, "dc", "slow"),
                            "Progressing")));
            Deployment d = cluster.get(Deployment.class, "dc", "slow");
            assertThat(condition(d, "Progressing").getStatus()).isEqualTo("False");
            assertThat(condition(d, "Progressing").getMessage())
                    .matches("ReplicaSet \"slow-\\w+\" has timed out progressing.");
            assertThat(reason(d, "Available")).isEqualTo("MinimumReplicasUnavailable");
        }
    }
}

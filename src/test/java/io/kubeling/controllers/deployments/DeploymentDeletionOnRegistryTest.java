package io.kubeling.controllers.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.DeleteOptions;

/**
 * A Deployment held by a finalizer reads, once its deletion starts, with the generation the deletion moved on, and
 * the controller, syncing only its status from then on as kube's syncStatusOnly, observes that generation.
 */
class DeploymentDeletionOnRegistryTest {

    private static Long observed(Deployment d) {
        return d.getStatus() == null ? null : d.getStatus().getObservedGeneration();
    }

    @Test
    void theGenerationADeletionMovesOnIsObserved() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.start(new DeploymentController(cluster.kit()));
            cluster.create("dd", Deployment.class, """
                    {"apiVersion":"apps/v1","kind":"Deployment",
                     "metadata":{"name":"held","finalizers":["example.com/hold"]},
                     "spec":{"replicas":1,"selector":{"matchLabels":{"app":"held"}},
                       "template":{"metadata":{"labels":{"app":"held"}},
                         "spec":{"containers":[{"name":"web","image":"nginx:1.0"}]}}}}""");
            cluster.await(Deployment.class, "dd", "held", d -> Long.valueOf(1).equals(observed(d)));

            Deployment deleting = cluster.store(Deployment.class).delete("dd", "held", DeleteOptions.DEFAULT).object();

            assertThat(deleting.getMetadata().getGeneration()).isEqualTo(2L);
            Deployment seen = cluster.await(Deployment.class, "dd", "held", d -> Long.valueOf(2).equals(observed(d)));
            assertThat(seen.getMetadata().getGeneration()).isEqualTo(2L);
            assertThat(seen.getMetadata().getDeletionTimestamp()).isNotNull();
        }
    }
}

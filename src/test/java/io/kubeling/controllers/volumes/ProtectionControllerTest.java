package io.kubeling.controllers.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.DeleteOptions;

/** The pvc-protection controller: a claim in use by a pod outlives its deletion until the pod goes. */
class ProtectionControllerTest {

    @Test
    void aClaimInUseIsKeptUntilItsPodIsGone() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.start(new ProtectionController(cluster.kit()));
            cluster.create("app", PersistentVolumeClaim.class, """
                    {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data",
                       "finalizers":["kubernetes.io/pvc-protection"]},
                     "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}""");
            cluster.create("app", Pod.class, """
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"user"},
                     "spec":{"containers":[{"name":"c","image":"nginx"}],
                       "volumes":[{"name":"v","persistentVolumeClaim":{"claimName":"data"}}]}}""");
            cluster.store(PersistentVolumeClaim.class).delete("app", "data", DeleteOptions.DEFAULT);
            PersistentVolumeClaim held = cluster.get(PersistentVolumeClaim.class, "app", "data");
            assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull();
            assertThat(held.getMetadata().getFinalizers()).containsExactly(Claims.PVC_PROTECTION);

            cluster.store(Pod.class).delete("app", "user", DeleteOptions.DEFAULT);
            cluster.awaitGone(PersistentVolumeClaim.class, "app", "data");
        }
    }
}

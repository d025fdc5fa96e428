package io.kubeling.controllers.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.DeleteOptions;

/**
 * The pvc-protection and pv-protection controllers: a claim in use by a pod outlives its deletion until the pod goes,
 * and a volume bound to a claim until it is bound no more.
 */
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

    @Test
    void aBoundVolumeIsKeptUntilItIsReleased() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.start(new ProtectionController(cluster.kit()));
            cluster.create(null, PersistentVolume.class, """
                    {"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"disk",
                       "finalizers":["kubernetes.io/pv-protection"]},
                     "spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],
                       "hostPath":{"path":"/data/disk"},"claimRef":{"namespace":"app","name":"data"}}}""");
            phase(cluster, "Bound");
            cluster.store(PersistentVolume.class).delete(null, "disk", DeleteOptions.DEFAULT);
            PersistentVolume held = cluster.get(PersistentVolume.class, null, "disk");
            assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull();
            assertThat(held.getMetadata().getFinalizers()).containsExactly(Claims.PV_PROTECTION);

            phase(cluster, "Released");
            cluster.awaitGone(PersistentVolume.class, null, "disk");
        }
    }

    private static void phase(StoppedCluster cluster, String phase) {
        cluster.store(PersistentVolume.class).update(null, "disk", "status", pv -> {
            pv.setStatus(new PersistentVolumeStatus());
            pv.getStatus().setPhase(phase);
            return pv;
        }, io.kubeling.registry.WriteOptions.DEFAULT);
    }
}

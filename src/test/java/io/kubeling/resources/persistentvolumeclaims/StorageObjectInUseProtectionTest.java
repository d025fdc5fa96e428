package io.kubeling.resources.persistentvolumeclaims;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.kubeling.registry.Admission.Operation;

/** kube's StorageObjectInUseProtection: a new claim or volume carries its protection finalizer, once. */
class StorageObjectInUseProtectionTest {

    private final StorageObjectInUseProtection admission = new StorageObjectInUseProtection();

    @Test
    void aNewClaimAndANewVolumeGetTheirFinalizersAndAnUpdateNone() {
        PersistentVolumeClaim claim = new PersistentVolumeClaim();
        claim.setMetadata(new ObjectMetaBuilder().withName("data").withFinalizers("example.com/keep").build());
        admission.admit(Operation.CREATE, null, "app", claim);
        assertThat(claim.getMetadata().getFinalizers()).containsExactly("example.com/keep",
                "kubernetes.io/pvc-protection");

        PersistentVolume volume = new PersistentVolume();
        volume.setMetadata(new ObjectMetaBuilder().withName("disk").withFinalizers("kubernetes.io/pv-protection")
                .build());
        admission.admit(Operation.CREATE, null, null, volume);
        assertThat(volume.getMetadata().getFinalizers()).containsExactly("kubernetes.io/pv-protection");

        PersistentVolume updated = new PersistentVolume();
        updated.setMetadata(new ObjectMetaBuilder().withName("disk").build());
        admission.admit(Operation.UPDATE, null, null, updated);
        assertThat(updated.getMetadata().getFinalizers()).isNullOrEmpty();
    }
}

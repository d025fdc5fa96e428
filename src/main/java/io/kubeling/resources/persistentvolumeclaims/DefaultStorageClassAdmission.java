package io.kubeling.resources.persistentvolumeclaims;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.kubeling.registry.Admission;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.Timestamps;
import io.kubeling.resources.storageclasses.StorageClassTable;

/**
 * kube's DefaultStorageClass admission plugin: a new claim that names no class gets the default one (the newest,
 * then the first by name, when several are marked default).
 */
@Component
class DefaultStorageClassAdmission implements Admission {

    private final ObjectProvider<Registry> registry;

    DefaultStorageClassAdmission(ObjectProvider<Registry> registry) {
        this.registry = registry;
    }

    @Override
    public void admit(Operation operation, ResourceDefinition<?> resource, String namespace, HasMetadata object) {
        if (operation != Operation.CREATE || !(object instanceof PersistentVolumeClaim pvc)) {
            return;
        }
        Map<String, String> annotations = pvc.getMetadata().getAnnotations();
        if (pvc.getSpec().getStorageClassName() != null || annotations != null
                && annotations.containsKey(PersistentVolumeClaimStrategy.STORAGE_CLASS_ANNOTATION)) {
            return;
        }
        registry.getObject().store(StorageClass.class).peekAll().stream()
                .filter(StorageClassTable::isDefault)
                .max(Comparator.comparing((StorageClass sc) -> created(sc))
                        .thenComparing(sc -> sc.getMetadata().getName(), Comparator.reverseOrder()))
                .ifPresent(sc -> pvc.getSpec().setStorageClassName(sc.getMetadata().getName()));
    }

    private static Instant created(StorageClass sc) {
        Instant at = Timestamps.parse(sc.getMetadata().getCreationTimestamp());
        return at == null ? Instant.EPOCH : at;
    }
}

package io.kubeling.resources.persistentvolumeclaims;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.kubeling.registry.Admission;
import io.kubeling.registry.ResourceDefinition;

/**
 * kube's StorageObjectInUseProtection admission plugin: new claims and volumes carry the protection finalizers,
 * which the protection controllers remove once nothing uses them.
 */
@Component
class StorageObjectInUseProtection implements Admission {

    static final String PVC_PROTECTION = "kubernetes.io/pvc-protection";
    static final String PV_PROTECTION = "kubernetes.io/pv-protection";

    @Override
    public void admit(Operation operation, ResourceDefinition<?> resource, String namespace, HasMetadata object) {
        if (operation != Operation.CREATE) {
            return;
        }
        if (object instanceof PersistentVolumeClaim) {
            add(object, PVC_PROTECTION);
        } else if (object instanceof PersistentVolume) {
            add(object, PV_PROTECTION);
        }
    }

    private static void add(HasMetadata object, String finalizer) {
        List<String> finalizers = object.getMetadata().getFinalizers() == null ? new ArrayList<>()
                : new ArrayList<>(object.getMetadata().getFinalizers());
        if (!finalizers.contains(finalizer)) {
            finalizers.add(finalizer);
        }
        object.getMetadata().setFinalizers(finalizers);
    }
}

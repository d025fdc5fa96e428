package io.kubeling.resources.persistentvolumeclaims;

import java.math.BigDecimal;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.kubeling.registry.Admission;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;
import io.kubeling.resources.persistentvolumes.StorageRules;

/**
 * kube's PersistentVolumeClaimResize admission plugin: a claim grows only once bound, and only when its class, the
 * same before and after, sets {@code allowVolumeExpansion}.
 */
@Component
class PersistentVolumeClaimResize implements Admission {

    private static final GroupResource CLAIMS = new GroupResource("", "persistentvolumeclaims");

    private final ObjectProvider<Registry> registry;

    PersistentVolumeClaimResize(ObjectProvider<Registry> registry) {
        this.registry = registry;
    }

    @Override
    public void validate(AdmissionRequest<?> request) {
        if (request.resource().type() != PersistentVolumeClaim.class || request.subresource() != null
                || request.operation() != Operation.UPDATE
                || !(request.object() instanceof PersistentVolumeClaim pvc)
                || !(request.oldObject() instanceof PersistentVolumeClaim old)) {
            return;
        }
        BigDecimal newSize = size(pvc);
        BigDecimal oldSize = size(old);
        if (newSize.compareTo(oldSize) <= 0) {
            return;
        }
        if (old.getStatus() == null || !"Bound".equals(old.getStatus().getPhase())) {
            throw Errors.forbidden(CLAIMS, request.name(), "Only bound persistent volume claims can be expanded");
        }
        if (!allowResize(pvc, old)) {
            throw Errors.forbidden(CLAIMS, request.name(), "only dynamically provisioned pvc can be resized and "
                    + "the storageclass that provisions the pvc must support resize");
        }
    }

    private boolean allowResize(PersistentVolumeClaim pvc, PersistentVolumeClaim old) {
        String className = className(pvc);
        if (className.isEmpty() || !className.equals(className(old))) {
            return false;
        }
        try {
            StorageClass sc = registry.getObject().store(StorageClass.class).get(null, className);
            return Boolean.TRUE.equals(sc.getAllowVolumeExpansion());
        } catch (StatusException missing) {
            return false;
        }
    }

    /** GetPersistentVolumeClaimClass: the beta annotation, else the spec's class. */
    private static String className(PersistentVolumeClaim pvc) {
        Map<String, String> annotations = pvc.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey(PersistentVolumeClaimStrategy.STORAGE_CLASS_ANNOTATION)) {
            return annotations.get(PersistentVolumeClaimStrategy.STORAGE_CLASS_ANNOTATION);
        }
        return pvc.getSpec() == null || pvc.getSpec().getStorageClassName() == null ? ""
                : pvc.getSpec().getStorageClassName();
    }

    private static BigDecimal size(PersistentVolumeClaim pvc) {
        BigDecimal size = pvc.getSpec() == null || pvc.getSpec().getResources() == null ? null
                : StorageRules.storage(pvc.getSpec().getResources().getRequests());
        return size == null ? BigDecimal.ZERO : size;
    }
}

package io.kubeling.resources.persistentvolumeclaims;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.persistentvolumes.StorageRules;

/** persistentvolumeclaims/status: only the status changes, its capacity valid. */
class PersistentVolumeClaimStatusStrategy implements Strategy<PersistentVolumeClaim> {

    @Override
    public void prepareForUpdate(PersistentVolumeClaim pvc, PersistentVolumeClaim old) {
        pvc.setSpec(old.getSpec());
        if (pvc.getStatus() == null) {
            pvc.setStatus(new PersistentVolumeClaimStatus());
        }
    }

    @Override
    public List<FieldError> validateUpdate(PersistentVolumeClaim pvc, PersistentVolumeClaim old) {
        List<FieldError> errs = new ArrayList<>();
        if (pvc.getSpec().getAccessModes() == null || pvc.getSpec().getAccessModes().isEmpty()) {
            errs.add(FieldError.required("Spec.accessModes", ""));
        }
        StorageRules.sorted(pvc.getStatus().getCapacity())
                .forEach((k, v) -> StorageRules.basic(errs, v, "status.capacity[" + k + "]"));
        return errs;
    }
}

package io.kubeling.resources.persistentvolumes;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/**
 * kube's persistentVolumeStrategy: the v1 defaults (Retain, Filesystem), a Pending status on create, the status
 * kept on update, and the volume source immutable once created.
 */
class PersistentVolumeStrategy implements Strategy<PersistentVolume> {

    private final java.time.Clock clock;

    PersistentVolumeStrategy(java.time.Clock clock) {
        this.clock = clock;
    }

    @Override
    public void applyDefaults(PersistentVolume pv) {
        if (pv.getSpec() == null) {
            pv.setSpec(new PersistentVolumeSpec());
        }
        PersistentVolumeSpec spec = pv.getSpec();
        if (spec.getPersistentVolumeReclaimPolicy() == null || spec.getPersistentVolumeReclaimPolicy().isEmpty()) {
            spec.setPersistentVolumeReclaimPolicy("Retain");
        }
        if (spec.getVolumeMode() == null) {
            spec.setVolumeMode("Filesystem");
        }
    }

    @Override
    public void prepareForCreate(PersistentVolume pv) {
        PersistentVolumeStatus status = new PersistentVolumeStatus();
        status.setPhase("Pending");
        status.setLastPhaseTransitionTime(io.kubeling.registry.Timestamps.now(clock));
        pv.setStatus(status);
    }

    @Override
    public List<FieldError> validate(PersistentVolume pv) {
        return PersistentVolumeValidation.validate(pv);
    }

    @Override
    public void prepareForUpdate(PersistentVolume pv, PersistentVolume old) {
        pv.setStatus(old.getStatus());
    }

    @Override
    public List<FieldError> validateUpdate(PersistentVolume pv, PersistentVolume old) {
        List<FieldError> errs = new java.util.ArrayList<>(validate(pv));
        if (!PersistentVolumeValidation.sameSource(pv.getSpec(), old.getSpec())) {
            errs.add(FieldError.forbidden("spec.persistentvolumesource",
                    "spec.persistentvolumesource is immutable after creation"));
        }
        if (!Objects.equals(pv.getSpec().getVolumeMode(), old.getSpec().getVolumeMode())) {
            errs.add(FieldError.invalid("volumeMode", pv.getSpec().getVolumeMode(), "field is immutable"));
        }
        if (old.getSpec().getNodeAffinity() != null
                && !Objects.equals(pv.getSpec().getNodeAffinity(), old.getSpec().getNodeAffinity())) {
            errs.add(FieldError.forbidden("nodeAffinity", "field is immutable once set"));
        }
        return errs;
    }

    @Override
    public Map<String, String> selectableFields(PersistentVolume pv) {
        return Map.of("name", Objects.toString(pv.getMetadata().getName(), ""));
    }

    @Override
    public NameRule nameRule() {
        return NameRule.DNS1123_SUBDOMAIN;
    }
}

package io.kubeling.resources.persistentvolumes;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeStatus;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.Timestamps;
import io.kubeling.registry.validation.FieldError;

/** persistentvolumes/status: only the status changes; a new phase stamps lastPhaseTransitionTime. */
class PersistentVolumeStatusStrategy implements Strategy<PersistentVolume> {

    private final Clock clock;

    PersistentVolumeStatusStrategy(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void prepareForUpdate(PersistentVolume pv, PersistentVolume old) {
        pv.setSpec(old.getSpec());
        if (pv.getStatus() == null) {
            pv.setStatus(new PersistentVolumeStatus());
        }
        String oldPhase = old.getStatus() == null ? null : old.getStatus().getPhase();
        if (!Objects.equals(pv.getStatus().getPhase(), oldPhase)) {
            pv.getStatus().setLastPhaseTransitionTime(Timestamps.now(clock));
        }
    }

    @Override
    public List<FieldError> validateUpdate(PersistentVolume pv, PersistentVolume old) {
        return List.of();
    }
}

package io.kubeling.resources.volumeattachments;

import java.util.List;

import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** volumeattachments/status: only the status changes. */
class VolumeAttachmentStatusStrategy implements Strategy<VolumeAttachment> {

    @Override
    public void prepareForUpdate(VolumeAttachment va, VolumeAttachment old) {
        va.setSpec(old.getSpec());
    }

    @Override
    public List<FieldError> validateUpdate(VolumeAttachment va, VolumeAttachment old) {
        return List.of();
    }
}

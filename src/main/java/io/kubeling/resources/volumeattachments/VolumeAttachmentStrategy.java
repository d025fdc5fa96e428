package io.kubeling.resources.volumeattachments;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentSource;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentSpec;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;

/** kube's volumeAttachmentStrategy: no status on create, kept on update, ValidateVolumeAttachment, a fixed spec. */
class VolumeAttachmentStrategy implements Strategy<VolumeAttachment> {

    @Override
    public void prepareForCreate(VolumeAttachment va) {
        if (va.getSpec() == null) {
            va.setSpec(new VolumeAttachmentSpec());
        }
        va.setStatus(null);
    }

    @Override
    public void prepareForUpdate(VolumeAttachment va, VolumeAttachment old) {
        if (va.getSpec() == null) {
            va.setSpec(new VolumeAttachmentSpec());
        }
        va.setStatus(old.getStatus());
    }

    @Override
    public List<FieldError> validate(VolumeAttachment va) {
        VolumeAttachmentSpec spec = va.getSpec();
        List<FieldError> errs = new ArrayList<>();
        String attacher = spec.getAttacher() == null ? "" : spec.getAttacher();
        if (attacher.isEmpty()) {
            errs.add(FieldError.required("spec.attacher", ""));
        } else {
            if (attacher.length() > 63) {
                errs.add(FieldError.tooLong("spec.attacher", 63));
            }
            Names.qualifiedName(attacher.toLowerCase(java.util.Locale.ROOT))
                    .forEach(m -> errs.add(FieldError.invalid("spec.attacher", attacher, m)));
        }
        VolumeAttachmentSource source = spec.getSource() == null ? new VolumeAttachmentSource() : spec.getSource();
        boolean named = source.getPersistentVolumeName() != null;
        boolean inline = source.getInlineVolumeSpec() != null;
        if (named == inline) {
            errs.add(FieldError.required("spec.source",
                    "must specify exactly one of inlineVolumeSpec and persistentVolumeName"));
        } else if (named && source.getPersistentVolumeName().isEmpty()) {
            errs.add(FieldError.required("spec.source.persistentVolumeName", "must specify non empty persistentVolumeName"));
        }
        String node = spec.getNodeName() == null ? "" : spec.getNodeName();
        if (node.isEmpty()) {
            errs.add(FieldError.required("spec.nodeName", ""));
        } else {
            Names.dns1123Subdomain(node).forEach(m -> errs.add(FieldError.invalid("spec.nodeName", node, m)));
        }
        return errs;
    }

    @Override
    public List<FieldError> validateUpdate(VolumeAttachment va, VolumeAttachment old) {
        List<FieldError> errs = validate(va);
        if (!Objects.equals(va.getSpec(), old.getSpec())) {
            errs.add(FieldError.invalid("spec", FieldError.OMIT, "field is immutable"));
        }
        return errs;
    }
}

package io.kubeling.resources.volumeattachments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentBuilder;
import io.kubeling.registry.validation.FieldError;

class VolumeAttachmentRulesTest {

    private final VolumeAttachmentStrategy strategy = new VolumeAttachmentStrategy();

    @Test
    void exactlyOneSourceAnAttacherAndANode() {
        VolumeAttachment va = new VolumeAttachmentBuilder().withNewMetadata().withName("va").endMetadata()
                .withNewSpec().withNewSource().endSource().endSpec().build();
        strategy.prepareForCreate(va);
        assertThat(strategy.validate(va)).extracting(FieldError::toString).containsExactly(
                "spec.attacher: Required value",
                "spec.source: Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName",
                "spec.nodeName: Required value");
    }

    @Test
    void tableShowsAttacherVolumeNodeAndAttached() {
        VolumeAttachment va = new VolumeAttachmentBuilder().withNewMetadata().withName("csi-123")
                .withCreationTimestamp("2026-01-01T00:00:00Z").endMetadata().withNewSpec().withAttacher("example.com")
                .withNodeName("node-1").withNewSource().withPersistentVolumeName("pv-1").endSource().endSpec()
                .withNewStatus().withAttached(true).endStatus().build();
        assertThat(new VolumeAttachmentTable().cells(va, Instant.parse("2026-01-01T01:00:00Z")))
                .containsExactly("csi-123", "example.com", "pv-1", "node-1", true, "60m");
    }
}

package io.kubeling.resources.volumeattachments;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentSpec;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printVolumeAttachment. */
public class VolumeAttachmentTable implements TableConvertor<VolumeAttachment> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            new TableColumn("Attacher", "string", "name", "attacher indicates the name of the volume driver that MUST "
                    + "handle this request. This is the name returned by GetPluginName().", 0),
            StandardColumns.column("PV", "persistentVolumeName represents the name of the persistent volume to attach."),
            StandardColumns.column("Node", "nodeName represents the node that the volume should be attached to."),
            new TableColumn("Attached", "boolean", "", "attached indicates the volume is successfully attached. This "
                    + "field must only be set by the entity completing the attach operation, i.e. the "
                    + "external-attacher.", 0),
            StandardColumns.AGE);

    public VolumeAttachmentTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(VolumeAttachment va, Instant now) {
        VolumeAttachmentSpec spec = va.getSpec() == null ? new VolumeAttachmentSpec() : va.getSpec();
        String pv = spec.getSource() == null || spec.getSource().getPersistentVolumeName() == null ? ""
                : spec.getSource().getPersistentVolumeName();
        boolean attached = va.getStatus() != null && Boolean.TRUE.equals(va.getStatus().getAttached());
        return List.of(va.getMetadata().getName() == null ? "" : va.getMetadata().getName(),
                spec.getAttacher() == null ? "" : spec.getAttacher(), pv,
                spec.getNodeName() == null ? "" : spec.getNodeName(), attached,
                Ages.since(va.getMetadata().getCreationTimestamp(), now));
    }
}

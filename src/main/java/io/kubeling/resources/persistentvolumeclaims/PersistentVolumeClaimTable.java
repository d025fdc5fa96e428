package io.kubeling.resources.persistentvolumeclaims;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;
import io.kubeling.resources.persistentvolumes.AccessModes;
import io.kubeling.resources.pods.Quantities;

/** kube's printPersistentVolumeClaim: capacity and access modes only once a volume is named. */
public class PersistentVolumeClaimTable implements TableConvertor<PersistentVolumeClaim> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Status", "phase represents the current phase of PersistentVolumeClaim."),
            StandardColumns.column("Volume", "volumeName is the binding reference to the PersistentVolume backing this "
                    + "claim."),
            StandardColumns.column("Capacity", "capacity represents the actual resources of the underlying volume."),
            StandardColumns.column("Access Modes", "accessModes contains the actual access modes the volume backing the "
                    + "PVC has. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes-1"),
            StandardColumns.column("StorageClass", "StorageClass of the pvc"),
            StandardColumns.column("VolumeAttributesClass", "VolumeAttributesClass of the pvc"),
            StandardColumns.AGE,
            StandardColumns.wide("VolumeMode", "volumeMode defines what type of volume is required by the claim. Value "
                    + "of Filesystem is implied when not included in claim spec."));

    public PersistentVolumeClaimTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(PersistentVolumeClaim pvc, Instant now) {
        PersistentVolumeClaimSpec spec = pvc.getSpec() == null ? new PersistentVolumeClaimSpec() : pvc.getSpec();
        PersistentVolumeClaimStatus status = pvc.getStatus() == null ? new PersistentVolumeClaimStatus()
                : pvc.getStatus();
        String phase = pvc.getMetadata().getDeletionTimestamp() != null ? "Terminating" : nz(status.getPhase());
        String capacity = "";
        String modes = "";
        if (spec.getVolumeName() != null && !spec.getVolumeName().isEmpty()) {
            modes = AccessModes.text(status.getAccessModes());
            capacity = Quantities.canonical(status.getCapacity() == null ? null : status.getCapacity().get("storage"));
        }
        return List.of(nz(pvc.getMetadata().getName()), phase, nz(spec.getVolumeName()), capacity, modes,
                storageClass(pvc), spec.getVolumeAttributesClassName() == null ? "<unset>"
                        : spec.getVolumeAttributesClassName(),
                Ages.since(pvc.getMetadata().getCreationTimestamp(), now),
                spec.getVolumeMode() == null ? "<unset>" : spec.getVolumeMode());
    }

    /** GetPersistentVolumeClaimClass: the beta annotation first, then the field. */
    public static String storageClass(PersistentVolumeClaim pvc) {
        Map<String, String> annotations = pvc.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey(PersistentVolumeClaimStrategy.STORAGE_CLASS_ANNOTATION)) {
            return annotations.get(PersistentVolumeClaimStrategy.STORAGE_CLASS_ANNOTATION);
        }
        return pvc.getSpec() == null || pvc.getSpec().getStorageClassName() == null ? ""
                : pvc.getSpec().getStorageClassName();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

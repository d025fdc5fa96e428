package io.kubeling.resources.persistentvolumes;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;
import io.kubeling.resources.pods.Quantities;

/** kube's printPersistentVolume. */
public class PersistentVolumeTable implements TableConvertor<PersistentVolume> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Capacity", "capacity is the description of the persistent volume's resources and "
                    + "capacity. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#capacity"),
            StandardColumns.column("Access Modes", "accessModes contains all ways the volume can be mounted. More info: "
                    + "https://kubernetes.io/docs/concepts/storage/persistent-volumes#access-modes"),
            StandardColumns.column("Reclaim Policy", "persistentVolumeReclaimPolicy defines what happens to a persistent "
                    + "volume when released from its claim. Valid options are Retain (default for manually created "
                    + "PersistentVolumes), Delete (default for dynamically provisioned PersistentVolumes), and Recycle "
                    + "(deprecated). Recycle must be supported by the volume plugin underlying this PersistentVolume. "
                    + "More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#reclaiming"),
            StandardColumns.column("Status", "phase indicates if a volume is available, bound to a claim, or released by "
                    + "a claim. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#phase"),
            StandardColumns.column("Claim", "claimRef is part of a bi-directional binding between PersistentVolume and "
                    + "PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative "
                    + "bind between PV and PVC. More info: "
                    + "https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding"),
            StandardColumns.column("StorageClass", "StorageClass of the pv"),
            StandardColumns.column("VolumeAttributesClass", "VolumeAttributesClass of the pv"),
            StandardColumns.column("Reason", "reason is a brief CamelCase string that describes any failure and is meant "
                    + "for machine parsing and tidy display in the CLI."),
            StandardColumns.AGE,
            StandardColumns.wide("VolumeMode", "volumeMode defines if a volume is intended to be used with a formatted "
                    + "filesystem or to remain in raw block state. Value of Filesystem is implied when not included in "
                    + "spec."));

    public PersistentVolumeTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(PersistentVolume pv, Instant now) {
        PersistentVolumeSpec spec = pv.getSpec() == null ? new PersistentVolumeSpec() : pv.getSpec();
        PersistentVolumeStatus status = pv.getStatus() == null ? new PersistentVolumeStatus() : pv.getStatus();
        String claim = spec.getClaimRef() == null ? ""
                : nz(spec.getClaimRef().getNamespace()) + "/" + nz(spec.getClaimRef().getName());
        Map<String, Quantity> capacity = spec.getCapacity() == null ? Map.of() : spec.getCapacity();
        String phase = pv.getMetadata().getDeletionTimestamp() != null ? "Terminating" : nz(status.getPhase());
        return List.of(nz(pv.getMetadata().getName()), Quantities.canonical(capacity.get("storage")),
                AccessModes.text(spec.getAccessModes()), nz(spec.getPersistentVolumeReclaimPolicy()), phase, claim,
                storageClass(pv), spec.getVolumeAttributesClassName() == null ? "<unset>"
                        : spec.getVolumeAttributesClassName(),
                nz(status.getReason()), Ages.since(pv.getMetadata().getCreationTimestamp(), now),
                spec.getVolumeMode() == null ? "<unset>" : spec.getVolumeMode());
    }

    /** GetPersistentVolumeClass: the beta annotation first, then the field. */
    public static String storageClass(PersistentVolume pv) {
        Map<String, String> annotations = pv.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey("volume.beta.kubernetes.io/storage-class")) {
            return annotations.get("volume.beta.kubernetes.io/storage-class");
        }
        return pv.getSpec() == null ? "" : nz(pv.getSpec().getStorageClassName());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}

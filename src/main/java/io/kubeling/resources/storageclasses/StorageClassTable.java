package io.kubeling.resources.storageclasses;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printStorageClass: the default class marked {@code (default)}. */
public class StorageClassTable implements TableConvertor<StorageClass> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Provisioner", "provisioner indicates the type of the provisioner."),
            StandardColumns.column("ReclaimPolicy", "reclaimPolicy controls the reclaimPolicy for dynamically "
                    + "provisioned PersistentVolumes of this storage class. Defaults to Delete."),
            StandardColumns.column("VolumeBindingMode", "volumeBindingMode indicates how PersistentVolumeClaims should "
                    + "be provisioned and bound.  When unset, VolumeBindingImmediate is used. This field is only "
                    + "honored by servers that enable the VolumeScheduling feature."),
            StandardColumns.column("AllowVolumeExpansion", "allowVolumeExpansion shows whether the storage class allow "
                    + "volume expand."),
            StandardColumns.AGE);

    public StorageClassTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(StorageClass sc, Instant now) {
        String name = sc.getMetadata().getName() == null ? "" : sc.getMetadata().getName();
        if (isDefault(sc)) {
            name += " (default)";
        }
        return List.of(name, sc.getProvisioner() == null ? "" : sc.getProvisioner(),
                sc.getReclaimPolicy() == null ? "Delete" : sc.getReclaimPolicy(),
                sc.getVolumeBindingMode() == null ? "Immediate" : sc.getVolumeBindingMode(),
                Boolean.TRUE.equals(sc.getAllowVolumeExpansion()),
                Ages.since(sc.getMetadata().getCreationTimestamp(), now));
    }

    /** IsDefaultAnnotation: the GA annotation, or the beta one, set to "true". */
    public static boolean isDefault(StorageClass sc) {
        Map<String, String> a = sc.getMetadata().getAnnotations();
        return a != null && ("true".equals(a.get("storageclass.kubernetes.io/is-default-class"))
                || "true".equals(a.get("storageclass.beta.kubernetes.io/is-default-class")));
    }
}

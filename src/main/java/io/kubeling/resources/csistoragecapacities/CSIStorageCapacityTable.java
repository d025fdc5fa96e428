package io.kubeling.resources.csistoragecapacities;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacity;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.StandardColumns;
import io.kubeling.resources.pods.Quantities;

/** kube's printCSIStorageCapacity: no Age column, and {@code <unset>} for an unknown capacity. */
class CSIStorageCapacityTable implements TableConvertor<CSIStorageCapacity> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("StorageClassName", "storageClassName represents the name of the StorageClass "
                    + "that the reported capacity applies to. It must meet the same requirements as the name of a "
                    + "StorageClass object (non-empty, DNS subdomain). If that object no longer exists, the "
                    + "CSIStorageCapacity object is obsolete and should be removed by its creator. This field is "
                    + "immutable."),
            StandardColumns.column("Capacity", "capacity is the value reported by the CSI driver in its "
                    + "GetCapacityResponse for a GetCapacityRequest with topology and parameters that match the "
                    + "previous fields.\n\nThe semantic is currently (CSI spec 1.2) defined as: The available "
                    + "capacity, in bytes, of the storage that can be used to provision volumes. If not set, that "
                    + "information is currently unavailable."));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(CSIStorageCapacity capacity, Instant now) {
        return List.of(capacity.getMetadata().getName() == null ? "" : capacity.getMetadata().getName(),
                capacity.getStorageClassName() == null ? "" : capacity.getStorageClassName(),
                capacity.getCapacity() == null ? "<unset>" : Quantities.canonical(capacity.getCapacity()));
    }
}

package io.kubeling.resources.csidrivers;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.CSIDriverSpec;
import io.fabric8.kubernetes.api.model.storage.TokenRequest;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printCSIDriver. */
public class CSIDriverTable implements TableConvertor<CSIDriver> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            new TableColumn("AttachRequired", "boolean", "", "attachRequired indicates this CSI volume driver requires "
                    + "an attach operation (because it implements the CSI ControllerPublishVolume() method), and that "
                    + "the Kubernetes attach detach controller should call the attach volume interface which checks the "
                    + "volumeattachment status and waits until the volume is attached before proceeding to mounting. The "
                    + "CSI external-attacher coordinates with CSI volume driver and updates the volumeattachment status "
                    + "when the attach operation is complete. If the value is specified to false, the attach operation "
                    + "will be skipped. Otherwise the attach operation will be called.\n\nThis field is immutable.", 0),
            new TableColumn("PodInfoOnMount", "boolean", "", "podInfoOnMount indicates this CSI volume driver requires "
                    + "additional pod information (like podName, podUID, etc.) during mount operations, if set to true. "
                    + "If set to false, pod information will not be passed on mount. Default is false.", 0),
            new TableColumn("StorageCapacity", "boolean", "", "storageCapacity indicates that the CSI volume driver "
                    + "wants pod scheduling to consider the storage capacity that the driver deployment will report by "
                    + "creating CSIStorageCapacity objects with capacity information, if set to true.", 0),
            StandardColumns.column("TokenRequests", "tokenRequests indicates the CSI driver needs pods' service account "
                    + "tokens it is mounting volume for to do necessary authentication."),
            new TableColumn("RequiresRepublish", "boolean", "", "requiresRepublish indicates the CSI driver wants "
                    + "`NodePublishVolume` being periodically called to reflect any possible change in the mounted "
                    + "volume. This field defaults to false.", 0),
            StandardColumns.column("Modes", "volumeLifecycleModes defines what kind of volumes this CSI volume driver "
                    + "supports. The default if the list is empty is \"Persistent\", which is the usage defined by the "
                    + "CSI specification and implemented in Kubernetes via the usual PV/PVC mechanism."),
            StandardColumns.AGE);

    public CSIDriverTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(CSIDriver driver, Instant now) {
        CSIDriverSpec spec = driver.getSpec() == null ? new CSIDriverSpec() : driver.getSpec();
        String modes = spec.getVolumeLifecycleModes() == null ? "" : String.join(",", spec.getVolumeLifecycleModes());
        String tokens = spec.getTokenRequests() == null || spec.getTokenRequests().isEmpty() ? "<unset>"
                : String.join(",", spec.getTokenRequests().stream().map(TokenRequest::getAudience).toList());
        return List.of(driver.getMetadata().getName() == null ? "" : driver.getMetadata().getName(),
                !Boolean.FALSE.equals(spec.getAttachRequired()), Boolean.TRUE.equals(spec.getPodInfoOnMount()),
                Boolean.TRUE.equals(spec.getStorageCapacity()), tokens, Boolean.TRUE.equals(spec.getRequiresRepublish()),
                modes.isEmpty() ? "<none>" : modes, Ages.since(driver.getMetadata().getCreationTimestamp(), now));
    }
}

package io.kubeling.resources.csinodes;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printCSINode: how many drivers the node has. */
public class CSINodeTable implements TableConvertor<CSINode> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            new TableColumn("Drivers", "integer", "", "Drivers indicates the number of CSI drivers registered on the node",
                    0),
            StandardColumns.AGE);

    public CSINodeTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(CSINode node, Instant now) {
        long drivers = node.getSpec() == null || node.getSpec().getDrivers() == null ? 0
                : node.getSpec().getDrivers().size();
        return List.of(node.getMetadata().getName() == null ? "" : node.getMetadata().getName(), drivers,
                Ages.since(node.getMetadata().getCreationTimestamp(), now));
    }
}

package io.kubeling.resources.componentstatuses;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.ComponentCondition;
import io.fabric8.kubernetes.api.model.ComponentStatus;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.StandardColumns;

/** kube's printComponentStatus: the Healthy condition's status, message and error. */
public class ComponentStatusTable implements TableConvertor<ComponentStatus> {

    private static final List<TableColumn> COLUMNS = List.of(StandardColumns.NAME,
            StandardColumns.column("Status", "Status of the component conditions"),
            StandardColumns.column("Message", "Message of the component conditions"),
            StandardColumns.column("Error", "Error of the component conditions"));

    public ComponentStatusTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ComponentStatus cs, Instant now) {
        String status = "Unknown";
        String message = "";
        String error = "";
        for (ComponentCondition c : cs.getConditions()) {
            if ("Healthy".equals(c.getType())) {
                status = "True".equals(c.getStatus()) ? "Healthy" : "Unhealthy";
                message = c.getMessage() == null ? "" : c.getMessage();
                error = c.getError() == null ? "" : c.getError();
                break;
            }
        }
        return List.of(cs.getMetadata().getName() == null ? "" : cs.getMetadata().getName(), status, message, error);
    }
}

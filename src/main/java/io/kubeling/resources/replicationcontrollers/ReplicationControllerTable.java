package io.kubeling.resources.replicationcontrollers;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerSpec;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.ContainerCells;
import io.kubeling.resources.common.SelectorText;
import io.kubeling.resources.common.StandardColumns;

/** kube's printReplicationController. */
public class ReplicationControllerTable implements TableConvertor<ReplicationController> {

    private static final String DOCS =
            "https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller";

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            new TableColumn("Desired", "integer", "", "Replicas is the number of desired replicas. This is a pointer to "
                    + "distinguish between explicit zero and unspecified. Defaults to 1. More info: " + DOCS, 0),
            new TableColumn("Current", "integer", "", "Replicas is the most recently observed number of replicas. More "
                    + "info: " + DOCS, 0),
            new TableColumn("Ready", "integer", "", "The number of ready replicas for this replication controller.", 0),
            StandardColumns.AGE,
            StandardColumns.CONTAINERS,
            StandardColumns.IMAGES,
            StandardColumns.wide("Selector", "Selector is a label query over pods that should match the Replicas count. "
                    + "If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and "
                    + "values that must match in order to be controlled by this replication controller, if empty "
                    + "defaulted to labels on Pod template. More info: "
                    + "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"));

    public ReplicationControllerTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ReplicationController rc, Instant now) {
        ReplicationControllerSpec spec = rc.getSpec() == null ? new ReplicationControllerSpec() : rc.getSpec();
        ReplicationControllerStatus status = rc.getStatus() == null ? new ReplicationControllerStatus()
                : rc.getStatus();
        return List.of(rc.getMetadata().getName() == null ? "" : rc.getMetadata().getName(),
                number(spec.getReplicas()), number(status.getReplicas()), number(status.getReadyReplicas()),
                Ages.since(rc.getMetadata().getCreationTimestamp(), now),
                ContainerCells.names(spec.getTemplate()), ContainerCells.images(spec.getTemplate()),
                SelectorText.ofLabels(spec.getSelector()));
    }

    private static long number(Integer value) {
        return value == null ? 0 : value;
    }
}

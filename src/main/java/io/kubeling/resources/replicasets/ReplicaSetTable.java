package io.kubeling.resources.replicasets;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.ContainerCells;
import io.kubeling.resources.common.SelectorText;
import io.kubeling.resources.common.StandardColumns;

/** kube's printReplicaSet: desired, current and ready replicas, and the template's containers. */
public class ReplicaSetTable implements TableConvertor<ReplicaSet> {

    private static final String REPLICATION_CONTROLLER_DOCS =
            "https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/#what-is-a-replicationcontroller";

    // kube describes these columns with extensions/v1beta1's field docs.
    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            new TableColumn("Desired", "integer", "", "Replicas is the number of desired replicas. This is a pointer "
                    + "to distinguish between explicit zero and unspecified. Defaults to 1. More info: "
                    + REPLICATION_CONTROLLER_DOCS, 0),
            new TableColumn("Current", "integer", "", "Replicas is the most recently observed number of replicas. "
                    + "More info: " + REPLICATION_CONTROLLER_DOCS, 0),
            new TableColumn("Ready", "integer", "", "The number of ready replicas for this replica set.", 0),
            StandardColumns.AGE,
            StandardColumns.CONTAINERS,
            StandardColumns.IMAGES,
            StandardColumns.wide("Selector", "Selector is a label query over pods that should match the replica "
                    + "count. If the selector is empty, it is defaulted to the labels present on the pod template. "
                    + "Label keys and values that must match in order to be controlled by this replica set. More info: "
                    + "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"));

    public ReplicaSetTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ReplicaSet replicaSet, Instant now) {
        ReplicaSetSpec spec = replicaSet.getSpec() == null ? new ReplicaSetSpec() : replicaSet.getSpec();
        ReplicaSetStatus status = replicaSet.getStatus() == null ? new ReplicaSetStatus() : replicaSet.getStatus();
        return List.of(
                replicaSet.getMetadata().getName() == null ? "" : replicaSet.getMetadata().getName(),
                number(spec.getReplicas()),
                number(status.getReplicas()),
                number(status.getReadyReplicas()),
                Ages.since(replicaSet.getMetadata().getCreationTimestamp(), now),
                ContainerCells.names(spec.getTemplate()),
                ContainerCells.images(spec.getTemplate()),
                SelectorText.ofSelector(spec.getSelector()));
    }

    /** An unset count converts to 0, as kube's conversion of a nil pointer does. */
    private static long number(Integer value) {
        return value == null ? 0 : value;
    }
}

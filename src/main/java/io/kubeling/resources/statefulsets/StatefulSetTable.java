package io.kubeling.resources.statefulsets;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.ContainerCells;
import io.kubeling.resources.common.StandardColumns;

/** kube's printStatefulSet: ready out of desired, and the template's containers with {@code -o wide}. */
public class StatefulSetTable implements TableConvertor<StatefulSet> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Ready", "Number of the pod with ready state"),
            StandardColumns.AGE,
            StandardColumns.CONTAINERS,
            StandardColumns.IMAGES);

    public StatefulSetTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(StatefulSet sts, Instant now) {
        StatefulSetSpec spec = sts.getSpec() == null ? new StatefulSetSpec() : sts.getSpec();
        StatefulSetStatus status = sts.getStatus() == null ? new StatefulSetStatus() : sts.getStatus();
        return List.of(
                sts.getMetadata().getName() == null ? "" : sts.getMetadata().getName(),
                number(status.getReadyReplicas()) + "/" + number(spec.getReplicas()),
                Ages.since(sts.getMetadata().getCreationTimestamp(), now),
                ContainerCells.names(spec.getTemplate()),
                ContainerCells.images(spec.getTemplate()));
    }

    private static long number(Integer value) {
        return value == null ? 0 : value;
    }
}

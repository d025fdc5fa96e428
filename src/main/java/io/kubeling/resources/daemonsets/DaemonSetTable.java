package io.kubeling.resources.daemonsets;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.ContainerCells;
import io.kubeling.resources.common.SelectorText;
import io.kubeling.resources.common.StandardColumns;

/** kube's printDaemonSet: the scheduling counts, the template's node selector, and its containers when wide. */
public class DaemonSetTable implements TableConvertor<DaemonSet> {

    private static final String DOCS = "More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/";

    // kube describes these columns with extensions/v1beta1's field docs.
    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            integer("Desired", "The total number of nodes that should be running the daemon pod (including nodes "
                    + "correctly running the daemon pod). " + DOCS),
            integer("Current", "The number of nodes that are running at least 1 daemon pod and are supposed to run "
                    + "the daemon pod. " + DOCS),
            integer("Ready", "numberReady is the number of nodes that should be running the daemon pod and have one "
                    + "or more of the daemon pod running with a Ready Condition."),
            integer("Up-to-date", "The total number of nodes that are running updated daemon pod"),
            integer("Available", "The number of nodes that should be running the daemon pod and have one or more of "
                    + "the daemon pod running and available (ready for at least spec.minReadySeconds)"),
            StandardColumns.column("Node Selector", "NodeSelector is a selector which must be true for the pod to fit "
                    + "on a node. Selector which must match a node's labels for the pod to be scheduled on that node. "
                    + "More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/"),
            StandardColumns.AGE,
            StandardColumns.CONTAINERS,
            StandardColumns.IMAGES,
            StandardColumns.wide("Selector", "A label query over pods that are managed by the daemon set. Must match "
                    + "in order to be controlled. It must match the pod template's labels. More info: "
                    + "https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors"));

    public DaemonSetTable() {
    }

    private static TableColumn integer(String name, String description) {
        return new TableColumn(name, "integer", "", description, 0);
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(DaemonSet ds, Instant now) {
        DaemonSetSpec spec = ds.getSpec() == null ? new DaemonSetSpec() : ds.getSpec();
        DaemonSetStatus status = ds.getStatus() == null ? new DaemonSetStatus() : ds.getStatus();
        var nodeSelector = spec.getTemplate() == null || spec.getTemplate().getSpec() == null ? null
                : spec.getTemplate().getSpec().getNodeSelector();
        return List.of(
                ds.getMetadata().getName() == null ? "" : ds.getMetadata().getName(),
                number(status.getDesiredNumberScheduled()),
                number(status.getCurrentNumberScheduled()),
                number(status.getNumberReady()),
                number(status.getUpdatedNumberScheduled()),
                number(status.getNumberAvailable()),
                SelectorText.ofLabels(nodeSelector),
                Ages.since(ds.getMetadata().getCreationTimestamp(), now),
                ContainerCells.names(spec.getTemplate()),
                ContainerCells.images(spec.getTemplate()),
                SelectorText.ofSelector(spec.getSelector()));
    }

    private static long number(Integer value) {
        return value == null ? 0 : value;
    }
}

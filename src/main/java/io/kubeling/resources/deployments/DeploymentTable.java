package io.kubeling.resources.deployments;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.ContainerCells;
import io.kubeling.resources.common.SelectorText;
import io.kubeling.resources.common.StandardColumns;

/** kube's printDeployment: ready out of desired, up to date, available, and the template's containers. */
public class DeploymentTable implements TableConvertor<Deployment> {

    // kube describes these columns with extensions/v1beta1's field docs.
    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Ready", "Number of the pod with ready state"),
            StandardColumns.column("Up-to-date", "Total number of non-terminated pods targeted by this deployment "
                    + "that have the desired template spec."),
            StandardColumns.column("Available", "Total number of available pods (ready for at least "
                    + "minReadySeconds) targeted by this deployment."),
            StandardColumns.AGE,
            StandardColumns.CONTAINERS,
            StandardColumns.IMAGES,
            StandardColumns.wide("Selector", "Label selector for pods. Existing ReplicaSets whose pods are selected "
                    + "by this will be the ones affected by this deployment."));

    public DeploymentTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Deployment deployment, Instant now) {
        DeploymentSpec spec = deployment.getSpec() == null ? new DeploymentSpec() : deployment.getSpec();
        DeploymentStatus status = deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
        return List.of(
                deployment.getMetadata().getName() == null ? "" : deployment.getMetadata().getName(),
                number(status.getReadyReplicas()) + "/" + number(spec.getReplicas()),
                number(status.getUpdatedReplicas()),
                number(status.getAvailableReplicas()),
                Ages.since(deployment.getMetadata().getCreationTimestamp(), now),
                ContainerCells.names(spec.getTemplate()),
                ContainerCells.images(spec.getTemplate()),
                // Unlike the other workloads, kube prints an empty selector as nothing, an invalid one as <invalid>.
                SelectorText.rendered(spec.getSelector()).orElse("<invalid>"));
    }

    /** An unset count converts to 0, as kube's conversion of a nil pointer does. */
    private static long number(Integer value) {
        return value == null ? 0 : value;
    }
}

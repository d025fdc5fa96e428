package io.kubeling.resources.namespaces;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.Namespace;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printNamespace: the lifecycle phase, Active or Terminating. */
public class NamespaceTable implements TableConvertor<Namespace> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Status", "The status of the namespace"),
            StandardColumns.AGE);

    public NamespaceTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(Namespace namespace, Instant now) {
        String phase = namespace.getStatus() == null ? null : namespace.getStatus().getPhase();
        return List.of(
                namespace.getMetadata().getName() == null ? "" : namespace.getMetadata().getName(),
                phase == null ? "" : phase,
                Ages.since(namespace.getMetadata().getCreationTimestamp(), now));
    }
}

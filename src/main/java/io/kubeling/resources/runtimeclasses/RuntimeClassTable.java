package io.kubeling.resources.runtimeclasses;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printRuntimeClass; its Handler column's description is the empty one kube looks up on ObjectMeta. */
public class RuntimeClassTable implements TableConvertor<RuntimeClass> {

    private static final List<TableColumn> COLUMNS = List.of(StandardColumns.NAME,
            StandardColumns.column("Handler", ""), StandardColumns.AGE);

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(RuntimeClass runtimeClass, Instant now) {
        return List.of(runtimeClass.getMetadata().getName(),
                runtimeClass.getHandler() == null ? "" : runtimeClass.getHandler(),
                Ages.since(runtimeClass.getMetadata().getCreationTimestamp(), now));
    }
}

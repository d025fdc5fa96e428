package io.kubeling.resources.common;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;

/** kube's default table convertor, for resources without a printer: the name and the creation time as RFC 3339. */
public class CreatedAtTable<T extends HasMetadata> implements TableConvertor<T> {

    private static final List<TableColumn> COLUMNS = List.of(StandardColumns.NAME,
            new TableColumn("Created At", "date", "", StandardColumns.AGE_DESCRIPTION, 0));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(T object, Instant now) {
        return Arrays.asList(object.getMetadata().getName(), object.getMetadata().getCreationTimestamp());
    }
}

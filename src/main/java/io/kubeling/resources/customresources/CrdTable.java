package io.kubeling.resources.customresources;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.StandardColumns;

/** kube's default table convertor, which CRDs print with: the name and the creation time as RFC 3339. */
class CrdTable implements TableConvertor<CustomResourceDefinition> {

    private static final List<TableColumn> COLUMNS = List.of(StandardColumns.NAME,
            new TableColumn("Created At", "date", "", StandardColumns.AGE_DESCRIPTION, 0));

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(CustomResourceDefinition crd, Instant now) {
        String created = crd.getMetadata().getCreationTimestamp();
        return java.util.Arrays.asList(crd.getMetadata().getName(), created == null ? null : created);
    }
}

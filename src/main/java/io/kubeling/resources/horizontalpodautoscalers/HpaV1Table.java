package io.kubeling.resources.horizontalpodautoscalers;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;

/** kube prints autoscalers of either version from its internal (v2-shaped) object: v1 is converted first. */
class HpaV1Table implements TableConvertor<HorizontalPodAutoscaler> {

    private final HpaV1Conversion conversion;
    private final HpaTable table;

    HpaV1Table(HpaV1Conversion conversion, HpaTable table) {
        this.conversion = conversion;
        this.table = table;
    }

    @Override
    public List<TableColumn> columns() {
        return table.columns();
    }

    @Override
    public List<Object> cells(HorizontalPodAutoscaler hpa, Instant now) {
        return table.cells(conversion.toStorage(hpa), now);
    }
}

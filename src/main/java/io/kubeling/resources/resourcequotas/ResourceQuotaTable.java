package io.kubeling.resources.resourcequotas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;
import io.kubeling.resources.pods.Quantities;

/** kube's printResourceQuota: {@code used/hard} per resource, limits apart from the rest. */
public class ResourceQuotaTable implements TableConvertor<ResourceQuota> {

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Request", "Request represents a minimum amount of cpu/memory that a container may "
                    + "consume."),
            StandardColumns.column("Limit", "Limits control the maximum amount of cpu/memory that a container may use "
                    + "independent of contention on the node."),
            StandardColumns.AGE);

    public ResourceQuotaTable() {
    }

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(ResourceQuota quota, Instant now) {
        Map<String, Quantity> hard = quota.getStatus() == null || quota.getStatus().getHard() == null ? Map.of()
                : quota.getStatus().getHard();
        Map<String, Quantity> used = quota.getStatus() == null || quota.getStatus().getUsed() == null ? Map.of()
                : quota.getStatus().getUsed();
        List<String> requests = new ArrayList<>();
        List<String> limits = new ArrayList<>();
        for (var e : new TreeMap<>(hard).entrySet()) {
            String[] pieces = e.getKey().split("\\.");
            List<String> column = pieces.length > 1 && pieces[0].equals("limits") ? limits : requests;
            column.add(e.getKey() + ": " + Quantities.canonical(used.get(e.getKey())) + "/"
                    + Quantities.canonical(e.getValue()));
        }
        return List.of(quota.getMetadata().getName() == null ? "" : quota.getMetadata().getName(),
                String.join(", ", requests), String.join(", ", limits),
                Ages.since(quota.getMetadata().getCreationTimestamp(), now));
    }
}

package io.kubeling.controllers.metrics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeling.registry.TableColumn;

/** metrics-server's server-side printing: the name, the usage summed over containers, and the window. */
final class MetricsTable {

    static final List<TableColumn> COLUMNS = List.of(
            new TableColumn("Name", "string", "name", "Name of the resource", 0),
            new TableColumn("cpu", "string", "quantity", "", 0),
            new TableColumn("memory", "string", "quantity", "", 0),
            new TableColumn("Window", "string", "duration", "", 0));

    private MetricsTable() {
    }

    @SuppressWarnings("unchecked")
    static List<Object> cells(Map<String, Object> object) {
        List<Map<String, Object>> usages = new ArrayList<>();
        if (object.get("usage") instanceof Map<?, ?> usage) {
            usages.add((Map<String, Object>) usage);
        }
        if (object.get("containers") instanceof List<?> containers) {
            for (Object c : containers) {
                usages.add((Map<String, Object>) ((Map<String, Object>) c).get("usage"));
            }
        }
        BigDecimal cores = BigDecimal.ZERO;
        BigDecimal bytes = BigDecimal.ZERO;
        for (Map<String, Object> u : usages) {
            cores = cores.add(Quantity.getAmountInBytes(new Quantity((String) u.get("cpu"))));
            bytes = bytes.add(Quantity.getAmountInBytes(new Quantity((String) u.get("memory"))));
        }
        return List.of(((Map<String, Object>) object.get("metadata")).get("name"),
                Usage.decimal(cores.movePointRight(9).longValue()), Usage.binary(bytes.longValue()),
                object.get("window"));
    }
}

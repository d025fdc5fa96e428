package io.kubeling.resources.customresources;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.KubeTime;
import io.kubeling.resources.common.StandardColumns;

/**
 * Kube's custom resource table convertor: the name, then each additionalPrinterColumn (or Age when the version
 * declares none), string columns printed as the JSONPath printer prints, dates as ages.
 */
class CustomResourceTable implements TableConvertor<GenericKubernetesResource> {

    private record Column(TableColumn header, JsonPath path) {
    }

    private final List<Column> columns = new ArrayList<>();
    private final List<TableColumn> headers = new ArrayList<>();

    CustomResourceTable(List<CustomResourceColumnDefinition> printerColumns) {
        headers.add(StandardColumns.NAME);
        List<CustomResourceColumnDefinition> defs = printerColumns == null || printerColumns.isEmpty()
                ? List.of(age()) : printerColumns;
        for (CustomResourceColumnDefinition c : defs) {
            String description = c.getDescription() != null && !c.getDescription().isEmpty() ? c.getDescription()
                    : "Custom resource definition column (in JSONPath format): " + c.getJsonPath();
            TableColumn header = new TableColumn(c.getName(), c.getType(), c.getFormat() == null ? "" : c.getFormat(),
                    description, c.getPriority() == null ? 0 : c.getPriority());
            headers.add(header);
            columns.add(new Column(header, JsonPaths.compile(c.getJsonPath())));
        }
    }

    private static CustomResourceColumnDefinition age() {
        CustomResourceColumnDefinition age = new CustomResourceColumnDefinition();
        age.setName("Age");
        age.setType("date");
        age.setDescription(StandardColumns.AGE_DESCRIPTION);
        age.setJsonPath(".metadata.creationTimestamp");
        return age;
    }

    @Override
    public List<TableColumn> columns() {
        return headers;
    }

    @Override
    public List<Object> cells(GenericKubernetesResource object, Instant now) {
        Map<String, Object> tree = JsonPaths.tree(object);
        List<Object> cells = new ArrayList<>();
        cells.add(object.getMetadata().getName());
        for (Column column : columns) {
            Object value = JsonPaths.first(column.path(), tree);
            cells.add(value == null ? null : cell(column.header().type(), value, now));
        }
        return cells;
    }

    /** cellForJSONValue: each column type takes only values of its own JSON type. */
    private static Object cell(String type, Object value, Instant now) {
        return switch (type) {
            case "string" -> JsonPaths.print(value);
            case "integer" -> value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    ? (Object) n.longValue() : null;
            case "number" -> value instanceof Number n ? n : null;
            case "boolean" -> value instanceof Boolean b ? b : null;
            case "date" -> {
                if (!(value instanceof String s)) {
                    yield null;
                }
                try {
                    yield Ages.since(KubeTime.parse(s), now);
                } catch (RuntimeException e) {
                    yield "<invalid>";
                }
            }
            default -> null;
        };
    }
}

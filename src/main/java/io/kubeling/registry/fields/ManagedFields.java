package io.kubeling.registry.fields;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The field sets of every manager of one object, read from and written to {@code metadata.managedFields}. */
final class ManagedFields {

    /** One entry: the fields a manager owns and when it last changed them. */
    record Owned(FieldSet fields, String apiVersion, String time) {
    }

    /** Apply entries first, then by time, manager, API version and subresource, as kube sorts them. */
    private static final Comparator<Map.Entry<Manager, Owned>> ORDER = Comparator
            .<Map.Entry<Manager, Owned>, String>comparing(e -> e.getKey().operation())
            .thenComparing(e -> e.getValue().time() == null ? "" : e.getValue().time())
            .thenComparing(e -> e.getKey().name())
            .thenComparing(e -> e.getValue().apiVersion() == null ? "" : e.getValue().apiVersion())
            .thenComparing(e -> e.getKey().subresource());

    final Map<Manager, Owned> owners = new LinkedHashMap<>();

    /** Reads the entries; null when they are malformed, so that the caller falls back as kube does. */
    static ManagedFields decode(JsonNode entries) {
        ManagedFields out = new ManagedFields();
        if (entries == null || entries.isNull()) {
            return out;
        }
        if (!entries.isArray()) {
            return null;
        }
        try {
            for (JsonNode entry : entries) {
                String fieldsType = entry.path("fieldsType").asString("");
                if (!fieldsType.isEmpty() && !fieldsType.equals("FieldsV1")) {
                    return null;
                }
                String operation = entry.path("operation").asString("");
                String apiVersion = entry.path("apiVersion").asString("");
                String name = entry.path("manager").asString("");
                String subresource = entry.path("subresource").asString("");
                Manager manager = new Manager(name, operation, Manager.APPLY.equals(operation) ? "" : apiVersion,
                        subresource);
                FieldSet fields = FieldSet.fromFieldsV1(entry.get("fieldsV1"));
                String time = entry.path("time").isString() ? entry.path("time").asString() : null;
                Owned previous = out.owners.get(manager);
                if (previous != null) {
                    fields = fields.union(previous.fields());
                }
                out.owners.put(manager, new Owned(fields, apiVersion, time));
            }
        } catch (RuntimeException e) {
            return null;
        }
        return out;
    }

    ArrayNode encode() {
        ArrayNode out = PathElement.JSON.createArrayNode();
        List<Map.Entry<Manager, Owned>> sorted = new ArrayList<>(owners.entrySet());
        sorted.sort(ORDER);
        for (Map.Entry<Manager, Owned> e : sorted) {
            Manager m = e.getKey();
            Owned owned = e.getValue();
            if (owned.fields().isEmpty()) {
                continue;
            }
            ObjectNode entry = out.addObject();
            if (!m.name().isEmpty()) {
                entry.put("manager", m.name());
            }
            entry.put("operation", m.operation());
            if (owned.apiVersion() != null && !owned.apiVersion().isEmpty()) {
                entry.put("apiVersion", owned.apiVersion());
            }
            if (owned.time() != null) {
                entry.put("time", owned.time());
            }
            entry.put("fieldsType", "FieldsV1");
            entry.set("fieldsV1", owned.fields().toFieldsV1());
            if (!m.subresource().isEmpty()) {
                entry.put("subresource", m.subresource());
            }
        }
        return out;
    }

    void removeEmpty() {
        owners.values().removeIf(o -> o.fields().isEmpty());
    }
}

package io.kubeling.registry.fields;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.kubeling.registry.validation.GoQuote;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The field sets of every manager of one object, read from and written to {@code metadata.managedFields}. */
final class ManagedFields {

    /**
     * One entry: the fields a manager owns and when it last changed them. {@code encoded} is the FieldsV1 the
     * fields were read from (a tree or the typed model's), kept so that fields a write leaves alone are not
     * encoded again; null once they differ.
     */
    record Owned(FieldSet fields, String apiVersion, String time, Object encoded) {

        Owned(FieldSet fields, String apiVersion, String time) {
            this(fields, apiVersion, time, null);
        }

        /** This entry with {@code kept} for fields, which is this entry's own set when nothing was taken away. */
        Owned keeping(FieldSet kept) {
            return kept == fields ? this : new Owned(kept, apiVersion, time);
        }

        /** This entry with {@code now} for fields, changed at {@code time}. */
        Owned changed(FieldSet now, String apiVersion, String time) {
            return new Owned(now, apiVersion, time, now == fields ? encoded : null);
        }
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
                JsonNode fieldsV1 = entry.get("fieldsV1");
                String time = entry.path("time").isString() ? entry.path("time").asString() : null;
                out.add(manager, FieldSet.fromFieldsV1(fieldsV1), apiVersion, time, fieldsV1);
            }
        } catch (RuntimeException e) {
            return null;
        }
        return out;
    }

    /** Reads typed entries; null when they are malformed. */
    static ManagedFields decode(List<ManagedFieldsEntry> entries) {
        ManagedFields out = new ManagedFields();
        if (entries == null) {
            return out;
        }
        try {
            for (ManagedFieldsEntry entry : entries) {
                String fieldsType = orEmpty(entry.getFieldsType());
                if (!fieldsType.isEmpty() && !fieldsType.equals("FieldsV1")) {
                    return null;
                }
                String operation = orEmpty(entry.getOperation());
                String apiVersion = orEmpty(entry.getApiVersion());
                Manager manager = new Manager(orEmpty(entry.getManager()), operation,
                        Manager.APPLY.equals(operation) ? "" : apiVersion, orEmpty(entry.getSubresource()));
                FieldSet fields = entry.getFieldsV1() == null ? new FieldSet()
                        : FieldSet.fromMap(entry.getFieldsV1().getAdditionalProperties());
                out.add(manager, fields, apiVersion, entry.getTime(), entry.getFieldsV1());
            }
        } catch (RuntimeException e) {
            return null;
        }
        return out;
    }

    /**
     * Why kube's ValidateManagedFields refuses these entries, in its words; null when they are valid. Kube
     * checks each entry's operation, apiVersion and fieldsType, then decodes its fields.
     */
    static String invalidReason(List<ManagedFieldsEntry> entries) {
        if (entries == null) {
            return null;
        }
        for (int i = 0; i < entries.size(); i++) {
            ManagedFieldsEntry entry = entries.get(i);
            String operation = orEmpty(entry.getOperation());
            if (!operation.equals(Manager.APPLY) && !operation.equals("Update")) {
                return "operation must be `Apply` or `Update`";
            }
            if (orEmpty(entry.getApiVersion()).isEmpty()) {
                return "apiVersion must not be empty";
            }
            String fieldsType = orEmpty(entry.getFieldsType());
            if (fieldsType.isEmpty()) {
                return "missing fieldsType in managed fields entry " + i;
            }
            if (!fieldsType.equals("FieldsV1")) {
                return "invalid fieldsType " + GoQuote.quote(fieldsType) + " in managed fields entry " + i;
            }
            try {
                if (entry.getFieldsV1() != null) {
                    FieldSet.fromMap(entry.getFieldsV1().getAdditionalProperties());
                }
            } catch (RuntimeException e) {
                return "error decoding versioned set from " + entry + ": " + e.getMessage();
            }
        }
        return null;
    }

    /** Two entries of one manager are read as one, as kube decodes them. */
    private void add(Manager manager, FieldSet fields, String apiVersion, String time, Object encoded) {
        Owned previous = owners.get(manager);
        if (previous != null) {
            owners.put(manager, new Owned(fields.union(previous.fields()), apiVersion, time));
        } else {
            owners.put(manager, new Owned(fields, apiVersion, time, encoded));
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    ArrayNode encode() {
        ArrayNode out = PathElement.JSON.createArrayNode();
        for (Map.Entry<Manager, Owned> e : sorted()) {
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
            entry.set("fieldsV1", owned.encoded() instanceof JsonNode fieldsV1 ? fieldsV1 : owned.fields().toFieldsV1());
            if (!m.subresource().isEmpty()) {
                entry.put("subresource", m.subresource());
            }
        }
        return out;
    }

    /** The typed entries, reusing the FieldsV1 of each owner whose fields the write left as they were. */
    List<ManagedFieldsEntry> entries() {
        List<ManagedFieldsEntry> out = new ArrayList<>();
        for (Map.Entry<Manager, Owned> e : sorted()) {
            Manager m = e.getKey();
            Owned owned = e.getValue();
            if (owned.fields().isEmpty()) {
                continue;
            }
            FieldsV1 fieldsV1;
            if (owned.encoded() instanceof FieldsV1 read) {
                fieldsV1 = read;
            } else {
                fieldsV1 = new FieldsV1();
                fieldsV1.setAdditionalProperties(owned.fields().toMap());
            }
            String apiVersion = owned.apiVersion() == null || owned.apiVersion().isEmpty() ? null : owned.apiVersion();
            out.add(new ManagedFieldsEntry(apiVersion, "FieldsV1", fieldsV1, m.name().isEmpty() ? null : m.name(),
                    m.operation(), m.subresource().isEmpty() ? null : m.subresource(), owned.time()));
        }
        return out;
    }

    private List<Map.Entry<Manager, Owned>> sorted() {
        List<Map.Entry<Manager, Owned>> sorted = new ArrayList<>(owners.entrySet());
        sorted.sort(ORDER);
        return sorted;
    }

    void removeEmpty() {
        owners.values().removeIf(o -> o.fields().isEmpty());
    }
}

package io.kubeling.registry.fields;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.kubeling.registry.Errors;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.Timestamps;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kube's field management for one resource: records who set which field in {@code metadata.managedFields}
 * on every write, and carries out server-side apply (merge, ownership, conflicts, removal of fields an
 * applier stopped setting). Works on object trees so it knows nothing of the typed model beyond the schema.
 */
public final class FieldManager {

    /** Fields no manager owns, as kube's stripMeta: identity and server-kept metadata. */
    private static final FieldSet STRIPPED = FieldSet.of(List.of(
            path("apiVersion"), path("kind"), path("metadata"), path("metadata", "name"),
            path("metadata", "namespace"), path("metadata", "creationTimestamp"), path("metadata", "selfLink"),
            path("metadata", "uid"), path("metadata", "clusterName"), path("metadata", "generation"),
            path("metadata", "managedFields"), path("metadata", "resourceVersion")));
    private static final List<List<PathElement>> MANAGED_FIELDS = List.of(path("metadata", "managedFields"));
    private static final Map<String, List<List<PathElement>>> TOP_LEVEL = Map.of(
            "spec", List.of(path("spec")), "status", List.of(path("status")));

    /** The manager kubectl's server-side apply uses by default, which kube treats specially for the annotation. */
    private static final String KUBECTL = "kubectl";
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private final Schema root;
    private final boolean custom;
    private final String apiVersion;
    private final boolean statusIsSubresource;
    private final Clock clock;

    /**
     * @param statusIsSubresource whether status is written only through the status subresource, so that
     *                            writes to the main resource own no status field (kube's reset fields)
     */
    public FieldManager(Class<?> type, String apiVersion, boolean statusIsSubresource, Clock clock) {
        this(type, null, apiVersion, statusIsSubresource, clock);
    }

    /**
     * @param openApiSchema the OpenAPI v3 schema of a custom resource's version, whose list and map types guide
     *                      the merge beyond what {@code type} declares; null for a built-in resource
     */
    public FieldManager(Class<?> type, JsonNode openApiSchema, String apiVersion, boolean statusIsSubresource,
            Clock clock) {
        this.root = Schema.of(type, openApiSchema);
        // an unstructured object, compared as kube compares one: with an empty Unstructured
        this.custom = type == GenericKubernetesResource.class;
        this.apiVersion = apiVersion;
        this.statusIsSubresource = statusIsSubresource;
        this.clock = clock;
    }

    /** An applied object and its managed fields. */
    public record Applied(ObjectNode object, boolean changed) {
    }

    /**
     * The managedFields after an Update operation by {@code manager}: the fields it changed become its own
     * and leave their previous owners. {@code live} is null on create. Managed fields the client sent
     * replace the live ones (a single empty entry clears them), except through a subresource. Both trees
     * are changed: the parts no manager of this write can own are cut off before they are compared.
     */
    public ArrayNode update(JsonNode live, JsonNode updated, String manager, String subresource) {
        ManagedFields managed = null;
        JsonNode sent = updated.path("metadata").get("managedFields");
        if (subresource == null && sent != null && sent.isArray() && !sent.isEmpty()) {
            managed = ManagedFields.decode(sent);
        }
        if (managed == null && live != null) {
            managed = ManagedFields.decode(live.path("metadata").get("managedFields"));
        }
        return update(live, updated, managed, manager, subresource).encode();
    }

    /**
     * As {@link #update(JsonNode, JsonNode, String, String)}, with the managed fields apart from the trees,
     * in the typed model's form: {@code live} and {@code updated} hold none, and entries that this write
     * leaves alone are returned as they came.
     */
    public List<ManagedFieldsEntry> update(JsonNode live, List<ManagedFieldsEntry> liveEntries, JsonNode updated,
            List<ManagedFieldsEntry> sentEntries, String manager, String subresource) {
        ManagedFields managed = null;
        if (subresource == null && sentEntries != null && !sentEntries.isEmpty()) {
            managed = ManagedFields.decode(sentEntries);
        }
        if (managed == null && live != null) {
            managed = ManagedFields.decode(liveEntries);
        }
        return update(live, updated, managed, manager, subresource).entries();
    }

    private ManagedFields update(JsonNode live, JsonNode updated, ManagedFields decoded, String manager,
            String subresource) {
        ManagedFields managed = decoded == null ? new ManagedFields() : decoded;
        // Both trees are the caller's throw-away copies: what no manager can own here is cut off, not compared.
        for (JsonNode tree : live == null ? List.of(updated) : List.of(live, updated)) {
            prune((ObjectNode) tree, subresource);
        }
        JsonNode before = live == null ? skeleton(updated) : live;
        Comparison comparison = filter(ValueWalker.compare(root, before, updated), subresource);
        Manager self = Manager.update(manager, apiVersion, subresource);
        FieldSet taken = comparison.changed();
        FieldSet released = taken.union(comparison.removed());
        ManagedFields.Owned previous = managed.owners.get(self);
        managed.owners.replaceAll((m, owned) -> owned.keeping(owned.fields().difference(released)));
        if (!taken.isEmpty()) {
            ManagedFields.Owned kept = managed.owners.get(self);
            managed.owners.put(self, kept == null ? new ManagedFields.Owned(taken, apiVersion, Timestamps.now(clock))
                    : kept.changed(kept.fields().union(taken), apiVersion, Timestamps.now(clock)));
        } else if (previous != null && managed.owners.get(self) == null) {
            managed.owners.put(self, previous);
        }
        managed.removeEmpty();
        return managed;
    }

    /**
     * Why managed fields are invalid, as kube's ValidateManagedFields words it; null when they are valid. Kube
     * checks them after mutating admission, which may have changed them.
     */
    public static String invalidReason(List<ManagedFieldsEntry> entries) {
        return ManagedFields.invalidReason(entries);
    }

    /**
     * The top-level field a write through this endpoint cannot own, as kube's reset fields: status through
     * the main resource when status has a subresource of its own, spec through status; else null.
     */
    public String unownedPart(String subresource) {
        if (subresource == null && statusIsSubresource) {
            return "status";
        }
        return "status".equals(subresource) ? "spec" : null;
    }

    /** Removes managedFields, and the part of the object a write through this endpoint cannot own. */
    private void prune(ObjectNode tree, String subresource) {
        if (tree.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("managedFields");
        }
        String unowned = unownedPart(subresource);
        if (unowned != null) {
            tree.remove(unowned);
        }
    }

    /**
     * Server-side apply of {@code config} by {@code manager} to {@code live} (null when the object does
     * not exist yet): the merged object with its managedFields, or a 409 naming every field another
     * manager owns with a different value unless {@code force}.
     */
    public Applied apply(JsonNode live, ObjectNode config, String manager, String subresource, boolean force) {
        ManagedFields managed = live == null ? new ManagedFields()
                : ManagedFields.decode(live.path("metadata").get("managedFields"));
        if (managed == null) {
            managed = new ManagedFields();
        }
        JsonNode before = live == null ? skeleton(config) : withoutManagedFields(live);
        ObjectNode merged = (ObjectNode) ValueWalker.merge(root, before, config);
        Manager self = Manager.apply(manager, subresource);
        ManagedFields.Owned last = managed.owners.get(self);
        FieldSet applied = filter(ValueWalker.fieldSet(root, config), subresource);
        managed.owners.put(self, new ManagedFields.Owned(applied, apiVersion, last == null ? null : last.time()));
        if (last != null) {
            FieldSet owned = new FieldSet();
            for (ManagedFields.Owned o : managed.owners.values()) {
                owned = owned.union(o.fields());
            }
            for (List<PathElement> path : last.fields().paths()) {
                if (!owned.hasPrefix(path)) {
                    ValueWalker.remove(root, merged, path);
                }
            }
        }
        Comparison comparison = filter(ValueWalker.compare(root, before, merged), subresource);
        FieldSet changed = comparison.changed();
        Map<Manager, FieldSet> conflicts = new TreeMap<>(java.util.Comparator.comparing(Manager::name)
                .thenComparing(Manager::operation).thenComparing(Manager::subresource)
                .thenComparing(Manager::apiVersion));
        for (Map.Entry<Manager, ManagedFields.Owned> e : managed.owners.entrySet()) {
            if (!e.getKey().equals(self)) {
                FieldSet clash = e.getValue().fields().intersection(changed);
                if (!clash.isEmpty()) {
                    conflicts.put(e.getKey(), clash);
                }
            }
        }
        if (!force && !conflicts.isEmpty()) {
            FieldSet allowed = KUBECTL.equals(manager) ? lastAppliedFields(before) : new FieldSet();
            conflicts.replaceAll((m, clash) -> clash.difference(allowed));
            conflicts.values().removeIf(FieldSet::isEmpty);
            if (!conflicts.isEmpty()) {
                throw conflict(conflicts);
            }
        }
        for (Map.Entry<Manager, ManagedFields.Owned> e : managed.owners.entrySet()) {
            if (!e.getKey().equals(self)) {
                ManagedFields.Owned o = e.getValue();
                FieldSet kept = o.fields().difference(changed).difference(comparison.removed());
                e.setValue(o.keeping(kept));
            }
        }
        boolean objectChanged = !before.equals(merged);
        if (objectChanged || last == null || !last.fields().equals(applied)) {
            managed.owners.put(self, new ManagedFields.Owned(applied, apiVersion, Timestamps.now(clock)));
        }
        managed.removeEmpty();
        if (KUBECTL.equals(manager)) {
            objectChanged |= syncLastApplied(merged, config);
        }
        ((ObjectNode) merged.path("metadata")).set("managedFields", managed.encode());
        return new Applied(merged, objectChanged);
    }

    /**
     * The fields of the client-side apply annotation: kube lets kubectl's server-side apply take those over
     * without conflict, so that an object moves from client-side to server-side apply.
     */
    private FieldSet lastAppliedFields(JsonNode live) {
        JsonNode annotation = live.path("metadata").path("annotations").get(LAST_APPLIED);
        if (annotation == null || !annotation.isString() || annotation.asString().isEmpty()) {
            return new FieldSet();
        }
        try {
            return ValueWalker.fieldSet(root, PathElement.JSON.readTree(annotation.asString()));
        } catch (RuntimeException e) {
            return new FieldSet();
        }
    }

    /**
     * Keeps the client-side apply annotation, where there is one, in step with what kubectl applied on the
     * server side, so that a later client-side apply computes its patch from it. Returns whether it changed.
     */
    private static boolean syncLastApplied(ObjectNode merged, ObjectNode config) {
        JsonNode annotations = merged.path("metadata").path("annotations");
        if (!annotations.isObject() || !annotations.has(LAST_APPLIED)) {
            return false;
        }
        ObjectNode applied = config.deepCopy();
        if (applied.path("metadata").path("annotations") instanceof ObjectNode own) {
            own.remove(LAST_APPLIED);
            if (own.isEmpty()) {
                ((ObjectNode) applied.get("metadata")).remove("annotations");
            }
        }
        String value = PathElement.JSON.writeValueAsString(sorted(applied)) + "\n";
        if (value.equals(annotations.get(LAST_APPLIED).asString())) {
            return false;
        }
        ((ObjectNode) annotations).put(LAST_APPLIED, value);
        return true;
    }

    /** The tree with object keys sorted, as Go's encoding/json writes maps. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = PathElement.JSON.createObjectNode();
            new java.util.TreeMap<>(((ObjectNode) node).propertyStream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                    .forEach((k, v) -> out.set(k, sorted(v)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = PathElement.JSON.createArrayNode();
            node.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return node;
    }

    /** The fields an applied configuration sets, as FieldsV1. */
    public JsonNode appliedFields(ObjectNode config) {
        return filter(ValueWalker.fieldSet(root, config), null).toFieldsV1();
    }

    private static StatusException conflict(Map<Manager, FieldSet> conflicts) {
        List<StatusCause> causes = new ArrayList<>();
        int count = 0;
        for (Map.Entry<Manager, FieldSet> e : conflicts.entrySet()) {
            for (List<PathElement> path : e.getValue().paths()) {
                StatusCause cause = new StatusCause();
                cause.setReason("FieldManagerConflict");
                cause.setMessage("conflict with " + e.getKey().describe());
                cause.setField(FieldSet.format(path));
                causes.add(cause);
                count++;
            }
        }
        String message;
        if (count == 1) {
            message = "Apply failed with 1 conflict: " + causes.get(0).getMessage() + ": " + causes.get(0).getField();
        } else {
            List<String> lines = new ArrayList<>();
            Map<String, List<String>> byManager = new TreeMap<>();
            for (Map.Entry<Manager, FieldSet> e : conflicts.entrySet()) {
                List<String> paths = byManager.computeIfAbsent(e.getKey().describe(), k -> new ArrayList<>());
                e.getValue().paths().forEach(p -> paths.add(FieldSet.format(p)));
            }
            byManager.forEach((manager, paths) -> {
                lines.add("conflicts with " + manager + ":");
                paths.forEach(p -> lines.add("- " + p));
            });
            message = "Apply failed with " + count + " conflicts: " + String.join("\n", lines);
        }
        StatusDetails details = new StatusDetails();
        details.setCauses(causes);
        return Errors.error(409, "Conflict", message, details);
    }

    private Comparison filter(Comparison comparison, String subresource) {
        return comparison.filter(set -> filter(set, subresource));
    }

    /** Drops the fields no one owns, and those a write through this endpoint resets. */
    private FieldSet filter(FieldSet set, String subresource) {
        FieldSet out = set.difference(STRIPPED).withoutPrefixes(MANAGED_FIELDS);
        String unowned = unownedPart(subresource);
        return unowned == null ? out : out.withoutPrefixes(TOP_LEVEL.get(unowned));
    }

    /**
     * The empty object kube compares a new object with: a typed one's top-level structs are always there; a custom
     * resource's is an empty Unstructured, so that a new spec or status is owned itself ({@code ".": {}}) as well
     * as what lies below it.
     */
    private JsonNode skeleton(JsonNode object) {
        ObjectNode empty = PathElement.JSON.createObjectNode();
        if (custom) {
            return empty;
        }
        for (String part : List.of("metadata", "spec", "status")) {
            if (object.path(part).isObject()) {
                empty.putObject(part);
            }
        }
        return empty;
    }

    private static JsonNode withoutManagedFields(JsonNode object) {
        if (!object.path("metadata").has("managedFields")) {
            return object;
        }
        ObjectNode copy = ((ObjectNode) object).deepCopy();
        ((ObjectNode) copy.get("metadata")).remove("managedFields");
        return copy;
    }

    private static List<PathElement> path(String... fields) {
        List<PathElement> out = new ArrayList<>();
        for (String f : fields) {
            out.add(PathElement.field(f));
        }
        return List.copyOf(out);
    }
}

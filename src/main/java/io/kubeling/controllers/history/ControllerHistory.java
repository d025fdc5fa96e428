package io.kubeling.controllers.history;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.Owners;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.common.LabelSelectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube's controller history (pkg/controller/history) over the registry: the ControllerRevisions a workload
 * controls, their data as kube writes it (a strategic merge patch replacing {@code spec.template}, which is what
 * {@code kubectl rollout undo} applies), creation past hash collisions, renumbering and truncation.
 */
public final class ControllerHistory {

    /** history.ControllerRevisionHashLabel. */
    public static final String HASH_LABEL = "controller.kubernetes.io/hash";

    private final Registry registry;
    private final JsonMapper mapper;
    private final WriteOptions writer;

    /** The history of the controller writing as {@code writer}. */
    public ControllerHistory(Registry registry, JsonMapper mapper, WriteOptions writer) {
        this.registry = registry;
        this.mapper = mapper;
        this.writer = writer;
    }

    /**
     * The patch a revision of this template holds, {@code {"spec":{"template":{"$patch":"replace",...}}}}, its
     * keys sorted as Go's encoder sorts a map's.
     */
    public ObjectNode patchOf(PodTemplateSpec template) {
        ObjectNode sortedTemplate = sorted(mapper.valueToTree(template));
        ObjectNode withDirective = mapper.createObjectNode().put("$patch", "replace");
        withDirective.setAll(sortedTemplate);
        ObjectNode result = mapper.createObjectNode();
        result.putObject("spec").set("template", sorted(withDirective));
        return result;
    }

    private ObjectNode sorted(JsonNode node) {
        ObjectNode out = mapper.createObjectNode();
        TreeMap<String, JsonNode> fields = new TreeMap<>();
        node.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
        fields.forEach((k, v) -> out.set(k, sortedValue(v)));
        return out;
    }

    private JsonNode sortedValue(JsonNode v) {
        if (v.isObject()) {
            return sorted(v);
        }
        if (v.isArray()) {
            var array = mapper.createArrayNode();
            v.forEach(e -> array.add(sortedValue(e)));
            return array;
        }
        return v;
    }

    public byte[] bytes(JsonNode data) {
        return mapper.writeValueAsString(data).getBytes(StandardCharsets.UTF_8);
    }

    /** A revision's data as a tree, whatever form it was decoded in. */
    public JsonNode dataOf(ControllerRevision revision) {
        return revision.getData() == null ? mapper.nullNode() : mapper.valueToTree(revision.getData());
    }

    /** Whether a revision holds this data, compared as encoded, as history.EqualRevision compares raw bytes. */
    public boolean sameData(ControllerRevision a, JsonNode data) {
        return java.util.Arrays.equals(bytes(dataOf(a)), bytes(data));
    }

    /**
     * A new revision of {@code parent}, owned by it and carrying its annotations, as kube makes it; the caller names
     * and labels it after its hash ({@link #name}).
     */
    public ControllerRevision newRevision(HasMetadata parent, JsonNode data, long number) {
        ControllerRevision revision = new ControllerRevision();
        revision.setApiVersion("apps/v1");
        revision.setKind("ControllerRevision");
        ObjectMeta meta = new ObjectMeta();
        meta.setNamespace(parent.getMetadata().getNamespace());
        Map<String, String> annotations = parent.getMetadata().getAnnotations();
        meta.setAnnotations(annotations == null || annotations.isEmpty() ? null : new HashMap<>(annotations));
        meta.setOwnerReferences(List.of(Owners.controllerReference(parent)));
        revision.setMetadata(meta);
        revision.setData(mapper.convertValue(data, Object.class));
        revision.setRevision(number);
        return revision;
    }

    /** ControllerRevisionName: {@code <parent>-<hash>}, the parent's name cut to 223 characters. */
    public static String name(HasMetadata parent, String hash) {
        String prefix = parent.getMetadata().getName();
        return (prefix.length() > 223 ? prefix.substring(0, 223) : prefix) + "-" + hash;
    }

    /** {@code labels} plus one more. */
    public static Map<String, String> withLabel(Map<String, String> labels, String key, String value) {
        Map<String, String> out = labels == null ? new HashMap<>() : new HashMap<>(labels);
        out.put(key, value);
        return out;
    }

    /**
     * The revisions {@code parent} controls, oldest first, after adopting the orphans its selector matches and
     * releasing the ones it no longer matches (ClaimControllerRevisions).
     */
    public List<ControllerRevision> claim(HasMetadata parent, LabelSelector selector) {
        ResourceStore<ControllerRevision> store = store();
        String uid = parent.getMetadata().getUid();
        boolean deleting = parent.getMetadata().getDeletionTimestamp() != null;
        List<ControllerRevision> owned = new ArrayList<>();
        for (ControllerRevision revision : store.list(parent.getMetadata().getNamespace(), ListOptions.ALL).items()) {
            OwnerReference ref = Owners.controllerOf(revision);
            boolean selected = LabelSelectors.matches(selector, revision.getMetadata().getLabels());
            if (ref != null) {
                if (!Objects.equals(ref.getUid(), uid)) {
                    continue;
                }
                if (selected || deleting) {
                    owned.add(revision);
                } else {
                    change(revision, r -> Owners.release(r, uid));
                }
            } else if (selected && !deleting && revision.getMetadata().getDeletionTimestamp() == null) {
                ControllerRevision adopted = change(revision, r -> {
                    if (Owners.controllerOf(r) == null) {
                        Owners.adopt(r, parent);
                    }
                });
                if (adopted != null && Owners.controlledBy(adopted, parent)) {
                    owned.add(adopted);
                }
            }
        }
        owned.sort(ORDER);
        return owned;
    }

    /** history.Less: by revision number, then name. */
    public static final Comparator<ControllerRevision> ORDER = Comparator
            .comparing((ControllerRevision r) -> r.getRevision() == null ? 0L : r.getRevision())
            .thenComparing(r -> r.getMetadata().getName());

    private ControllerRevision change(ControllerRevision revision, java.util.function.Consumer<ControllerRevision> c) {
        try {
            return store().update(revision.getMetadata().getNamespace(), revision.getMetadata().getName(), null,
                    current -> {
                        if (!Objects.equals(current.getMetadata().getUid(), revision.getMetadata().getUid())) {
                            return null;
                        }
                        c.accept(current);
                        return current;
                    }, writer).object();
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** The next revision number after those given. */
    public static long nextRevision(List<ControllerRevision> revisions) {
        long max = 0;
        for (ControllerRevision r : revisions) {
            max = Math.max(max, r.getRevision() == null ? 0 : r.getRevision());
        }
        return max + 1;
    }

    /**
     * Creates {@code revision}; when its name is taken by other data, bumps the collision count through
     * {@code collisions} and tries the next hash, as CreateControllerRevision does. Answers the stored revision,
     * an equal one already there included.
     */
    public ControllerRevision create(ControllerRevision revision, Collisions collisions, HashedName naming) {
        JsonNode data = dataOf(revision);
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                return store().create(revision.getMetadata().getNamespace(), revision, writer);
            } catch (StatusException e) {
                if (e.code() != 409) {
                    throw e;
                }
                ControllerRevision existing = store().get(revision.getMetadata().getNamespace(),
                        revision.getMetadata().getName());
                if (sameData(existing, data) && Objects.equals(Owners.controllerOf(existing) == null ? null
                        : Owners.controllerOf(existing).getUid(),
                        revision.getMetadata().getOwnerReferences().get(0).getUid())) {
                    return existing;
                }
                int count = collisions.next();
                naming.rename(revision, count);
            }
        }
        throw new IllegalStateException("too many hash collisions for " + revision.getMetadata().getName());
    }

    /** Sets a revision's number (UpdateControllerRevision). */
    public ControllerRevision renumber(ControllerRevision revision, long number) {
        ControllerRevision updated = change(revision, r -> r.setRevision(number));
        return updated == null ? revision : updated;
    }

    /** Deletes the oldest revisions not in {@code live} beyond {@code limit} of them. */
    public void truncate(List<ControllerRevision> revisions, Set<String> live, int limit) {
        List<ControllerRevision> history = new ArrayList<>();
        for (ControllerRevision r : revisions) {
            if (!live.contains(r.getMetadata().getName())) {
                history.add(r);
            }
        }
        history.sort(ORDER);
        int excess = history.size() - limit;
        Iterator<ControllerRevision> it = history.iterator();
        for (int i = 0; i < excess && it.hasNext(); i++) {
            ControllerRevision r = it.next();
            try {
                store().delete(r.getMetadata().getNamespace(), r.getMetadata().getName(), Managers.deleting(writer));
            } catch (StatusException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
    }

    private ResourceStore<ControllerRevision> store() {
        return registry.store(ControllerRevision.class);
    }

    /** The collision count a controller keeps in its object's status. */
    public interface Collisions {
        /** Counts one more collision and answers the new count. */
        int next();
    }

    /** Names a revision again for a new collision count. */
    public interface HashedName {
        void rename(ControllerRevision revision, int collisionCount);
    }
}

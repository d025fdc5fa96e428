package io.kubeling.registry.fields;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A set of field paths, kept as structured-merge-diff keeps it: the members at this level and the
 * sets below each child. Serializes to and from kube's FieldsV1 form ({@code {"f:data":{".":{},"f:a":{}}}}).
 * <p>
 * A set is built with {@link #insert} and then only read: the algebra works level by level and shares
 * the subtrees an operation leaves alone, returning the operand itself when nothing changes, so that
 * every write does not copy every owner's fields.
 */
public final class FieldSet {

    private static final FieldSet EMPTY = new FieldSet();
    /**
     * The FieldsV1 map of a path with nothing below it, {@code {}}: one for every leaf of every object's managed
     * fields, as the typed objects that hold them are never changed.
     */
    private static final Map<String, Object> LEAF = Map.of();

    private final TreeSet<PathElement> members;
    private final TreeMap<PathElement, FieldSet> children;

    public FieldSet() {
        this(new TreeSet<>(), new TreeMap<>());
    }

    private FieldSet(TreeSet<PathElement> members, TreeMap<PathElement, FieldSet> children) {
        this.members = members;
        this.children = children;
    }

    public static FieldSet of(List<List<PathElement>> paths) {
        FieldSet set = new FieldSet();
        paths.forEach(set::insert);
        return set;
    }

    public void insert(List<PathElement> path) {
        if (path.isEmpty()) {
            return;
        }
        FieldSet node = this;
        for (int i = 0; i < path.size() - 1; i++) {
            node = node.children.computeIfAbsent(path.get(i), k -> new FieldSet());
        }
        node.members.add(path.get(path.size() - 1));
    }

    public boolean has(List<PathElement> path) {
        FieldSet node = this;
        for (int i = 0; i < path.size() - 1; i++) {
            node = node.children.get(path.get(i));
            if (node == null) {
                return false;
            }
        }
        return !path.isEmpty() && node.members.contains(path.get(path.size() - 1));
    }

    /** Whether the set holds {@code path} or any path below it. */
    public boolean hasPrefix(List<PathElement> path) {
        if (has(path)) {
            return true;
        }
        FieldSet node = this;
        for (PathElement e : path) {
            node = node.children.get(e);
            if (node == null) {
                return false;
            }
        }
        return !node.isEmpty();
    }

    public boolean isEmpty() {
        if (!members.isEmpty()) {
            return false;
        }
        for (FieldSet child : children.values()) {
            if (!child.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Nothing at this level: cheaper than {@link #isEmpty}, which also looks for empty children. */
    private boolean bare() {
        return members.isEmpty() && children.isEmpty();
    }

    /** The union; this set itself when {@code other} adds nothing to it. */
    public FieldSet union(FieldSet other) {
        if (other.bare()) {
            return this;
        }
        if (bare()) {
            return other;
        }
        TreeSet<PathElement> m = members;
        if (!members.containsAll(other.members)) {
            m = new TreeSet<>(members);
            m.addAll(other.members);
        }
        TreeMap<PathElement, FieldSet> c = children;
        for (Map.Entry<PathElement, FieldSet> e : other.children.entrySet()) {
            FieldSet mine = children.get(e.getKey());
            FieldSet both = mine == null ? e.getValue() : mine.union(e.getValue());
            if (both != mine) {
                if (c == children) {
                    c = new TreeMap<>(children);
                }
                c.put(e.getKey(), both);
            }
        }
        return m == members && c == children ? this : new FieldSet(m, c);
    }

    public FieldSet difference(FieldSet other) {
        if (other.bare() || bare()) {
            return this;
        }
        TreeSet<PathElement> m = members;
        for (PathElement e : members) {
            if (other.members.contains(e)) {
                m = new TreeSet<>(members);
                m.removeAll(other.members);
                break;
            }
        }
        TreeMap<PathElement, FieldSet> c = children;
        for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
            FieldSet against = other.children.get(e.getKey());
            if (against == null) {
                continue;
            }
            FieldSet left = e.getValue().difference(against);
            if (left != e.getValue()) {
                if (c == children) {
                    c = new TreeMap<>(children);
                }
                if (left.isEmpty()) {
                    c.remove(e.getKey());
                } else {
                    c.put(e.getKey(), left);
                }
            }
        }
        return m == members && c == children ? this : new FieldSet(m, c);
    }

    public FieldSet intersection(FieldSet other) {
        TreeSet<PathElement> m = new TreeSet<>(members);
        m.retainAll(other.members);
        TreeMap<PathElement, FieldSet> c = new TreeMap<>();
        children.forEach((e, child) -> {
            FieldSet against = other.children.get(e);
            if (against != null) {
                FieldSet both = child.intersection(against);
                if (!both.isEmpty()) {
                    c.put(e, both);
                }
            }
        });
        return new FieldSet(m, c);
    }

    /** The paths below any of {@code prefixes} (or equal to one) removed. */
    public FieldSet withoutPrefixes(List<List<PathElement>> prefixes) {
        FieldSet out = this;
        for (List<PathElement> prefix : prefixes) {
            out = out.without(prefix, 0);
        }
        return out;
    }

    private FieldSet without(List<PathElement> prefix, int at) {
        if (prefix.isEmpty()) {
            return EMPTY;
        }
        PathElement step = prefix.get(at);
        FieldSet child = children.get(step);
        if (at == prefix.size() - 1) {
            if (child == null && !members.contains(step)) {
                return this;
            }
            TreeSet<PathElement> m = new TreeSet<>(members);
            m.remove(step);
            TreeMap<PathElement, FieldSet> c = new TreeMap<>(children);
            c.remove(step);
            return new FieldSet(m, c);
        }
        if (child == null) {
            return this;
        }
        FieldSet left = child.without(prefix, at + 1);
        if (left == child) {
            return this;
        }
        TreeMap<PathElement, FieldSet> c = new TreeMap<>(children);
        if (left.isEmpty()) {
            c.remove(step);
        } else {
            c.put(step, left);
        }
        return new FieldSet(members, c);
    }

    /** Every member path, in sorted order (a node before the paths below it). */
    public void forEach(Consumer<List<PathElement>> action) {
        walk(new ArrayList<>(), action);
    }

    public List<List<PathElement>> paths() {
        List<List<PathElement>> out = new ArrayList<>();
        forEach(out::add);
        return out;
    }

    private void walk(List<PathElement> prefix, Consumer<List<PathElement>> action) {
        forEachStep(e -> {
            prefix.add(e);
            if (members.contains(e)) {
                action.accept(List.copyOf(prefix));
            }
            FieldSet child = children.get(e);
            if (child != null) {
                child.walk(prefix, action);
            }
            prefix.remove(prefix.size() - 1);
        });
    }

    /**
     * Hands {@code step} the members and children of this level, in order, each once: the two sorted sets read
     * side by side rather than copied into one, which every encoding of every write's managed fields did.
     */
    private void forEachStep(Consumer<PathElement> step) {
        if (children.isEmpty()) {
            members.forEach(step);
            return;
        }
        Iterator<PathElement> m = members.iterator();
        Iterator<PathElement> c = children.keySet().iterator();
        PathElement member = m.hasNext() ? m.next() : null;
        PathElement child = c.hasNext() ? c.next() : null;
        while (member != null || child != null) {
            int order = member == null ? 1 : child == null ? -1 : member.compareTo(child);
            if (order <= 0) {
                step.accept(member);
                if (order == 0) {
                    child = c.hasNext() ? c.next() : null;
                }
                member = m.hasNext() ? m.next() : null;
            } else {
                step.accept(child);
                child = c.hasNext() ? c.next() : null;
            }
        }
    }

    /** The FieldsV1 JSON of this set, keys in kube's order. */
    public ObjectNode toFieldsV1() {
        ObjectNode out = PathElement.JSON.createObjectNode();
        writeTo(out);
        return out;
    }

    private void writeTo(ObjectNode out) {
        forEachStep(e -> {
            FieldSet child = children.get(e);
            boolean member = members.contains(e);
            if (child == null || child.isEmpty()) {
                if (member) {
                    out.putObject(e.fieldsKey());
                }
                return;
            }
            ObjectNode node = out.putObject(e.fieldsKey());
            if (member) {
                node.putObject(".");
            }
            child.writeTo(node);
        });
    }

    /** The FieldsV1 of this set as nested maps, the form of the typed model's FieldsV1. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        writeTo(out);
        return out;
    }

    private void writeTo(Map<String, Object> out) {
        forEachStep(e -> {
            FieldSet child = children.get(e);
            boolean member = members.contains(e);
            if (child == null || child.isEmpty()) {
                if (member) {
                    out.put(e.fieldsKey(), LEAF);
                }
                return;
            }
            Map<String, Object> node = new java.util.LinkedHashMap<>();
            if (member) {
                node.put(".", LEAF);
            }
            child.writeTo(node);
            out.put(e.fieldsKey(), node);
        });
    }

    /** Reads the typed model's FieldsV1 maps; throws IllegalArgumentException when they are not FieldsV1. */
    public static FieldSet fromMap(Map<String, Object> fieldsV1) {
        FieldSet set = new FieldSet();
        if (fieldsV1 != null) {
            read(set, fieldsV1);
        }
        return set;
    }

    private static void read(FieldSet set, Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals(".")) {
                continue;
            }
            PathElement pe = PathElement.parse(key);
            if (!(e.getValue() instanceof Map<?, ?> value)) {
                throw new IllegalArgumentException("FieldsV1 values must be objects");
            }
            boolean member = value.containsKey(".");
            if (value.isEmpty() || member) {
                set.members.add(pe);
            }
            if (value.size() > (member ? 1 : 0)) {
                read(set.children.computeIfAbsent(pe, k -> new FieldSet()), value);
            }
        }
    }

    /** Reads a FieldsV1 JSON object; throws IllegalArgumentException when it is not one. */
    public static FieldSet fromFieldsV1(JsonNode json) {
        FieldSet set = new FieldSet();
        if (json == null || json.isNull()) {
            return set;
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException("FieldsV1 must be an object");
        }
        read(set, json);
        return set;
    }

    private static void read(FieldSet set, JsonNode json) {
        for (Map.Entry<String, JsonNode> e : json.properties()) {
            if (e.getKey().equals(".")) {
                continue;
            }
            PathElement pe = PathElement.parse(e.getKey());
            JsonNode value = e.getValue();
            if (!value.isObject()) {
                throw new IllegalArgumentException("FieldsV1 values must be objects");
            }
            if (value.isEmpty() || value.has(".")) {
                set.members.add(pe);
            }
            if (value.size() > (value.has(".") ? 1 : 0)) {
                FieldSet child = set.children.computeIfAbsent(pe, k -> new FieldSet());
                read(child, value);
            }
        }
    }

    /** A path as kube prints it: {@code .spec.containers[name="c"].image}. */
    public static String format(List<PathElement> path) {
        StringBuilder s = new StringBuilder();
        path.forEach(s::append);
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof FieldSet other) || !members.equals(other.members)) {
            return false;
        }
        for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
            if (!e.getValue().equals(emptyIfAbsent(other.children.get(e.getKey())))) {
                return false;
            }
        }
        for (Map.Entry<PathElement, FieldSet> e : other.children.entrySet()) {
            if (!children.containsKey(e.getKey()) && !e.getValue().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static FieldSet emptyIfAbsent(FieldSet set) {
        return set == null ? EMPTY : set;
    }

    @Override
    public int hashCode() {
        return toFieldsV1().hashCode();
    }

    @Override
    public String toString() {
        return PathElement.JSON.writeValueAsString(toFieldsV1());
    }
}

package io.kubeling.registry.fields;

import java.util.ArrayList;
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
 */
public final class FieldSet {

    private final TreeSet<PathElement> members = new TreeSet<>();
    private final TreeMap<PathElement, FieldSet> children = new TreeMap<>();

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

    public FieldSet union(FieldSet other) {
        FieldSet out = copy();
        other.forEach(out::insert);
        return out;
    }

    public FieldSet difference(FieldSet other) {
        FieldSet out = new FieldSet();
        forEach(p -> {
            if (!other.has(p)) {
                out.insert(p);
            }
        });
        return out;
    }

    public FieldSet intersection(FieldSet other) {
        FieldSet out = new FieldSet();
        forEach(p -> {
            if (other.has(p)) {
                out.insert(p);
            }
        });
        return out;
    }

    /** The paths below any of {@code prefixes} (or equal to one) removed. */
    public FieldSet withoutPrefixes(List<List<PathElement>> prefixes) {
        FieldSet out = new FieldSet();
        forEach(p -> {
            for (List<PathElement> prefix : prefixes) {
                if (p.size() >= prefix.size() && p.subList(0, prefix.size()).equals(prefix)) {
                    return;
                }
            }
            out.insert(p);
        });
        return out;
    }

    public FieldSet copy() {
        FieldSet out = new FieldSet();
        forEach(out::insert);
        return out;
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
        TreeSet<PathElement> all = new TreeSet<>(members);
        all.addAll(children.keySet());
        for (PathElement e : all) {
            prefix.add(e);
            if (members.contains(e)) {
                action.accept(List.copyOf(prefix));
            }
            FieldSet child = children.get(e);
            if (child != null) {
                child.walk(prefix, action);
            }
            prefix.remove(prefix.size() - 1);
        }
    }

    /** The FieldsV1 JSON of this set, keys in kube's order. */
    public ObjectNode toFieldsV1() {
        ObjectNode out = PathElement.JSON.createObjectNode();
        if (isEmpty()) {
            return out;
        }
        TreeSet<PathElement> all = new TreeSet<>(members);
        all.addAll(children.keySet());
        for (PathElement e : all) {
            FieldSet child = children.get(e);
            boolean member = members.contains(e);
            if (child == null || child.isEmpty()) {
                if (member) {
                    out.putObject(e.fieldsKey());
                }
                continue;
            }
            ObjectNode node = out.putObject(e.fieldsKey());
            if (member) {
                node.putObject(".");
            }
            child.toFieldsV1().properties().forEach(p -> node.set(p.getKey(), p.getValue()));
        }
        return out;
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
        return o instanceof FieldSet other && toFieldsV1().equals(other.toFieldsV1());
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

package io.kubeling.registry;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A resource that only answers a create and stores nothing (kube's access and token reviews, the top-level
 * bindings): its one verb is {@code create}, a get or list is not allowed, and it prints no table.
 */
public abstract class CreateOnlyResource implements ReadOnlyResource {

    @Override
    public String singular() {
        return kind().toLowerCase(Locale.ROOT);
    }

    @Override
    public List<String> verbs() {
        return List.of("create");
    }

    @Override
    public Map<String, Object> get(String namespace, String name) {
        throw Errors.methodNotAllowed();
    }

    @Override
    public List<Map<String, Object>> list(String namespace, ListOptions options) {
        throw Errors.methodNotAllowed();
    }

    @Override
    public List<TableColumn> columns() {
        return List.of();
    }

    @Override
    public List<Object> cells(Map<String, Object> object) {
        return List.of();
    }
}

package io.kubeling.resources.pods;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Binding;
import io.kubeling.registry.Errors;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.ReadOnlyResource;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.WriteOptions;

/**
 * {@code POST /api/v1/namespaces/{ns}/bindings}, kube's LegacyBindingREST: the binding names its pod in its own
 * metadata and is applied as {@code pods/{name}/binding} applies it; nothing else is served.
 */
@Component
class LegacyBindings implements ReadOnlyResource {

    private final PodBindingEndpoint binder;
    private final ObjectCodec codec;

    LegacyBindings(PodBindingEndpoint binder, ObjectCodec codec) {
        this.binder = binder;
        this.codec = codec;
    }

    @Override
    public String group() {
        return "";
    }

    @Override
    public String version() {
        return "v1";
    }

    @Override
    public String plural() {
        return "bindings";
    }

    @Override
    public String singular() {
        return "binding";
    }

    @Override
    public String kind() {
        return "Binding";
    }

    @Override
    public boolean namespaced() {
        return true;
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

    @Override
    public Map<String, Object> create(String namespace, Map<String, Object> object, UserInfo user) {
        return create(namespace, object, user, new WriteOptions(false, null, user));
    }

    @Override
    public Map<String, Object> create(String namespace, Map<String, Object> object, UserInfo user,
            WriteOptions options) {
        Binding binding = codec.decodeBody(codec.mapper().valueToTree(object), Binding.class, "Binding", "v1");
        String name = binding.getMetadata() == null ? null : binding.getMetadata().getName();
        if (name == null || name.isEmpty()) {
            // the pod's key cannot be built without it, as kube's NamespaceKeyFunc refuses
            throw Errors.badRequest("Name parameter required.");
        }
        binder.bind(namespace, name, binding, options);
        return codec.mapper().convertValue(PodSubresourceReplies.success(201), Map.class);
    }
}

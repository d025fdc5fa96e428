package io.kubeling.resources.pods;

import java.util.Map;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Binding;
import io.kubeling.registry.CreateOnlyResource;
import io.kubeling.registry.Errors;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.UserInfo;
import io.kubeling.registry.WriteOptions;

/**
 * {@code POST /api/v1/namespaces/{ns}/bindings}, kube's LegacyBindingREST: the binding names its pod in its own
 * metadata and is applied as {@code pods/{name}/binding} applies it; nothing else is served.
 */
@Component
class LegacyBindings extends CreateOnlyResource {

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

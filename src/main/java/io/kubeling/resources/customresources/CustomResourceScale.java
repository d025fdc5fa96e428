package io.kubeling.resources.customresources;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import io.kubeling.registry.Errors;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.SubresourceCall;
import io.kubeling.registry.SubresourceReply;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.common.ScaleSubresource;

/**
 * A custom resource's scale subresource, as kube's customresource ScaleREST: an autoscaling/v1 Scale read through
 * specReplicasPath, statusReplicasPath and labelSelectorPath, and written back into specReplicasPath.
 */
class CustomResourceScale extends ScaleSubresource {

    private final Registry registry;
    private final GroupResource resource;
    private final String version;
    private final List<String> specPath;
    private final List<String> statusPath;
    private final List<String> selectorPath;

    CustomResourceScale(Registry registry, ObjectCodec codec, GroupResource resource, String version,
            CustomResourceSubresourceScale scale) {
        super(resource, codec);
        this.registry = registry;
        this.resource = resource;
        this.version = version;
        this.specPath = fields(scale.getSpecReplicasPath());
        this.statusPath = fields(scale.getStatusReplicasPath());
        this.selectorPath = fields(scale.getLabelSelectorPath());
    }

    /** A path of plain fields ({@code .spec.replicas}), which kube's CRD validation requires scale paths to be. */
    private static List<String> fields(String path) {
        if (path == null || path.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : (path.startsWith(".") ? path.substring(1) : path).split("\\.")) {
            out.add(part);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private ResourceStore<GenericKubernetesResource> store() {
        return (ResourceStore<GenericKubernetesResource>) registry.find(resource.group(), version, resource.resource())
                .orElseThrow(Errors::notFoundPath);
    }

    @Override
    public SubresourceReply get(SubresourceCall call) {
        return SubresourceReply.ok(scaleOf(store().get(call.namespace(), call.name())));
    }

    @Override
    public SubresourceReply update(SubresourceCall call) {
        Scale scale = requested(call);
        ResourceStore<GenericKubernetesResource> store = store();
        int replicas = replicas(scale);
        if (replicas < 0) {
            throw Errors.invalid("Scale.autoscaling", "Scale", "autoscaling", call.name(), List.of(
                    FieldError.invalid("spec.replicas", (long) replicas, "should be a non-negative integer")));
        }
        String rv = resourceVersion(scale);
        GenericKubernetesResource updated = store.update(call.namespace(), call.name(), null, object -> {
            put(object.getAdditionalProperties(), specPath, (long) replicas);
            object.getMetadata().setResourceVersion(rv);
            return object;
        }, call.options()).object();
        return SubresourceReply.ok(scaleOf(updated));
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> content, List<String> path, Object value) {
        Map<String, Object> at = content;
        for (int i = 0; i < path.size() - 1; i++) {
            Object next = at.get(path.get(i));
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                at.put(path.get(i), next);
            }
            at = (Map<String, Object>) next;
        }
        at.put(path.get(path.size() - 1), value);
    }

    private static Object get(Map<String, Object> content, List<String> path) {
        Object at = content;
        for (String part : path) {
            if (!(at instanceof Map<?, ?> map)) {
                return null;
            }
            at = map.get(part);
        }
        return path.isEmpty() ? null : at;
    }

    private Scale scaleOf(GenericKubernetesResource object) {
        Object spec = get(object.getAdditionalProperties(), specPath);
        Object status = get(object.getAdditionalProperties(), statusPath);
        Object selector = get(object.getAdditionalProperties(), selectorPath);
        return scaleOf(object, spec instanceof Number n ? n.intValue() : 0,
                status instanceof Number n ? n.intValue() : 0, selector instanceof String text ? text : null);
    }
}

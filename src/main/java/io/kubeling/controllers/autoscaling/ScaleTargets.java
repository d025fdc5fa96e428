package io.kubeling.controllers.autoscaling;

import java.util.Map;

import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.ComponentAuthorization;
import io.kubeling.controllers.Managers;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.SubresourceCall;
import io.kubeling.registry.SubresourceEndpoint;
import io.kubeling.registry.SubresourceEndpoints;

/**
 * The HPA's scale client: the target's kind mapped to its resource, as kube's RESTMapper maps it, and its
 * {@code scale} subresource read and written through the same endpoint a client's request reaches.
 */
final class ScaleTargets {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("horizontal-pod-autoscaler");

    /** The scale of a target and the resource it was read from, to write it back there. */
    record Target(GroupResource resource, String version, Scale scale) {
    }

    /** Why a target's scale could not be read, in the words of kube's errors. */
    static final class ScaleFailure extends RuntimeException {
        ScaleFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final Registry registry;
    private final SubresourceEndpoints endpoints;
    private final ObjectCodec codec;
    private final ComponentAuthorization access;

    ScaleTargets(Registry registry, SubresourceEndpoints endpoints, ObjectCodec codec, ComponentAuthorization access) {
        this.access = access;
        this.registry = registry;
        this.endpoints = endpoints;
        this.codec = codec;
    }

    Target get(String namespace, CrossVersionObjectReference ref) {
        String apiVersion = ref.getApiVersion() == null ? "" : ref.getApiVersion();
        String group = group(apiVersion);
        String kind = ref.getKind() == null ? "" : ref.getKind();
        ResourceDefinition<?> def = registry.definitions().stream()
                .filter(d -> d.group().equals(group) && d.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new ScaleFailure("no matches for kind \"" + kind + "\" in group \"" + group + "\""));
        GroupResource resource = def.groupResource();
        SubresourceEndpoint endpoint = endpoints.find(resource, "scale")
                .orElseThrow(() -> new ScaleFailure("the server could not find the requested resource"));
        try {
            Object body = access.call(WRITER.user(), "get", resource, def.version(), "scale", namespace,
                    ref.getName(), () -> endpoint.get(new SubresourceCall(namespace, ref.getName(), Map.of(), null,
                            WRITER))).body();
            return new Target(resource, def.version(), (Scale) body);
        } catch (StatusException e) {
            throw new ScaleFailure(e.getMessage());
        }
    }

    /** Writes the replicas, failing as a client's scale update would (a conflict when the target moved on). */
    void update(String namespace, Target target, int replicas) {
        Scale scale = target.scale();
        scale.getSpec().setReplicas(replicas);
        SubresourceEndpoint endpoint = endpoints.find(target.resource(), "scale").orElseThrow();
        String name = scale.getMetadata().getName();
        access.call(WRITER.user(), "update", target.resource(), target.version(), "scale", namespace, name,
                () -> endpoint.update(new SubresourceCall(namespace, name, Map.of(), codec.mapper().valueToTree(scale),
                        WRITER)));
    }

    /** schema.ParseGroupVersion's group, refusing what it refuses. */
    private static String group(String apiVersion) {
        if (apiVersion.isEmpty() || !apiVersion.contains("/")) {
            return "";
        }
        String[] parts = apiVersion.split("/", -1);
        if (parts.length != 2) {
            throw new ScaleFailure("unexpected GroupVersion string: " + apiVersion);
        }
        return parts[0];
    }
}

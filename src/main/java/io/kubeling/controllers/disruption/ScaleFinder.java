package io.kubeling.controllers.disruption;

import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.kubeling.controllers.Owners;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;

/**
 * The disruption controller's finders: the controller of a pod and its scale, the Deployment's for a ReplicaSet a
 * Deployment owns, else the owner's own {@code spec.replicas} when its kind has a scale subresource.
 */
final class ScaleFinder {

    /** The built-in kinds with a scale subresource, as group/Kind. */
    private static final Set<String> SCALABLE = Set.of("apps/Deployment", "apps/ReplicaSet", "apps/StatefulSet",
            "/ReplicationController", "extensions/Deployment", "extensions/ReplicaSet");

    record Scale(String uid, int replicas) {
    }

    private final Registry registry;
    private final ObjectCodec codec;

    ScaleFinder(Registry registry, ObjectCodec codec) {
        this.registry = registry;
        this.codec = codec;
    }

    /** The scale of the controller {@code ref} names, null when it is gone or another object of that name. */
    Scale find(OwnerReference ref, String namespace) {
        String apiVersion = ref.getApiVersion() == null ? "" : ref.getApiVersion();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        ResourceDefinition<?> def = definition(group, ref.getKind()).orElseThrow(
                () -> new DisruptionController.SyncFailure("no matches for kind \"" + ref.getKind()
                        + "\" in version \"" + apiVersion + "\""));
        if (!SCALABLE.contains(group + "/" + ref.getKind())) {
            throw new DisruptionController.SyncFailure(def.plural() + (group.isEmpty() ? "" : "." + group)
                    + " does not implement the scale subresource");
        }
        HasMetadata owner = get(def, namespace, ref.getName());
        if (owner == null || !ref.getUid().equals(owner.getMetadata().getUid())) {
            return null;
        }
        if (ref.getKind().equals("ReplicaSet")) {
            OwnerReference parent = Owners.controllerOf(owner);
            if (parent != null && parent.getKind().equals("Deployment")) {
                Scale deployment = find(parent, namespace);
                if (deployment != null) {
                    return deployment;
                }
            }
        }
        return new Scale(owner.getMetadata().getUid(), codec.mapper().valueToTree(owner).path("spec")
                .path("replicas").asInt(1));
    }

    private Optional<ResourceDefinition<?>> definition(String group, String kind) {
        return registry.definitions().stream().filter(d -> d.group().equals(group) && d.kind().equals(kind))
                .findFirst();
    }

    private HasMetadata get(ResourceDefinition<?> def, String namespace, String name) {
        ResourceStore<?> store = registry.find(def.group(), def.version(), def.plural()).orElse(null);
        if (store == null) {
            return null;
        }
        try {
            return store.peek(namespace, name);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }
}

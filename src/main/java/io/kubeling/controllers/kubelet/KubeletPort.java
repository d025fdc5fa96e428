package io.kubeling.controllers.kubelet;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeling.controllers.kubelet.shell.ShellHost;

/** Everything a simulated kubelet does to and reads from the cluster, through the API as a kubelet would. */
public interface KubeletPort {

    /** Writes the kubelet's view of a pod's status (pods/status), unless the pod is gone or was replaced. */
    void updateStatus(Pod pod, PodStatus status);

    /** Records an event about a pod, or one of its containers when {@code fieldPath} is set. */
    void event(Pod pod, String fieldPath, String type, String reason, String message);

    /** Deletes a pod for good (grace period 0), if it is still the one with this uid. */
    void deletePod(Pod pod);

    Optional<Secret> secret(String namespace, String name);

    /** The cluster DNS answer for {@code name} asked from a pod in {@code namespace}. */
    Optional<ShellHost.Resolved> resolve(String namespace, String name);

    /** Whether {@code host:port} accepts connections from a pod in {@code namespace}. */
    boolean connects(String namespace, String host, int port);

    /** The Services of a namespace, for the environment's service links. */
    default List<Service> services(String namespace) {
        return List.of();
    }

    default Optional<Service> service(String namespace, String name) {
        return Optional.empty();
    }

    default Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.empty();
    }

    /** The PersistentVolume a claim is bound to, empty while it is unbound or gone. */
    default Optional<String> boundVolume(String namespace, String claim) {
        return Optional.empty();
    }

    /**
     * A token for the pod's service account, bound to the pod, for {@code audience} (the API's when empty), asked
     * of the TokenRequest API as kube's kubelet asks it for a projected volume; empty when none is issued.
     */
    default Optional<String> serviceAccountToken(Pod pod, String audience, Long expirationSeconds) {
        return Optional.empty();
    }

    /**
     * Where a connection from a pod in {@code namespace} to {@code host:port} lands when {@code host} is a
     * Service's name or cluster IP: a ready endpoint's address and target port. Empty for anything else.
     */
    default Optional<Route> route(String namespace, String host, int port) {
        return Optional.empty();
    }

    /**
     * The pod's volumes that must be attached to the node before its containers start, by their names in the pod,
     * with the unique name each is reported by in the Node's {@code volumesAttached} and {@code volumesInUse}.
     */
    default Map<String, String> attachableVolumes(Pod pod) {
        return Map.of();
    }

    /** Writes the Node's {@code status.volumesInUse}: the unique names of the volumes its pods use, sorted. */
    default void reportVolumesInUse(List<String> volumes) {
    }

    /** A pod's address and port behind a Service. */
    record Route(String ip, int port) {
    }
}

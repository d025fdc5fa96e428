package io.kubeling.controllers.kubelet;

import java.util.Optional;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.kubeling.controllers.kubelet.shell.ShellHost;

/**
 * A kubelet's connection to the API, which a simulated partition cuts: while cut, status writes,
 * events and deletions are lost, as a kubelet that cannot reach the API server loses them; the
 * status is written again once the connection is back. Reads go on, as from the kubelet's caches.
 */
final class Uplink implements KubeletPort {

    private final KubeletPort api;
    private boolean cut;

    Uplink(KubeletPort api) {
        this.api = api;
    }

    void cut(boolean value) {
        cut = value;
    }

    boolean cut() {
        return cut;
    }

    @Override
    public void updateStatus(Pod pod, PodStatus status) {
        if (!cut) {
            api.updateStatus(pod, status);
        }
    }

    @Override
    public void event(Pod pod, String fieldPath, String type, String reason, String message) {
        if (!cut) {
            api.event(pod, fieldPath, type, reason, message);
        }
    }

    @Override
    public void deletePod(Pod pod) {
        if (!cut) {
            api.deletePod(pod);
        }
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return api.secret(namespace, name);
    }

    /** A token is asked of the API, so none comes while the connection is cut. */
    @Override
    public Optional<String> serviceAccountToken(Pod pod, String audience, Long expirationSeconds) {
        return cut ? Optional.empty() : api.serviceAccountToken(pod, audience, expirationSeconds);
    }

    @Override
    public Optional<ShellHost.Resolved> resolve(String namespace, String name) {
        return api.resolve(namespace, name);
    }

    @Override
    public boolean connects(String namespace, String host, int port) {
        return api.connects(namespace, host, port);
    }

    @Override
    public java.util.List<io.fabric8.kubernetes.api.model.Service> services(String namespace) {
        return api.services(namespace);
    }

    @Override
    public Optional<io.fabric8.kubernetes.api.model.Service> service(String namespace, String name) {
        return api.service(namespace, name);
    }

    @Override
    public Optional<io.fabric8.kubernetes.api.model.ConfigMap> configMap(String namespace, String name) {
        return api.configMap(namespace, name);
    }

    @Override
    public java.util.Map<String, String> attachableVolumes(Pod pod) {
        return api.attachableVolumes(pod);
    }

    @Override
    public void reportVolumesInUse(java.util.List<String> volumes) {
        if (!cut) {
            api.reportVolumesInUse(volumes);
        }
    }

    @Override
    public Optional<String> boundVolume(String namespace, String claim) {
        return api.boundVolume(namespace, claim);
    }

    @Override
    public Optional<Route> route(String namespace, String host, int port) {
        return api.route(namespace, host, port);
    }
}

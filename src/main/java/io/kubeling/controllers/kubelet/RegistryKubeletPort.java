package io.kubeling.controllers.kubelet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.kubelet.shell.ShellHost;
import io.kubeling.controllers.volumes.CsiVolumes;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.Timestamps;
import io.kubeling.registry.selection.LabelSelector;

/**
 * The kubelets' access to the cluster: through the registry only, as a kubelet goes through the API. What it reads
 * (Secrets, ConfigMaps, Services, Endpoints, claims) it only reads: the shared objects, as a kubelet reads its
 * informers' caches, not a copy decoded for every pod.
 */
final class RegistryKubeletPort implements KubeletPort {

    private static final Set<String> KUBELET_CONDITIONS = Set.of("PodReadyToStartContainers", "Initialized", "Ready",
            "ContainersReady");

    private final Registry registry;
    private final EventRecorder events;
    private final java.time.Clock clock;
    private final String host;
    private final PodTokens tokens;

    RegistryKubeletPort(Registry registry, EventRecorder events, java.time.Clock clock, String host) {
        this(registry, events, clock, host, null);
    }

    /** With {@code tokens} null, projected volumes get no token. */
    RegistryKubeletPort(Registry registry, EventRecorder events, java.time.Clock clock, String host,
            PodTokens tokens) {
        this.registry = registry;
        this.events = events;
        this.clock = clock;
        this.host = host;
        this.tokens = tokens;
    }

    @Override
    public Optional<String> serviceAccountToken(Pod pod, String audience, Long expirationSeconds) {
        return tokens == null ? Optional.empty() : tokens.request(host, pod, audience, expirationSeconds);
    }

    /**
     * Writes the kubelet's part of the status and keeps the rest: conditions other components own
     * (PodScheduled, DisruptionTarget, readiness gates), and the nominated node.
     */
    @Override
    public void updateStatus(Pod pod, PodStatus status) {
        String uid = pod.getMetadata().getUid();
        try {
            // the new status replaces the old one whole, so a shallow copy of the stored pod does
            registry.store(Pod.class).replaceParts(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    "status", current -> {
                        if (!uid.equals(current.getMetadata().getUid())) {
                            return current;
                        }
                        PodStatus old = current.getStatus() == null ? new PodStatus() : current.getStatus();
                        List<PodCondition> merged = new ArrayList<>(status.getConditions());
                        boolean scheduled = false;
                        for (PodCondition c : old.getConditions()) {
                            if (!KUBELET_CONDITIONS.contains(c.getType())) {
                                merged.add(c);
                                scheduled |= c.getType().equals("PodScheduled");
                            }
                        }
                        if (!scheduled) {
                            PodCondition c = new PodCondition();
                            c.setType("PodScheduled");
                            c.setStatus("True");
                            c.setLastTransitionTime(status.getStartTime() != null ? status.getStartTime()
                                    : Timestamps.now(clock));
                            merged.add(c);
                        }
                        PodStatus next = status;
                        next.setConditions(merged);
                        next.setNominatedNodeName(old.getNominatedNodeName());
                        if (next.getQosClass() == null) {
                            next.setQosClass(old.getQosClass());
                        }
                        current.setStatus(next);
                        return current;
                    }, Managers.kubelet(host));
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    @Override
    public java.util.Map<String, String> attachableVolumes(Pod pod) {
        return CsiVolumes.attachable(registry, pod);
    }

    /** The kubelet's own Node, as the NodeRestriction admission lets it write. */
    @Override
    public void reportVolumesInUse(List<String> volumes) {
        try {
            registry.store(Node.class).update(null, host, "status", n -> {
                if (n.getStatus() == null) {
                    n.setStatus(new io.fabric8.kubernetes.api.model.NodeStatus());
                }
                n.getStatus().setVolumesInUse(new ArrayList<>(volumes));
                return n;
            }, Managers.kubelet(host));
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    @Override
    public void event(Pod pod, String fieldPath, String type, String reason, String message) {
        events.record(fieldPath == null ? EventRecorder.reference(pod) : EventRecorder.reference(pod, fieldPath), type,
                reason, message, "kubelet", host);
    }

    @Override
    public void deletePod(Pod pod) {
        try {
            registry.store(Pod.class).delete(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    Managers.deleting(Managers.kubelet(host),
                            new DeleteOptions(false, 0L, pod.getMetadata().getUid(), null, null)));
        } catch (StatusException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        try {
            return Optional.of(registry.store(Secret.class).peek(namespace, name));
        } catch (StatusException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<ShellHost.Resolved> resolve(String namespace, String name) {
        ServiceName target = ServiceName.of(name, namespace);
        if (target == null) {
            return Optional.empty();
        }
        Service service = service(target);
        if (service == null) {
            return Optional.empty();
        }
        String ip = service.getSpec() == null ? null : service.getSpec().getClusterIP();
        if ("None".equals(ip)) {
            // a headless name resolves to its ready pods, once endpoints are kept
            ip = firstEndpointAddress(target);
            if (ip == null && registry.find("", "v1", "endpoints").isPresent()) {
                return Optional.empty();
            }
        }
        if (ip == null || ip.isEmpty() || ip.equals("None")) {
            int h = Math.abs(target.fqdn().hashCode());
            ip = "10.96." + (h >> 8 & 0xFF) + "." + (h & 0xFF);
        }
        return Optional.of(new ShellHost.Resolved(target.fqdn(), ip));
    }

    @Override
    public boolean connects(String namespace, String hostName, int port) {
        ServiceName target = ServiceName.of(hostName, namespace);
        if (target == null) {
            return false;
        }
        Service service = service(target);
        if (service == null) {
            return false;
        }
        List<ServicePort> ports = service.getSpec() == null ? List.of() : service.getSpec().getPorts();
        if (!ports.isEmpty() && ports.stream().noneMatch(p -> p.getPort() != null && p.getPort() == port)) {
            return false;
        }
        if (registry.find("", "v1", "endpoints").isEmpty()) {
            return true;
        }
        return firstEndpointAddress(target) != null;
    }

    @Override
    public List<Service> services(String namespace) {
        return registry.store(Service.class).peekAll(namespace, LabelSelector.EVERYTHING);
    }

    @Override
    public Optional<Service> service(String namespace, String name) {
        return Optional.ofNullable(service(new ServiceName(name, namespace)));
    }

    @Override
    public Optional<io.fabric8.kubernetes.api.model.ConfigMap> configMap(String namespace, String name) {
        try {
            return Optional.of(registry.store(io.fabric8.kubernetes.api.model.ConfigMap.class).peek(namespace, name));
        } catch (StatusException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> boundVolume(String namespace, String claim) {
        try {
            return Optional.ofNullable(registry.store(io.fabric8.kubernetes.api.model.PersistentVolumeClaim.class)
                    .peek(namespace, claim).getSpec().getVolumeName()).filter(v -> !v.isEmpty());
        } catch (StatusException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Route> route(String namespace, String hostName, int port) {
        Service service = null;
        if (hostName.matches("\\d+\\.\\d+\\.\\d+\\.\\d+")) {
            for (Service s : registry.store(Service.class).peekAll(null, LabelSelector.EVERYTHING)) {
                if (s.getSpec() != null && hostName.equals(s.getSpec().getClusterIP())) {
                    service = s;
                    break;
                }
            }
        } else {
            ServiceName target = ServiceName.of(hostName, namespace);
            service = target == null ? null : service(target);
        }
        if (service == null || service.getSpec() == null) {
            return Optional.empty();
        }
        ServicePort servicePort = null;
        for (ServicePort p : service.getSpec().getPorts()) {
            if (p.getPort() != null && p.getPort() == port) {
                servicePort = p;
            }
        }
        if (servicePort == null) {
            return Optional.empty();
        }
        try {
            Endpoints endpoints = registry.store(Endpoints.class).peek(service.getMetadata().getNamespace(),
                    service.getMetadata().getName());
            for (EndpointSubset subset : endpoints.getSubsets()) {
                if (subset.getAddresses().isEmpty()) {
                    continue;
                }
                for (io.fabric8.kubernetes.api.model.EndpointPort ep : subset.getPorts()) {
                    if (java.util.Objects.equals(ep.getName(), servicePort.getName())
                            || subset.getPorts().size() == 1) {
                        return Optional.of(new Route(subset.getAddresses().get(0).getIp(), ep.getPort()));
                    }
                }
            }
        } catch (StatusException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private Service service(ServiceName target) {
        try {
            return registry.store(Service.class).peek(target.namespace(), target.name());
        } catch (StatusException e) {
            return null;
        }
    }

    /** The first ready address of the Service's Endpoints, when Endpoints are served and have one. */
    private String firstEndpointAddress(ServiceName target) {
        if (registry.find("", "v1", "endpoints").isEmpty()) {
            return null;
        }
        try {
            Endpoints endpoints = registry.store(Endpoints.class).peek(target.namespace(), target.name());
            for (EndpointSubset subset : endpoints.getSubsets()) {
                if (!subset.getAddresses().isEmpty()) {
                    return subset.getAddresses().get(0).getIp();
                }
            }
        } catch (StatusException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    /** A Service named in cluster DNS: {@code name}, {@code name.ns}, {@code name.ns.svc[.cluster.local]}. */
    record ServiceName(String name, String namespace) {

        static ServiceName of(String host, String podNamespace) {
            String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
            h = h.toLowerCase(java.util.Locale.ROOT);
            if (h.endsWith(".svc.cluster.local")) {
                h = h.substring(0, h.length() - ".svc.cluster.local".length());
            } else if (h.endsWith(".svc")) {
                h = h.substring(0, h.length() - ".svc".length());
            }
            String[] parts = h.split("\\.");
            if (parts.length == 1 && !parts[0].isEmpty()) {
                return new ServiceName(parts[0], podNamespace);
            }
            if (parts.length == 2) {
                return new ServiceName(parts[0], parts[1]);
            }
            return null;
        }

        String fqdn() {
            return name + "." + namespace + ".svc.cluster.local";
        }
    }
}

package io.kubeling.controllers.kubelet;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.kubeling.controllers.SimulatedTime;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulated kubelet of one node: its pods' workers, its image cache and its pod IPs. Called
 * only on the kubelet thread.
 */
final class NodeKubelet {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private volatile String ip;
    private PodAddresses addresses;
    private final Uplink port;
    private final Timers timers;
    private final SimulatedTime time;
    private final ContainerLogs logs;
    private final List<String> privateRegistries;
    private final Set<String> images = new HashSet<>();
    private final Map<String, PodWorker> workers = new HashMap<>();
    private final Map<String, String> ips = new HashMap<>();
    private final Set<String> usedIPs = new HashSet<>();
    private final PodNetwork network;
    /** The node's own network namespace's ports, which the pods on the host's network share. */
    private final PodSandbox.PortSpace hostPorts = new PodSandbox.PortSpace();
    private final Supplier<ImageCatalog> catalog;
    /** The unique names of the volumes the Node's status lists as attached to it. */
    private Set<String> attached = Set.of();
    /** The volumes in use last written to the Node's status; null when they must be written again. */
    private List<String> reportedInUse;

    NodeKubelet(String name, String ip, String podCidr, KubeletPort port, Timers timers, SimulatedTime time,
            ContainerLogs logs, List<String> privateRegistries) {
        this(name, ip, podCidr, port, timers, time, logs, privateRegistries, new PodNetwork(), ImageCatalog.builtIn());
    }

    NodeKubelet(String name, String ip, String podCidr, KubeletPort port, Timers timers, SimulatedTime time,
            ContainerLogs logs, List<String> privateRegistries, PodNetwork network, ImageCatalog catalog) {
        this(name, ip, podCidr, port, timers, time, logs, privateRegistries, network, () -> catalog);
    }

    /** With the catalogue read when a first image is pulled. */
    NodeKubelet(String name, String ip, String podCidr, KubeletPort port, Timers timers, SimulatedTime time,
            ContainerLogs logs, List<String> privateRegistries, PodNetwork network, Supplier<ImageCatalog> catalog) {
        this.network = network;
        this.catalog = catalog;
        this.name = name;
        this.ip = ip;
        this.addresses = new PodAddresses(podCidr, name);
        this.port = new Uplink(port);
        this.timers = timers;
        this.time = time;
        this.logs = logs;
        this.privateRegistries = privateRegistries;
    }

    /** The node's address or pod range changed. */
    void nodeChanged(String newIp, String podCidr) {
        this.ip = newIp;
        if (podCidr != null && !podCidr.equals(addresses.cidr())) {
            addresses = new PodAddresses(podCidr, name);
        }
    }

    /**
     * The Node's status as last read: the volumes it lists as attached, for which pods may be waiting, and those it
     * lists in use, which this kubelet takes as its last report when it has none of its own.
     */
    void nodeStatus(Set<String> attachedNow, List<String> inUse) {
        if (reportedInUse == null) {
            reportedInUse = List.copyOf(inUse);
        }
        if (attachedNow.equals(attached)) {
            return;
        }
        attached = Set.copyOf(attachedNow);
        for (PodWorker worker : List.copyOf(workers.values())) {
            worker.volumesAttachedChanged();
        }
    }

    Set<String> attached() {
        return attached;
    }

    /**
     * Writes the Node's {@code volumesInUse} when it changed: the attachable volumes of the pods not yet ended, as
     * the kubelet's volume manager reports them, so that they are not detached from under a pod. While the node is
     * cut off nothing is written, and the list is written again once it is back.
     */
    void volumesInUseChanged() {
        java.util.TreeSet<String> inUse = new java.util.TreeSet<>();
        for (PodWorker worker : workers.values()) {
            if (worker.usesVolumes()) {
                inUse.addAll(worker.attachable.values());
            }
        }
        List<String> now = List.copyOf(inUse);
        if (now.equals(reportedInUse)) {
            return;
        }
        if (port.cut()) {
            reportedInUse = null;
            return;
        }
        port.reportVolumesInUse(now);
        reportedInUse = now;
    }

    /** A pod bound to this node was created or changed; unseen while the node is cut off. */
    void podChanged(Pod pod) {
        if (port.cut()) {
            return;
        }
        String uid = pod.getMetadata().getUid();
        PodWorker worker = workers.get(uid);
        if (worker != null) {
            worker.update(pod);
            return;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        boolean known = pod.getStatus() != null && pod.getStatus().getStartTime() != null;
        if (pod.getMetadata().getDeletionTimestamp() != null && !known) {
            // nothing of it ever ran here
            port.deletePod(pod);
            return;
        }
        worker = new PodWorker(this, pod);
        workers.put(uid, worker);
        if (known) {
            worker.adopt(pod.getStatus());
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                worker.terminate();
            }
        } else if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
            worker.start();
        }
    }

    /** Writes every pod's status again, as the kubelet's periodic status sync would. */
    void republishStatuses() {
        for (PodWorker worker : workers.values()) {
            worker.markDirty();
        }
    }

    /** A pod of this node is gone from the API; unseen while the node is cut off. */
    void podDeleted(Pod pod) {
        if (port.cut()) {
            return;
        }
        String uid = pod.getMetadata().getUid();
        PodWorker worker = workers.remove(uid);
        if (worker != null) {
            worker.destroy();
            if (!worker.attachable.isEmpty()) {
                volumesInUseChanged();
            }
        }
        releaseIP(uid);
        logs.dropPod(uid);
    }

    /**
     * The node loses the API: its containers go on as they were, but nothing it writes arrives,
     * and it sees no pod created, changed or deleted.
     */
    void disconnect() {
        port.cut(true);
    }

    boolean disconnected() {
        return port.cut();
    }

    /**
     * The node reaches the API again and catches up with its pods as they are now: those deleted
     * meanwhile are dropped, those marked for deletion are stopped, or deleted for good when they
     * already were, new ones are started, and every status is written again.
     */
    void reconnect(List<Pod> current) {
        port.cut(false);
        Map<String, Pod> byUid = new HashMap<>();
        for (Pod pod : current) {
            byUid.put(pod.getMetadata().getUid(), pod);
        }
        for (PodWorker worker : List.copyOf(workers.values())) {
            if (!byUid.containsKey(worker.uid)) {
                podDeleted(worker.pod);
            }
        }
        for (Pod pod : current) {
            podChanged(pod);
            PodWorker worker = workers.get(pod.getMetadata().getUid());
            if (worker != null && worker.finished && pod.getMetadata().getDeletionTimestamp() != null) {
                port.deletePod(pod);
            }
        }
        republishStatuses();
        reportedInUse = null;
        volumesInUseChanged();
    }

    /** Stops every worker, leaving the pods as they are. */
    void stop() {
        for (PodWorker worker : workers.values()) {
            worker.destroy();
        }
        workers.clear();
    }

    /**
     * Why a pull of this image is refused, or null: images of a registry listed as private need a
     * docker config secret among the pod's imagePullSecrets whose auths name that registry.
     */
    String pullDenied(Pod pod, ImageName image) {
        if (!privateRegistries.contains(image.registry())) {
            return null;
        }
        for (LocalObjectReference ref : pod.getSpec().getImagePullSecrets()) {
            if (ref.getName() == null) {
                continue;
            }
            Secret secret = port.secret(pod.getMetadata().getNamespace(), ref.getName()).orElse(null);
            if (secret != null && authorizes(secret, image.registry())) {
                return null;
            }
        }
        String full = image.full();
        return "rpc error: code = Unknown desc = failed to pull and unpack image \"" + full
                + "\": failed to resolve reference \"" + full + "\": pull access denied, repository does not exist "
                + "or may require authorization: authorization failed: no basic auth credentials";
    }

    private static boolean authorizes(Secret secret, String registry) {
        String type = secret.getType();
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        JsonNode hosts;
        try {
            if ("kubernetes.io/dockerconfigjson".equals(type) && data.containsKey(".dockerconfigjson")) {
                hosts = JSON.readTree(decode(data.get(".dockerconfigjson"))).path("auths");
            } else if ("kubernetes.io/dockercfg".equals(type) && data.containsKey(".dockercfg")) {
                hosts = JSON.readTree(decode(data.get(".dockercfg")));
            } else {
                return false;
            }
        } catch (RuntimeException e) {
            return false;
        }
        for (String key : hosts.propertyNames()) {
            if (hostOf(key).equals(registry)) {
                return true;
            }
        }
        return false;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    /** {@code https://registry.example.com/v1/} and {@code registry.example.com} name the same host. */
    private static String hostOf(String key) {
        String host = key;
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        return slash >= 0 ? host.substring(0, slash) : host;
    }

    String allocateIP(String uid) {
        String existing = ips.get(uid);
        if (existing != null) {
            return existing;
        }
        String next = addresses.next(usedIPs);
        claimIP(uid, next);
        return next;
    }

    void claimIP(String uid, String address) {
        releaseIP(uid);
        ips.put(uid, address);
        usedIPs.add(address);
    }

    private void releaseIP(String uid) {
        String address = ips.remove(uid);
        if (address != null && !ips.containsValue(address)) {
            usedIPs.remove(address);
        }
    }

    String name() {
        return name;
    }

    String ip() {
        return ip;
    }

    KubeletPort port() {
        return port;
    }

    Timers timers() {
        return timers;
    }

    SimulatedTime time() {
        return time;
    }

    ContainerLogs logs() {
        return logs;
    }

    PodSandbox.PortSpace hostPorts() {
        return hostPorts;
    }

    PodNetwork network() {
        return network;
    }

    ImageCatalog catalog() {
        return catalog.get();
    }

    Set<String> images() {
        return images;
    }

    PodWorker worker(String uid) {
        return workers.get(uid);
    }

    int podCount() {
        return workers.size();
    }
}

package io.kubeling.controllers.kubelet;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.controllers.DaemonThreads;
import io.kubeling.config.KubeletProperties;
import io.kubeling.config.SimulationProperties;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.ComponentAuthorization;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.ExecutorLag;
import io.kubeling.controllers.NodeReadiness;
import io.kubeling.controllers.SimulatedFailure;
import io.kubeling.controllers.SimulatedTime;
import io.kubeling.controllers.controlplane.KubeadmManifests;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.SimulationLag;
import io.kubeling.registry.SubresourceEndpoints;

/**
 * One simulated kubelet per Node object, started and stopped as nodes come and go, each running
 * the pods bound to its node. The kubelets share a few threads ({@code kubeling.kubelet.threads});
 * everything a node's kubelet does happens on the one thread its name picks, so its state needs no
 * locks, and the change handlers only hand work over. Off when {@code kubeling.simulation.enabled}
 * is false.
 */
@Component
class KubeletController implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KubeletController.class);

    private final ChangeFeed feed;
    private final Registry registry;
    private final EventRecorder events;
    private final Clock clock;
    private final SimulatedTime time;
    private final SimulationProperties simulation;
    private final KubeletProperties properties;
    private final ContainerLogs logs;
    private final ObjectCodec codec;
    private final PodNetwork network;
    private final Supplier<ImageCatalog> catalog;
    private final KubeadmManifests kubeadm;
    /** The projected volumes' tokens; null for none. */
    private final PodTokens tokens;
    private final SimulationLag lag;
    private SimulationLag.Source lagSource;
    private final Map<String, NodeKubelet> kubelets = new ConcurrentHashMap<>();
    private volatile PodsByNode podsByNode = new PodsByNode();
    private final Map<String, Timers.Timer> staticPodChecks = new ConcurrentHashMap<>();
    private volatile List<Shard> shards;
    private ChangeFeed.Subscription nodeSubscription;
    private ChangeFeed.Subscription podSubscription;
    private volatile boolean running;

    KubeletController(ChangeFeed feed, Registry registry, EventRecorder events, SimulatedTime time,
            SimulationProperties simulation, KubeletProperties properties, ContainerLogs logs, ObjectCodec codec) {
        this(feed, registry, events, time, simulation, properties, logs, codec, new PodNetwork());
    }

    KubeletController(ChangeFeed feed, Registry registry, EventRecorder events, SimulatedTime time,
            SimulationProperties simulation, KubeletProperties properties, ContainerLogs logs, ObjectCodec codec,
            PodNetwork network) {
        this(feed, registry, events, time, simulation, properties, logs, codec, network, null);
    }

    KubeletController(ChangeFeed feed, Registry registry, EventRecorder events, SimulatedTime time,
            SimulationProperties simulation, KubeletProperties properties, ContainerLogs logs, ObjectCodec codec,
            PodNetwork network, KubeadmManifests kubeadm) {
        this(feed, registry, events, time, simulation, properties, logs, codec, network, kubeadm, null);
    }

    @Autowired
    KubeletController(ChangeFeed feed, Registry registry, EventRecorder events, SimulatedTime time,
            SimulationProperties simulation, KubeletProperties properties, ContainerLogs logs, ObjectCodec codec,
            PodNetwork network, KubeadmManifests kubeadm, ObjectProvider<SubresourceEndpoints> endpoints,
            ComponentAuthorization access, SimulationLag lag) {
        // the endpoints are found on the first token: the kubelet's own endpoints (exec, attach) need the kubelets
        this(feed, registry, events, time, simulation, properties, logs, codec, network, kubeadm,
                new PodTokens(registry, endpoints::getObject, access, codec), lag);
    }

    KubeletController(ChangeFeed feed, Registry registry, EventRecorder events, SimulatedTime time,
            SimulationProperties simulation, KubeletProperties properties, ContainerLogs logs, ObjectCodec codec,
            PodNetwork network, KubeadmManifests kubeadm, PodTokens tokens) {
        this(feed, registry, events, time, simulation, properties, logs, codec, network, kubeadm, tokens, null);
    }

    /** {@code lag}, when not null, is told how far the kubelets' threads lag behind their work. */
    KubeletController(ChangeFeed feed, Registry registry, EventRecorder events, SimulatedTime time,
            SimulationProperties simulation, KubeletProperties properties, ContainerLogs logs, ObjectCodec codec,
            PodNetwork network, KubeadmManifests kubeadm, PodTokens tokens, SimulationLag lag) {
        this.lag = lag;
        this.tokens = tokens;
        this.kubeadm = kubeadm;
        this.network = network;
        // the built-in catalogue is read on the first pull, off the start; a user's file is read now, so that a
        // mistake in it stops the start
        ImageCatalog withExtra = properties.imageCatalog() == null ? null
                : ImageCatalog.withExtra(properties.imageCatalog());
        this.catalog = withExtra == null ? ImageCatalog::builtIn : () -> withExtra;
        this.feed = feed;
        this.registry = registry;
        this.events = events;
        this.clock = time.clock();
        this.time = time;
        this.simulation = simulation;
        this.properties = properties;
        this.logs = logs;
        this.codec = codec;
    }

    @Override
    public synchronized void start() {
        running = true;
        if (!simulation.enabled()) {
            return;
        }
        List<Shard> started = new ArrayList<>();
        for (int i = 0; i < Math.max(1, properties.threads()); i++) {
            String name = "kubelet-" + i;
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, DaemonThreads.named(name));
            started.add(new Shard(executor, new ExecutorTimers(executor, time)));
        }
        shards = started;
        if (lag != null) {
            List<Shard> measured = List.copyOf(started);
            // read for every client write while the seats follow the simulation: a loop, not a stream
            lagSource = lag.add(() -> {
                long most = 0;
                for (int i = 0; i < measured.size(); i++) {
                    most = Math.max(most, ExecutorLag.nanos(measured.get(i).executor()));
                }
                return most;
            });
        }
        PodsByNode index = new PodsByNode();
        podsByNode = index;
        // the index is fed before the node's thread is told, so a kubelet starting finds what was told before it
        podSubscription = feed.subscribe(Pod.class, change -> onPod(change, index));
        index.listed(registry.store(Pod.class).list(null, ListOptions.ALL).items());
        nodeSubscription = feed.subscribe(Node.class, change -> onNode(change));
        resync();
    }

    @Override
    public synchronized void stop() {
        running = false;
        List<Shard> current = shards;
        if (current == null) {
            return;
        }
        nodeSubscription.close();
        podSubscription.close();
        if (lagSource != null) {
            lagSource.close();
            lagSource = null;
        }
        shards = null;
        for (String node : List.copyOf(kubelets.keySet())) {
            shardOf(node, current).timers().schedule(Duration.ZERO, () -> removeKubelet(node));
        }
        current.forEach(shard -> shard.executor().shutdown());
        for (Shard shard : current) {
            try {
                shard.executor().awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            shard.executor().shutdownNow();
        }
        kubelets.clear();
        staticPodChecks.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the registry's own beans, before the web server takes requests. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** One of the threads the kubelets share, with the timers that run on it. */
    private record Shard(ScheduledThreadPoolExecutor executor, Timers timers) {
    }

    /** The shard of a node: the one thread all its kubelet's work runs on. */
    private static Shard shardOf(String node, List<Shard> shards) {
        return shards.get(Math.floorMod(node.hashCode(), shards.size()));
    }

    private Timers timersOf(String node) {
        return shardOf(node, shards).timers();
    }

    /** Runs a task on the node's thread, unless the kubelets are stopping. */
    private void on(String node, Runnable task) {
        List<Shard> current = shards;
        if (current != null) {
            shardOf(node, current).timers().schedule(Duration.ZERO, task);
        }
    }

    /**
     * Runs {@code task} on a node's kubelet thread with the worker of a pod there, or with null when the node
     * runs no such pod; false when the kubelets are not running, and nothing will run.
     */
    boolean withPod(String node, String podUid, java.util.function.Consumer<PodWorker> task) {
        List<Shard> current = shards;
        if (current == null) {
            return false;
        }
        shardOf(node, current).timers().schedule(Duration.ZERO, () -> {
            NodeKubelet kubelet = kubelets.get(node);
            task.accept(kubelet == null ? null : kubelet.worker(podUid));
        });
        return true;
    }

    private void resync() {
        for (Node node : registry.store(Node.class).list(null, ListOptions.ALL).items()) {
            on(node.getMetadata().getName(), () -> nodeChanged(node));
        }
    }

    private void onNode(Change<Node> change) {
        on(change.object().getMetadata().getName(), () -> nodeChangeOnShard(change));
    }

    private void nodeChangeOnShard(Change<Node> change) {
        if (change.deleted()) {
            removeKubelet(change.object().getMetadata().getName());
            return;
        }
        nodeChanged(change.object());
        if (NodeReadiness.ready(change.object()) && change.previous() != null
                && !NodeReadiness.ready(change.previous())) {
            // the node controller marked the pods not ready while the node was not; say again how they are
            kubelets.get(change.object().getMetadata().getName()).republishStatuses();
        }
    }

    /** Stops a node's kubelet and its static pod checks; on the node's thread. */
    private void removeKubelet(String node) {
        NodeKubelet kubelet = kubelets.remove(node);
        if (kubelet != null) {
            kubelet.stop();
        }
        Timers.Timer check = staticPodChecks.remove(node);
        if (check != null) {
            check.cancel();
        }
    }

    private void nodeChanged(Node node) {
        String name = node.getMetadata().getName();
        String ip = internalIP(node);
        String cidr = node.getSpec() == null ? null : node.getSpec().getPodCIDR();
        NodeKubelet kubelet = kubelets.get(name);
        if (kubelet != null) {
            kubelet.nodeChanged(ip, cidr);
            nodeStatus(kubelet, node);
            if (SimulatedFailure.unreachable(node)) {
                kubelet.disconnect();
            } else if (kubelet.disconnected()) {
                kubelet.reconnect(podsOn(name));
            }
            return;
        }
        kubelet = new NodeKubelet(name, ip, cidr, new RegistryKubeletPort(registry, events, clock, name, tokens),
                timersOf(name), time, logs, properties.privateRegistriesOrEmpty(), network, catalog);
        kubelets.put(name, kubelet);
        nodeStatus(kubelet, node);
        log.debug("kubelet of node {} started", name);
        List<byte[]> given = kubeadm == null ? List.of() : kubeadm.on(name, ip);
        if (properties.staticPodPath() != null || !given.isEmpty()) {
            checkStaticPods(name, node.getMetadata().getUid(), given);
        }
        if (SimulatedFailure.unreachable(node)) {
            kubelet.disconnect();
        }
        // pods bound before the node appeared
        for (Pod pod : podsOn(name)) {
            kubelet.podChanged(pod);
        }
    }

    /** Tells the kubelet the volumes its Node lists as attached and in use. */
    private static void nodeStatus(NodeKubelet kubelet, Node node) {
        if (node.getStatus() == null) {
            kubelet.nodeStatus(java.util.Set.of(), List.of());
            return;
        }
        java.util.Set<String> attached = new java.util.HashSet<>();
        node.getStatus().getVolumesAttached().forEach(v -> attached.add(v.getName()));
        kubelet.nodeStatus(attached, node.getStatus().getVolumesInUse());
    }

    private List<Pod> podsOn(String node) {
        return podsByNode.on(node);
    }

    private void checkStaticPods(String nodeName, String nodeUid, List<byte[]> given) {
        // checked every second: the node's pods come from the index, not from a list of every pod
        StaticPods staticPods = new StaticPods(registry, codec, clock, properties.staticPodPath(), given, this::podsOn);
        Runnable[] check = new Runnable[1];
        check[0] = () -> {
            if (!kubelets.containsKey(nodeName)) {
                return;
            }
            try {
                staticPods.sync(nodeName, nodeUid);
            } catch (RuntimeException e) {
                log.warn("static pods of node {}: {}", nodeName, e.toString());
            }
            List<Shard> current = shards;
            if (current != null) {
                // the kubelets may have stopped while this check ran: nothing is scheduled on a stopped shard
                staticPodChecks.put(nodeName, shardOf(nodeName, current).timers()
                        .schedule(properties.staticPodCheckInterval(), check[0]));
            }
        };
        staticPodChecks.put(nodeName, timersOf(nodeName).schedule(Duration.ZERO, check[0]));
    }

    private void onPod(Change<Pod> change, PodsByNode index) {
        Pod pod = change.object();
        if (change.deleted()) {
            index.remove(pod);
        } else {
            index.put(pod);
        }
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (nodeName == null || nodeName.isEmpty()) {
            return;
        }
        on(nodeName, () -> podChangeOnShard(change, nodeName));
    }

    private void podChangeOnShard(Change<Pod> change, String nodeName) {
        Pod pod = change.object();
        NodeKubelet kubelet = kubelets.get(nodeName);
        if (kubelet == null) {
            return;
        }
        if (change.deleted()) {
            kubelet.podDeleted(pod);
        } else {
            kubelet.podChanged(pod);
        }
    }

    private static String internalIP(Node node) {
        if (node.getStatus() != null) {
            for (NodeAddress address : node.getStatus().getAddresses()) {
                if ("InternalIP".equals(address.getType())) {
                    return address.getAddress();
                }
            }
        }
        return "172.18.0.2";
    }
}

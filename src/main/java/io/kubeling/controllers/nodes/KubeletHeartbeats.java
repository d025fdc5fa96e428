package io.kubeling.controllers.nodes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpecBuilder;
import io.kubeling.controllers.DaemonThreads;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.SimulatedFailure;
import io.kubeling.controllers.SimulatedTime;
import io.kubeling.config.ControlPlaneProperties;
import io.kubeling.config.KubelingProperties;
import io.kubeling.config.SimulationProperties;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.Timestamps;
import io.kubeling.registry.WriteOptions;

/**
 * The node side of each simulated kubelet: registers its Node at start, renews its Lease in
 * {@code kube-node-lease} and posts its conditions on kube's cadence. The annotation
 * {@code kubeling.io/simulate} on a Node makes its kubelet report {@code NotReady} (still
 * heartbeating) or go {@code Unreachable} (no more lease renewals or status posts).
 */
@Component
class KubeletHeartbeats implements SmartLifecycle {

    static final String LEASE_NAMESPACE = "kube-node-lease";
    private static final Logger log = LoggerFactory.getLogger(KubeletHeartbeats.class);
    /** kubeadm's writes, with the admin's credential. */
    private static final WriteOptions KUBEADM = new WriteOptions(false, "kubeadm");

    private final Registry registry;
    private final ChangeFeed feed;
    private final EventRecorder events;
    private final Clock clock;
    private final SimulatedTime time;
    private final SimulationProperties simulation;
    private final KubelingProperties kubeling;
    /**
     * Threads the heartbeats of the nodes are shared among, at most: a renewal waits for its commit, and the renewals
     * written side by side share one; 24 threads, for groups of 24 rather than 8, cost more CPU than the shared commits
     * saved (with four event writers, 3,000 pods on 1,000 nodes took 40 s and 65 CPU s instead of 32 s and 51).
     */
    private static final int SHARDS = 8;
    /** Points of each interval the nodes' renewals and status posts are spread over. */
    private static final int SLOTS = 10;
    private volatile List<Shard> shards;
    private final List<SimulatedTime.Cancellable> beats = new ArrayList<>();
    private volatile ChangeFeed.Subscription subscription;
    private volatile Map<String, NodeBlueprint> blueprints = Map.of();
    private volatile Map<String, Shard> shardOf = Map.of();
    private final boolean controlPlane;

    KubeletHeartbeats(Registry registry, ChangeFeed feed, EventRecorder events, SimulatedTime time,
            SimulationProperties simulation, KubelingProperties kubeling, ControlPlaneProperties controlPlane) {
        this.controlPlane = controlPlane.enabled();
        this.registry = registry;
        this.feed = feed;
        this.events = events;
        this.clock = time.clock();
        this.time = time;
        this.simulation = simulation;
        this.kubeling = kubeling;
    }

    @Override
    public synchronized void start() {
        if (!simulation.enabled() || shards != null) {
            return;
        }
        List<NodeBlueprint> all = NodeBlueprint.of(simulation.nodes(), controlPlane);
        // up to ten nodes share one thread; a write waits for its commit, so more threads let more renewals share one
        int count = Math.max(1, Math.min(SHARDS, (all.size() + SLOTS - 1) / SLOTS));
        List<Shard> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(new Shard(Executors.newSingleThreadScheduledExecutor(
                    DaemonThreads.named("kubelet-heartbeats-" + i))));
        }
        Map<String, NodeBlueprint> byName = new LinkedHashMap<>();
        Map<String, Shard> shardByName = new java.util.HashMap<>();
        for (NodeBlueprint blueprint : all) {
            Shard shard = started.get(blueprint.index() % count);
            shard.nodes.add(blueprint);
            byName.put(blueprint.name(), blueprint);
            shardByName.put(blueprint.name(), shard);
        }
        blueprints = byName;
        shardOf = shardByName;
        shards = List.copyOf(started);
        subscription = feed.subscribe(Node.class, change -> {
            if (change.deleted() || change.previous() == null) {
                return;
            }
            String name = change.object().getMetadata().getName();
            if (!Objects.equals(SimulatedFailure.of(change.object()), SimulatedFailure.of(change.previous()))) {
                on(name, () -> beat(name, true));
            }
            boolean cordoned = Boolean.TRUE.equals(change.object().getSpec().getUnschedulable());
            if (cordoned != Boolean.TRUE.equals(change.previous().getSpec().getUnschedulable())) {
                on(name, () -> recordSchedulable(name, !cordoned));
            }
        });
        SimulationProperties.Heartbeat heartbeat = simulation.heartbeat();
        for (Shard shard : shards) {
            shard.executor.execute(() -> guarded(() -> register(shard)));
            // each node renews and posts at its own point of the interval, as kubelets started apart do, rather than
            // every node at one instant
            beats.add(time.every(time.scaled(heartbeat.leaseRenewInterval()).dividedBy(shard.slots()), shard.executor,
                    () -> shard.due(shard.leaseTicks++, name -> guarded(() -> renewLease(name)))));
            beats.add(time.every(time.scaled(heartbeat.statusUpdateInterval()).dividedBy(shard.slots()),
                    shard.executor, () -> shard.due(shard.statusTicks++, name -> guarded(() -> postStatus(name)))));
        }
    }

    @Override
    public synchronized void stop() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        beats.forEach(SimulatedTime.Cancellable::cancel);
        beats.clear();
        if (shards != null) {
            shards.forEach(shard -> shard.executor.shutdownNow());
            shards = null;
        }
    }

    @Override
    public boolean isRunning() {
        return shards != null;
    }

    /**
     * One thread's share of the kubelets: every write of a node's heartbeat runs on its shard's thread, one at a
     * time, while the shards write side by side, as separate kubelets do; the nodes of a shard are spread over
     * {@link #SLOTS} points of each interval.
     */
    private static final class Shard {

        final ScheduledExecutorService executor;
        final List<NodeBlueprint> nodes = new ArrayList<>();
        // touched only on the shard's thread
        long leaseTicks;
        long statusTicks;

        Shard(ScheduledExecutorService executor) {
            this.executor = executor;
        }

        /** The points of each interval this shard's nodes are spread over: no more than it has nodes. */
        int slots() {
            return Math.max(1, Math.min(SLOTS, nodes.size()));
        }

        /** Runs {@code action} for the nodes whose point of the interval is this tick. */
        void due(long tick, java.util.function.Consumer<String> action) {
            int slots = slots();
            int slot = (int) (tick % slots);
            for (int i = slot; i < nodes.size(); i += slots) {
                action.accept(nodes.get(i).name());
            }
        }
    }

    /** Runs a node's heartbeat work on its shard's thread, unless the heartbeats are stopping. */
    private void on(String name, Runnable task) {
        List<Shard> current = shards;
        if (current == null) {
            return;
        }
        Shard shard = shardOf.getOrDefault(name, current.get(Math.floorMod(name.hashCode(), current.size())));
        try {
            shard.executor.execute(() -> guarded(task));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    /** After the system namespaces, before anything schedules onto the nodes. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** Registers once the namespaces that leases and events go to exist (they are made at start-up too). */
    private void register(Shard shard) {
        for (String namespace : List.of("default", LEASE_NAMESPACE)) {
            try {
                registry.store(Namespace.class).peek(null, namespace);
            } catch (StatusException e) {
                try {
                    shard.executor.schedule(() -> guarded(() -> register(shard)), 100, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    // stopped meanwhile
                }
                return;
            }
        }
        ResourceStore<Node> nodes = registry.store(Node.class);
        for (NodeBlueprint blueprint : shard.nodes) {
            Instant now = clock.instant();
            Node node;
            try {
                node = nodes.peek(null, blueprint.name());
                beat(blueprint.name(), true);
            } catch (StatusException e) {
                if (e.code() != 404) {
                    throw e;
                }
                node = registerNode(nodes, blueprint, now);
                recordStartup(node);
            }
            renewLease(blueprint.name());
            csiNode(node);
        }
    }

    /**
     * The kubelet registers its Node with the labels it may set itself; the others (the control plane's role) are
     * added by kubeadm, as the admin.
     */
    private Node registerNode(ResourceStore<Node> nodes, NodeBlueprint blueprint, Instant now) {
        Node node = NodeTemplate.build(blueprint, simulation.nodes().podCidr(), simulation.nodes().addressCidr(),
                kubeling.kubernetesVersion(), now);
        Map<String, String> all = node.getMetadata().getLabels();
        Map<String, String> own = io.kubeling.registry.KubeletLabels.settable(all);
        node.getMetadata().setLabels(own);
        Node created = nodes.create(null, node, Managers.kubelet(blueprint.name()));
        if (own.size() == all.size()) {
            return created;
        }
        return nodes.update(null, blueprint.name(), null, n -> {
            Map<String, String> labels = new LinkedHashMap<>(n.getMetadata().getLabels());
            labels.putAll(all);
            n.getMetadata().setLabels(labels);
            return n;
        }, KUBEADM).object();
    }

    private void recordStartup(Node node) {
        String name = node.getMetadata().getName();
        ObjectReference ref = kubeletReference(name);
        events.record(ref, EventRecorder.NORMAL, "Starting", "Starting kubelet.", "kubelet", name);
        events.record(ref, EventRecorder.NORMAL, "NodeHasSufficientMemory",
                "Node " + name + " status is now: NodeHasSufficientMemory", "kubelet", name);
        events.record(ref, EventRecorder.NORMAL, "NodeHasNoDiskPressure",
                "Node " + name + " status is now: NodeHasNoDiskPressure", "kubelet", name);
        events.record(ref, EventRecorder.NORMAL, "NodeHasSufficientPID",
                "Node " + name + " status is now: NodeHasSufficientPID", "kubelet", name);
        events.record(ref, EventRecorder.NORMAL, "NodeAllocatableEnforced",
                "Updated Node Allocatable limit across pods", "kubelet", name);
        events.record(ref, EventRecorder.NORMAL, "NodeReady", "Node " + name + " status is now: NodeReady",
                "kubelet", name);
        events.record(EventRecorder.reference(node), EventRecorder.NORMAL, "RegisteredNode",
                "Node " + name + " event: Registered Node " + name + " in Controller", "node-controller", null);
    }

    /** The node's CSINode, as its kubelet's CSI plugin makes it on start; a failure leaves the heartbeats going. */
    private void csiNode(Node node) {
        try {
            KubeletCsiNode.ensure(registry, node);
        } catch (RuntimeException e) {
            log.warn("CSINode of node {}: {}", node.getMetadata().getName(), e.toString());
        }
    }

    /** The kubelet tells of a cordon or uncordon as it notices the node's spec change. */
    private void recordSchedulable(String name, boolean schedulable) {
        if (!blueprints.containsKey(name)) {
            return;
        }
        String reason = schedulable ? "NodeSchedulable" : "NodeNotSchedulable";
        events.record(kubeletReference(name), EventRecorder.NORMAL, reason,
                "Node " + name + " status is now: " + reason, "kubelet", name);
    }

    /** The kubelet names its node in events by name, with the name as UID. */
    static ObjectReference kubeletReference(String name) {
        ObjectReference ref = new ObjectReference();
        ref.setKind("Node");
        ref.setName(name);
        ref.setUid(name);
        return ref;
    }

    /** A kubelet whose Node was deleted registers it again on its next status update. */
    private void postStatus(String name) {
        ResourceStore<Node> nodes = registry.store(Node.class);
        NodeBlueprint blueprint = blueprints.get(name);
        if (blueprint == null) {
            return;
        }
        try {
            nodes.peek(null, name);
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
            Node created = registerNode(nodes, blueprint, clock.instant());
            events.record(EventRecorder.reference(created), EventRecorder.NORMAL, "RegisteredNode",
                    "Node " + name + " event: Registered Node " + name + " in Controller", "node-controller", null);
            csiNode(created);
            return;
        }
        beat(name, false);
    }

    private void renewLease(String nodeName) {
        Node node;
        try {
            node = registry.store(Node.class).peek(null, nodeName);
        } catch (StatusException e) {
            return;
        }
        if (SimulatedFailure.unreachable(node)) {
            return;
        }
        ResourceStore<Lease> leases = registry.store(Lease.class);
        java.time.ZonedDateTime renewTime = clock.instant().atZone(ZoneOffset.UTC);
        try {
            // a new spec in a shallow copy of the stored Lease: the renewal decodes no copy of its own
            leases.replaceParts(LEASE_NAMESPACE, nodeName, null, lease -> {
                lease.setSpec(new LeaseSpecBuilder(lease.getSpec())
                        .withRenewTime(renewTime).build());
                return lease;
            }, Managers.kubelet(nodeName));
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
            leases.create(LEASE_NAMESPACE, newLease(node, renewTime), Managers.kubelet(nodeName));
        }
    }

    private Lease newLease(Node node, java.time.ZonedDateTime renewTime) {
        Lease lease = new Lease();
        ObjectMeta meta = new ObjectMeta();
        meta.setName(node.getMetadata().getName());
        meta.setNamespace(LEASE_NAMESPACE);
        OwnerReference owner = new OwnerReference();
        owner.setApiVersion("v1");
        owner.setKind("Node");
        owner.setName(node.getMetadata().getName());
        owner.setUid(node.getMetadata().getUid());
        meta.setOwnerReferences(List.of(owner));
        lease.setMetadata(meta);
        LeaseSpec spec = new LeaseSpec();
        spec.setHolderIdentity(node.getMetadata().getName());
        spec.setLeaseDurationSeconds(simulation.heartbeat().leaseDurationSeconds());
        spec.setRenewTime(renewTime);
        lease.setSpec(spec);
        return lease;
    }

    /**
     * Posts the node's conditions when they changed, when {@code force}d, or when the last post is
     * older than the report interval, as the kubelet's status loop does.
     */
    private void beat(String nodeName, boolean force) {
        ResourceStore<Node> nodes = registry.store(Node.class);
        Node node;
        try {
            node = nodes.peek(null, nodeName);
        } catch (StatusException e) {
            return;
        }
        String mode = SimulatedFailure.of(node);
        if (SimulatedFailure.UNREACHABLE.equals(mode)) {
            return;
        }
        if (force) {
            renewLease(nodeName);
        }
        Instant now = clock.instant();
        boolean ready = !SimulatedFailure.NOT_READY.equals(mode);
        List<NodeCondition> reported = NodeConditionSet.desired(ready, now);
        List<NodeCondition> current = node.getStatus() == null ? null : node.getStatus().getConditions();
        boolean changed = NodeConditionSet.differs(current, reported);
        if (!force && !changed && !reportDue(current, now)) {
            return;
        }
        NodeCondition oldReady = NodeConditionSet.find(current, "Ready");
        nodes.update(null, nodeName, "status", n -> {
            n.getStatus().setConditions(NodeConditionSet.merge(n.getStatus().getConditions(), reported, now));
            return n;
        }, Managers.kubelet(nodeName));
        boolean wasReady = oldReady != null && "True".equals(oldReady.getStatus());
        if (wasReady != ready) {
            String reason = ready ? "NodeReady" : "NodeNotReady";
            events.record(kubeletReference(nodeName), EventRecorder.NORMAL, reason,
                    "Node " + nodeName + " status is now: " + reason, "kubelet", nodeName);
        }
    }

    private boolean reportDue(List<NodeCondition> current, Instant now) {
        NodeCondition ready = NodeConditionSet.find(current, "Ready");
        Instant last = ready == null ? null : Timestamps.parse(ready.getLastHeartbeatTime());
        Duration report = time.scaled(simulation.heartbeat().statusReportInterval());
        return last == null || !last.plus(report).isAfter(now);
    }

    private static void guarded(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.warn("kubelet heartbeat failed: {}", e.toString());
        }
    }
}

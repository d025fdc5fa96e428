package io.kubeling.controllers.nodes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.DaemonThreads;
import io.kubeling.controllers.Managers;
import io.kubeling.config.SimulationProperties;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.NodeReadiness;
import io.kubeling.controllers.SimulatedTime;
import io.kubeling.controllers.WorkQueue;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;

/**
 * kube's node lifecycle controller: every monitor period, a node whose kubelet has neither renewed
 * its Lease nor posted status for the grace period turns Unknown; and each node carries the
 * NoSchedule and NoExecute taints its conditions call for, and the unschedulable taint while cordoned.
 */
@Component
class NodeLifecycleController implements SmartLifecycle {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("node-controller");

    private final Registry registry;
    private final ChangeFeed feed;
    private final EventRecorder events;
    private final Clock clock;
    private final SimulatedTime time;
    private final SimulationProperties simulation;
    private final WorkQueue queue = new WorkQueue("node-lifecycle-controller", this::sync);
    private final PodsNotReady podsNotReady;
    /** Nodes whose pods were marked not ready since the node last was Ready: marked once per outage, as kube does. */
    private final java.util.Set<String> unready = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService monitor;
    private volatile SimulatedTime.Cancellable monitoring;
    private volatile ChangeFeed.Subscription subscription;

    NodeLifecycleController(Registry registry, ChangeFeed feed, EventRecorder events, SimulatedTime time,
            SimulationProperties simulation) {
        this.registry = registry;
        this.feed = feed;
        this.events = events;
        this.clock = time.clock();
        this.time = time;
        this.simulation = simulation;
        this.podsNotReady = new PodsNotReady(registry, events, clock);
    }

    @Override
    public synchronized void start() {
        if (!simulation.enabled() || monitor != null) {
            return;
        }
        queue.start();
        subscription = feed.subscribe(Node.class, change -> {
            if (!change.deleted() && relevant(change.object(), change.previous())) {
                queue.add(change.object().getMetadata().getName());
            }
        });
        monitor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("node-lifecycle-monitor"));
        monitor.execute(this::monitorAll);
        monitoring = time.every(time.scaled(simulation.heartbeat().nodeMonitorPeriod()), monitor, this::monitorAll);
    }

    @Override
    public synchronized void stop() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        if (monitor != null) {
            monitoring.cancel();
            monitor.shutdownNow();
            monitor = null;
        }
        queue.stop();
    }

    @Override
    public boolean isRunning() {
        return monitor != null;
    }

    private static boolean relevant(Node node, Node previous) {
        if (previous == null) {
            return true;
        }
        return !Objects.equals(node.getSpec().getUnschedulable(), previous.getSpec().getUnschedulable())
                || !Objects.equals(node.getSpec().getTaints(), previous.getSpec().getTaints())
                || !Objects.equals(statuses(node), statuses(previous));
    }

    private static List<String> statuses(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return List.of();
        }
        return node.getStatus().getConditions().stream().map(c -> c.getType() + "=" + c.getStatus()).toList();
    }

    private void monitorAll() {
        try {
            // the shared objects, as kube's controller reads its informer's cache: nothing is decoded for the look
            for (Node node : registry.store(Node.class).peekAll()) {
                queue.add(node.getMetadata().getName());
            }
        } catch (RuntimeException e) {
            // the next period tries again
        }
    }

    private void sync(String name) {
        ResourceStore<Node> nodes = registry.store(Node.class);
        Node node;
        try {
            node = nodes.peek(null, name);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        Instant now = clock.instant();
        Duration grace = time.scaled(simulation.heartbeat().nodeMonitorGracePeriod());
        List<NodeCondition> silent = NodeLifecyclePlan.silentConditions(node, leaseRenewal(name), now, grace);
        if (silent != null) {
            node = nodes.update(null, name, "status", n -> {
                n.getStatus().setConditions(silent);
                return n;
            }, WRITER).object();
            events.record(EventRecorder.reference(node), EventRecorder.NORMAL, "NodeNotReady",
                    "Node " + name + " status is now: NodeNotReady", "node-controller", null);
        }
        if (NodeReadiness.ready(node)) {
            unready.remove(name);
        } else if (unready.add(name)) {
            podsNotReady.mark(name);
        }
        if (NodeLifecyclePlan.taints(node, now) != null) {
            nodes.update(null, name, (String) null, n -> {
                List<Taint> taints = NodeLifecyclePlan.taints(n, now);
                if (taints != null) {
                    n.getSpec().setTaints(taints.isEmpty() ? null : taints);
                }
                return n;
            }, WRITER);
        }
    }

    private Instant leaseRenewal(String name) {
        try {
            Lease lease = registry.store(Lease.class).peek(KubeletHeartbeats.LEASE_NAMESPACE, name);
            ZonedDateTime renew = lease.getSpec() == null ? null : lease.getSpec().getRenewTime();
            return renew == null ? null : renew.toInstant();
        } catch (StatusException e) {
            return null;
        }
    }
}

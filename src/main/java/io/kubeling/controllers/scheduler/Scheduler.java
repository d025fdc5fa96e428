package io.kubeling.controllers.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;


import io.fabric8.kubernetes.api.model.Binding;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.kubeling.controllers.DaemonThreads;
import io.kubeling.controllers.Managers;
import io.kubeling.config.SimulationProperties;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.ComponentAuthorization;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.WorkQueue;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.GroupResource;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.SimulationLag;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.SubresourceCall;
import io.kubeling.registry.SubresourceEndpoint;
import io.kubeling.registry.SubresourceEndpoints;
import io.kubeling.resources.pods.PodConditions;

/**
 * The default scheduler: takes each pending pod of {@code default-scheduler} with no node, picks a
 * node as kube-scheduler's default profile does, and binds it through {@code pods/binding} with a
 * {@code Scheduled} event; when nothing fits, the pod gets PodScheduled=False (Unschedulable) and a
 * {@code FailedScheduling} event, and waits until a change to the nodes or a pod leaving one could
 * make it fit (or five minutes pass, as kube's unschedulable queue flushes).
 */
@Component
class Scheduler implements SmartLifecycle {

    static final String NAME = "default-scheduler";
    private static final Duration UNSCHEDULABLE_FLUSH = Duration.ofMinutes(5);
    private static final Duration BIND_RETRY = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);
    private static final String FLUSH = "~";
    /**
     * kube-scheduler binds each pod in a goroutine of its own; a few threads let bindings keep pace with
     * the decisions when the machine is busy, where one thread gets one thread's share of the CPU.
     */
    private static final int BINDING_THREADS = 4;

    private static final GroupResource PODS = new GroupResource("", "pods");

    private final Registry registry;
    private final ChangeFeed feed;
    private final EventRecorder events;
    private final Clock clock;
    private final SimulationProperties simulation;
    private final SubresourceEndpoints endpoints;
    private final ObjectCodec codec;
    private final ComponentAuthorization access;
    private final SimulationLag lag;
    private volatile SimulationLag.Source lagSource;
    private final SchedulingCache cache = new SchedulingCache();
    private final SchedulingAlgorithm algorithm = new SchedulingAlgorithm(new Random());
    private final Set<String> unschedulable = ConcurrentHashMap.newKeySet();
    /** Pending pods nominated to a node by preemption, by uid: the room freed for them is kept for them. */
    private final Map<String, Nominated> nominated = new ConcurrentHashMap<>();
    private final WorkQueue queue = new WorkQueue("default-scheduler", this::sync);
    private volatile List<ChangeFeed.Subscription> subscriptions = List.of();
    private volatile ExecutorService binder;

    Scheduler(Registry registry, ChangeFeed feed, EventRecorder events, Clock clock, SimulationProperties simulation,
            SubresourceEndpoints endpoints, ObjectCodec codec, ComponentAuthorization access, SimulationLag lag) {
        this.access = access;
        this.lag = lag;
        this.registry = registry;
        this.feed = feed;
        this.events = events;
        this.clock = clock;
        this.simulation = simulation;
        this.endpoints = endpoints;
        this.codec = codec;
    }

    @Override
    public synchronized void start() {
        if (!simulation.enabled() || queue.isRunning()) {
            return;
        }
        cache.clear();
        unschedulable.clear();
        nominated.clear();
        binder = Executors.newFixedThreadPool(BINDING_THREADS, DaemonThreads.numbered("scheduler-binder"));
        queue.start();
        lagSource = lag.add(queue::lagNanos);
        List<ChangeFeed.Subscription> subscribed = new ArrayList<>(List.of(feed.subscribe(Node.class, this::onNode),
                feed.subscribe(Pod.class, this::onPod)));
        if (VolumeBinding.served(registry)) {
            // a claim bound or created may let a pod that waits for it be scheduled
            subscribed.add(feed.subscribe(PersistentVolumeClaim.class, change -> retryUnschedulable()));
        }
        subscriptions = List.copyOf(subscribed);
        for (Node node : registry.store(Node.class).list(null, ListOptions.ALL).items()) {
            cache.putNode(node);
        }
        for (Pod pod : registry.store(Pod.class).list(null, ListOptions.ALL).items()) {
            cache.putPod(pod);
            if (pending(pod)) {
                queue.add(key(pod));
            }
        }
    }

    @Override
    public synchronized void stop() {
        subscriptions.forEach(ChangeFeed.Subscription::close);
        subscriptions = List.of();
        if (lagSource != null) {
            lagSource.close();
            lagSource = null;
        }
        queue.stop();
        binder.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return queue.isRunning();
    }

    /** After the nodes register. */
    @Override
    public int getPhase() {
        return 1;
    }

    private void onNode(Change<Node> change) {
        Node node = change.object();
        if (change.deleted()) {
            cache.removeNode(node, revision(node));
            return;
        }
        cache.putNode(node);
        Node old = change.previous();
        if (old == null || !Objects.equals(node.getMetadata().getLabels(), old.getMetadata().getLabels())
                || !Objects.equals(node.getSpec(), old.getSpec())
                || !Objects.equals(allocatable(node), allocatable(old))) {
            retryUnschedulable();
        }
    }

    private static Object allocatable(Node node) {
        return node.getStatus() == null ? null : node.getStatus().getAllocatable();
    }

    private void onPod(Change<Pod> change) {
        Pod pod = change.object();
        String key = key(pod);
        if (change.deleted()) {
            cache.removePod(pod, revision(pod));
            unschedulable.remove(key);
            nominated.remove(pod.getMetadata().getUid());
            if (assigned(pod)) {
                retryUnschedulable();
            }
            return;
        }
        cache.putPod(pod);
        String nominatedNode = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        if (pending(pod) && nominatedNode != null && !nominatedNode.isEmpty()) {
            nominated.put(pod.getMetadata().getUid(), new Nominated(nominatedNode, Preemption.priority(pod),
                    PodRequests.of(pod)));
        } else {
            nominated.remove(pod.getMetadata().getUid());
        }
        Pod old = change.previous();
        if (old != null && assigned(pod) && !terminal(old) && terminal(pod)) {
            retryUnschedulable();
        }
        if (!pending(pod)) {
            unschedulable.remove(key);
            return;
        }
        if (!unschedulable.contains(key) || changedByUser(pod, old)) {
            queue.add(key);
        }
    }

    /**
     * Whether a change may make an unschedulable pod fit (a toleration added, a label): its spec or labels moved.
     * The scheduler's own status writes must not send it round again.
     */
    private static boolean changedByUser(Pod pod, Pod old) {
        return old == null || !Objects.equals(pod.getSpec(), old.getSpec())
                || !Objects.equals(pod.getMetadata().getLabels(), old.getMetadata().getLabels());
    }

    private void retryUnschedulable() {
        for (String key : unschedulable) {
            queue.add(key);
        }
    }

    private static boolean pending(Pod pod) {
        return !assigned(pod) && NAME.equals(pod.getSpec().getSchedulerName())
                && pod.getMetadata().getDeletionTimestamp() == null
                && (pod.getSpec().getSchedulingGates() == null || pod.getSpec().getSchedulingGates().isEmpty())
                && !terminal(pod);
    }

    private static boolean assigned(Pod pod) {
        return pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }

    private static boolean terminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static String key(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static long revision(io.fabric8.kubernetes.api.model.HasMetadata object) {
        String rv = object.getMetadata().getResourceVersion();
        return rv == null || rv.isEmpty() ? 0 : Long.parseLong(rv);
    }

    private void sync(String queued) {
        String key = queued.startsWith(FLUSH) ? queued.substring(FLUSH.length()) : queued;
        int slash = key.indexOf('/');
        String namespace = key.substring(0, slash);
        String name = key.substring(slash + 1);
        Pod pod;
        try {
            pod = registry.store(Pod.class).peek(namespace, name);
        } catch (StatusException e) {
            if (e.code() == 404) {
                unschedulable.remove(key);
                return;
            }
            throw e;
        }
        if (!pending(pod) || cache.isAssumed(pod.getMetadata().getUid())) {
            unschedulable.remove(key);
            return;
        }
        List<NodeInfo> nodes = withNominated(cache.snapshot(), pod);
        String volumes = VolumeBinding.preFilter(registry, pod);
        SchedulingAlgorithm.Decision decision = volumes == null
                ? algorithm.schedule(pod, nodes, this::podsOn, this::budgets)
                : new SchedulingAlgorithm.Decision(null, FailureMessage.preFilter(nodes.size(), volumes,
                        "Never".equals(pod.getSpec().getPreemptionPolicy())));
        if (decision.node() != null) {
            cache.assume(pod, decision.node());
            unschedulable.remove(key);
            bindLater(pod, decision.node());
        } else {
            unschedulable.add(key);
            if (decision.victims() != null) {
                preempt(pod, decision.victims());
            }
            recordFailure(pod, decision.failure(), decision.victims() == null ? null : decision.victims().node());
            queue.addAfter(FLUSH + key, UNSCHEDULABLE_FLUSH);
        }
    }

    private record Nominated(String node, int priority, PodRequests requests) {
    }

    /** addNominatedPods: each node also holds the pods of no lower priority nominated to it. */
    private List<NodeInfo> withNominated(List<NodeInfo> nodes, Pod pod) {
        if (nominated.isEmpty()) {
            return nodes;
        }
        int priority = Preemption.priority(pod);
        List<NodeInfo> out = new ArrayList<>(nodes.size());
        for (NodeInfo node : nodes) {
            NodeInfo info = node;
            for (Map.Entry<String, Nominated> e : nominated.entrySet()) {
                if (!e.getKey().equals(pod.getMetadata().getUid()) && e.getValue().node().equals(node.name())
                        && e.getValue().priority() >= priority) {
                    info = info.with(e.getValue().requests());
                }
            }
            out.add(info);
        }
        return out;
    }

    /** The pods assigned to a node and not finished, for preemption to choose victims from. */
    private List<Pod> podsOn(String node) {
        return registry.store(Pod.class).list(null, ListOptions.withFields("spec.nodeName=" + node)).items().stream()
                .filter(p -> !terminal(p)).toList();
    }

    private List<PodDisruptionBudget> budgets() {
        if (registry.find("policy", "v1", "poddisruptionbudgets").isEmpty()) {
            return List.of();
        }
        return registry.store(PodDisruptionBudget.class).list(null, ListOptions.ALL).items();
    }

    /** prepareCandidate: each victim marked as a disruption target, deleted, and told by whom. */
    private void preempt(Pod pod, Preemption.Victims victims) {
        String message = NAME + ": preempting to accommodate a higher priority pod";
        for (Pod victim : victims.pods()) {
            String ns = victim.getMetadata().getNamespace();
            String name = victim.getMetadata().getName();
            try {
                registry.store(Pod.class).update(ns, name, "status", current -> {
                    PodConditions.update(current.getStatus(), PodConditions.of("DisruptionTarget", "True",
                            Preemption.PREEMPTION_BY_SCHEDULER, message), clock.instant());
                    return current;
                }, Managers.SCHEDULER);
                registry.store(Pod.class).delete(ns, name, Managers.deleting(Managers.SCHEDULER,
                        new DeleteOptions(false, null, victim.getMetadata().getUid(), null, null)));
            } catch (StatusException e) {
                if (e.code() != 404 && e.code() != 409) {
                    throw e;
                }
                continue;
            }
            events.record(EventRecorder.reference(victim), EventRecorder.NORMAL, "Preempted", "Preempted by pod "
                    + pod.getMetadata().getUid() + " on node " + victims.node(), NAME, null);
        }
    }

    /** The binding cycle runs apart from the scheduling one, as in kube-scheduler, so decisions go on meanwhile. */
    private void bindLater(Pod pod, String node) {
        ExecutorService current = binder;
        try {
            current.execute(() -> {
                try {
                    bind(pod, node);
                } catch (RuntimeException e) {
                    cache.forget(pod.getMetadata().getUid());
                    queue.addAfter(key(pod), BIND_RETRY);
                    log.warn("binding {} to {} failed", key(pod), node, e);
                }
            });
        } catch (RejectedExecutionException e) {
            cache.forget(pod.getMetadata().getUid());
        }
    }

    private void bind(Pod pod, String node) {
        VolumeBinding.preBind(registry, pod, node);
        Binding binding = new Binding();
        binding.setApiVersion("v1");
        binding.setKind("Binding");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(pod.getMetadata().getName());
        meta.setNamespace(pod.getMetadata().getNamespace());
        meta.setUid(pod.getMetadata().getUid());
        binding.setMetadata(meta);
        ObjectReference target = new ObjectReference();
        target.setKind("Node");
        target.setName(node);
        binding.setTarget(target);
        SubresourceEndpoint endpoint = endpoints.find(PODS, "binding").orElseThrow();
        try {
            String ns = pod.getMetadata().getNamespace();
            String name = pod.getMetadata().getName();
            access.call(Managers.SCHEDULER.user(), "create", PODS, "v1", "binding", ns, name,
                    () -> endpoint.create(new SubresourceCall(ns, name, Map.of(), codec.mapper().valueToTree(binding),
                            Managers.SCHEDULER)));
        } catch (StatusException e) {
            if (e.code() == 409 || e.code() == 404) {
                // bound or deleted by someone else meanwhile: nothing left to do but drop the assumption
                cache.forget(pod.getMetadata().getUid());
                return;
            }
            throw e;
        }
        events.record(EventRecorder.reference(pod), EventRecorder.NORMAL, "Scheduled", "Successfully assigned "
                + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + " to " + node, NAME, null);
    }

    /** The FailedScheduling event and condition, and the node preemption nominated (null for none). */
    private void recordFailure(Pod pod, String message, String nominatedNode) {
        events.record(EventRecorder.reference(pod), EventRecorder.WARNING, "FailedScheduling", message, NAME, null);
        try {
            registry.store(Pod.class).update(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), "status",
                    current -> {
                        PodConditions.update(current.getStatus(),
                                PodConditions.of("PodScheduled", "False", "Unschedulable", message), clock.instant());
                        if (nominatedNode != null) {
                            current.getStatus().setNominatedNodeName(nominatedNode);
                        }
                        return current;
                    }, Managers.SCHEDULER);
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }
}

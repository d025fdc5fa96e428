package io.kubeling.controllers.nodes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.Managers;
import io.kubeling.config.SimulationProperties;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.SimulatedTime;
import io.kubeling.controllers.WorkQueue;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.Timestamps;
import io.kubeling.resources.pods.PodConditions;

/**
 * kube's taint eviction controller: a pod on a node with NoExecute taints is deleted at once when
 * it does not tolerate one of them, or once its shortest tolerationSeconds (scaled by the time
 * scale) has passed since the taint was added; a taint removed in time cancels the deletion.
 */
@Component
class TaintEvictionController implements SmartLifecycle {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("node-controller");

    private static final String COMPONENT = "taint-eviction-controller";

    private final Registry registry;
    private final ChangeFeed feed;
    private final EventRecorder events;
    private final Clock clock;
    private final SimulatedTime time;
    private final SimulationProperties simulation;
    private final WorkQueue queue;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private volatile List<ChangeFeed.Subscription> subscriptions = List.of();

    TaintEvictionController(Registry registry, ChangeFeed feed, EventRecorder events, SimulatedTime time,
            SimulationProperties simulation) {
        this.registry = registry;
        this.feed = feed;
        this.events = events;
        this.clock = time.clock();
        this.time = time;
        this.queue = new WorkQueue("taint-eviction-controller", this::sync, time);
        this.simulation = simulation;
    }

    @Override
    public synchronized void start() {
        if (!simulation.enabled() || queue.isRunning()) {
            return;
        }
        pending.clear();
        queue.start();
        subscriptions = List.of(
                feed.subscribe(Node.class, change -> {
                    // as kube's taint manager, a node is looked at when its NoExecute taints change, a new node
                    // when it has any
                    List<Taint> before = change.previous() == null ? List.of() : noExecute(change.previous());
                    if (!change.deleted() && !Objects.equals(noExecute(change.object()), before)) {
                        queue.add("node/" + change.object().getMetadata().getName());
                    }
                }),
                feed.subscribe(Pod.class, change -> {
                    Pod pod = change.object();
                    if (!change.deleted() && pod.getSpec().getNodeName() != null
                            && !pod.getSpec().getNodeName().isEmpty()
                            && pod.getMetadata().getDeletionTimestamp() == null && placementChanged(change)) {
                        queue.add(podKey(pod));
                    }
                }));
        for (Node node : registry.store(Node.class).peekAll()) {
            if (!noExecute(node).isEmpty()) {
                queue.add("node/" + node.getMetadata().getName());
            }
        }
    }

    @Override
    public synchronized void stop() {
        subscriptions.forEach(ChangeFeed.Subscription::close);
        subscriptions = List.of();
        queue.stop();
    }

    @Override
    public boolean isRunning() {
        return queue.isRunning();
    }

    /** As kube's taint manager, a pod is looked at again only when its node or its tolerations change. */
    private static boolean placementChanged(Change<Pod> change) {
        Pod before = change.previous();
        if (before == null) {
            return true;
        }
        Pod now = change.object();
        return !Objects.equals(before.getSpec().getNodeName(), now.getSpec().getNodeName())
                || !Objects.equals(before.getSpec().getTolerations(), now.getSpec().getTolerations());
    }

    private static List<Taint> noExecute(Node node) {
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
                : node.getSpec().getTaints();
        return taints.stream().filter(t -> "NoExecute".equals(t.getEffect())).toList();
    }

    private static String podKey(Pod pod) {
        return "pod/" + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private void sync(String key) {
        if (key.startsWith("node/")) {
            String node = key.substring("node/".length());
            ListOptions onNode = ListOptions.withFields("spec.nodeName=" + node);
            for (Pod pod : registry.store(Pod.class).list(null, onNode).items()) {
                queue.add(podKey(pod));
            }
            return;
        }
        String[] parts = key.split("/", 3);
        syncPod(parts[1], parts[2], key);
    }

    private void syncPod(String namespace, String name, String key) {
        Pod pod;
        try {
            pod = registry.store(Pod.class).peek(namespace, name);
        } catch (StatusException e) {
            if (e.code() == 404) {
                pending.remove(key);
                return;
            }
            throw e;
        }
        String nodeName = pod.getSpec().getNodeName();
        if (nodeName == null || nodeName.isEmpty() || pod.getMetadata().getDeletionTimestamp() != null) {
            pending.remove(key);
            return;
        }
        List<Taint> taints = taintsOf(nodeName);
        Optional<Duration> allowed = TolerationTime.of(pod.getSpec().getTolerations(), taints);
        if (allowed.isEmpty()) {
            if (pending.remove(key) != null) {
                events.record(EventRecorder.reference(pod), EventRecorder.NORMAL, "TaintManagerEviction",
                        "Cancelling deletion of Pod " + namespace + "/" + name, COMPONENT, null);
            }
            return;
        }
        Instant now = clock.instant();
        Instant due = pending.computeIfAbsent(key, k -> start(taints, now).plus(
                time.scaled(allowed.get())));
        if (allowed.get().isZero()) {
            due = now;
        }
        if (due.isAfter(now)) {
            queue.addAfter(key, Duration.between(now, due));
            return;
        }
        evict(pod);
        pending.remove(key);
    }

    private List<Taint> taintsOf(String nodeName) {
        try {
            return noExecute(registry.store(Node.class).peek(null, nodeName));
        } catch (StatusException e) {
            return List.of();
        }
    }

    /** The deletion counts from when the taints were added, else from now. */
    private static Instant start(List<Taint> taints, Instant now) {
        Instant earliest = null;
        for (Taint t : taints) {
            Instant added = Timestamps.parse(t.getTimeAdded());
            if (added != null && (earliest == null || added.isBefore(earliest))) {
                earliest = added;
            }
        }
        return earliest == null || earliest.isAfter(now) ? now : earliest;
    }

    private void evict(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        events.record(EventRecorder.reference(pod), EventRecorder.NORMAL, "TaintManagerEviction",
                "Marking for deletion Pod " + namespace + "/" + name, COMPONENT, null);
        try {
            registry.store(Pod.class).update(namespace, name, "status", current -> {
                PodCondition target = PodConditions.of("DisruptionTarget", "True", "DeletionByTaintManager",
                        "Taint manager: deleting due to NoExecute taint");
                PodConditions.update(current.getStatus(), target, clock.instant());
                return current;
            }, WRITER);
            registry.store(Pod.class).delete(namespace, name, Managers.deleting(WRITER));
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }
}

package io.kubeling.controllers.replicasets;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.Owners;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.QueuedController;
import io.kubeling.controllers.PodReadiness;
import io.kubeling.controllers.FeedCache;
import io.kubeling.registry.WriteOptions;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.resources.common.LabelSelectors;

/**
 * kube's ReplicaSet controller, which also runs ReplicationControllers (kube's ReplicationManager is the same code
 * on converted objects): keeps as many active pods as the owner asks for, adopting orphans its selector matches
 * and releasing pods it no longer selects, and reports what it counts in the owner's status.
 */
abstract class ReplicatedPods<T extends HasMetadata> extends QueuedController {

    private static final String NAMESPACE_KEY = "*";
    private static final int BURST = 500;

    private final Class<T> type;
    private final String kind;
    private final String component;
    private final WriteOptions writer;
    /** The owners, kept from their feed, which an orphan's change looks through: an informer's cache. */
    private volatile FeedCache<T> owners = new FeedCache<>();

    /** What the controller counts and writes to the owner's status. */
    record Counts(Integer replicas, Integer fullyLabeled, Integer ready, Integer available, Long observedGeneration) {
    }

    ReplicatedPods(ControllerKit kit, Class<T> type, String kind, String component) {
        super(component, kit);
        this.writer = Managers.controller(component);
        this.type = type;
        this.kind = kind;
        this.component = component;
    }

    protected abstract LabelSelector selector(T owner);

    protected abstract Integer replicas(T owner);

    protected abstract Integer minReadySeconds(T owner);

    protected abstract PodTemplateSpec template(T owner);

    /** The counts the owner's status holds now. */
    protected abstract Counts counts(T owner);

    /** Writes the counts into the owner's status, keeping its conditions. */
    protected abstract void setCounts(T owner, Counts counts);

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        FeedCache<T> cache = new FeedCache<>();
        owners = cache;
        return List.of(
                feed.subscribe(type, change -> {
                    cache.apply(change);
                    onOwner(change);
                }),
                feed.subscribe(Pod.class, this::onPod));
    }

    @Override
    protected void queueExisting() {
        List<T> all = replicaSets().peekAll(null, io.kubeling.registry.selection.LabelSelector.EVERYTHING);
        owners.listed(all);
        queueEach(all);
    }

    private void onOwner(Change<T> change) {
        if (!change.deleted()) {
            queue.add(key(change.object().getMetadata().getNamespace(), change.object().getMetadata().getName()));
        }
    }

    private void onPod(Change<Pod> change) {
        Pod pod = change.object();
        String ns = pod.getMetadata().getNamespace();
        boolean owned = enqueueOwner(pod);
        if (change.previous() != null && change.previous() != pod) {
            owned |= enqueueOwner(change.previous());
        }
        if (!owned && !change.deleted()) {
            // An orphan: the ReplicaSets of its namespace may adopt it.
            queueNamespace(ns);
        }
    }

    /**
     * The owners of a namespace, looked up in their cache once it is listed, as kube's handlers look in their
     * listers: a namespace without any queues nothing, rather than a sync that finds none.
     */
    private void queueNamespace(String ns) {
        FeedCache<T> cache = owners;
        if (cache.hasSynced()) {
            queueEach(cache.inNamespace(ns));
        } else {
            queue.add(NAMESPACE_KEY + ns);
        }
    }

    private boolean enqueueOwner(Pod pod) {
        OwnerReference ref = Owners.controllerOf(pod);
        if (ref != null && kind.equals(ref.getKind())) {
            queue.add(key(pod.getMetadata().getNamespace(), ref.getName()));
            return true;
        }
        return ref != null;
    }

    @Override
    protected void sync(String key) {
        if (key.startsWith(NAMESPACE_KEY)) {
            String ns = key.substring(NAMESPACE_KEY.length());
            FeedCache<T> cache = owners;
            for (T rs : cache.hasSynced() ? cache.inNamespace(ns)
                    : replicaSets().peekAll(ns, io.kubeling.registry.selection.LabelSelector.EVERYTHING)) {
                queue.add(key(ns, rs.getMetadata().getName()));
            }
            return;
        }
        int slash = key.indexOf('/');
        String ns = key.substring(0, slash);
        String name = key.substring(slash + 1);
        T rs;
        try {
            rs = replicaSets().get(ns, name);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        List<Pod> owned = claimPods(rs);
        boolean deleting = rs.getMetadata().getDeletionTimestamp() != null;
        if (!deleting) {
            owned = manage(rs, owned);
        }
        updateStatus(rs, owned);
    }

    /** The active pods the ReplicaSet controls after adopting orphans and releasing pods it no longer selects. */
    private List<Pod> claimPods(T rs) {
        ResourceStore<Pod> pods = registry.store(Pod.class);
        String ns = rs.getMetadata().getNamespace();
        boolean deleting = rs.getMetadata().getDeletionTimestamp() != null;
        List<Pod> owned = new ArrayList<>();
        for (Pod pod : pods.list(ns, ListOptions.ALL).items()) {
            boolean selected = LabelSelectors.matches(selector(rs), pod.getMetadata().getLabels());
            OwnerReference ref = Owners.controllerOf(pod);
            if (ref != null) {
                if (!Objects.equals(ref.getUid(), rs.getMetadata().getUid())) {
                    continue;
                }
                if (selected) {
                    if (PodReadiness.active(pod)) {
                        owned.add(pod);
                    }
                } else if (!deleting && pod.getMetadata().getDeletionTimestamp() == null) {
                    changeOwner(pods, pod, p -> Owners.release(p, rs.getMetadata().getUid()));
                }
            } else if (selected && !deleting && pod.getMetadata().getDeletionTimestamp() == null
                    && PodReadiness.active(pod)) {
                Pod adopted = changeOwner(pods, pod, p -> {
                    if (Owners.controllerOf(p) == null) {
                        Owners.adopt(p, rs);
                    }
                });
                if (adopted != null && Owners.controlledBy(adopted, rs)) {
                    owned.add(adopted);
                }
            }
        }
        return owned;
    }

    private Pod changeOwner(ResourceStore<Pod> pods, Pod pod, java.util.function.Consumer<Pod> change) {
        try {
            return pods.update(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), null, current -> {
                if (!Objects.equals(current.getMetadata().getUid(), pod.getMetadata().getUid())) {
                    return null;
                }
                change.accept(current);
                return current;
            }, writer).object();
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Creates or deletes pods so that {@code spec.replicas} are active; returns the pods it then has. */
    private List<Pod> manage(T rs, List<Pod> owned) {
        int want = replicas(rs) == null ? 1 : replicas(rs);
        int diff = owned.size() - want;
        List<Pod> result = new ArrayList<>(owned);
        ResourceStore<Pod> pods = registry.store(Pod.class);
        String ns = rs.getMetadata().getNamespace();
        if (diff < 0) {
            for (int i = 0; i < Math.min(-diff, BURST); i++) {
                try {
                    Pod created = pods.create(ns, podFor(rs), writer);
                    result.add(created);
                    events.record(EventRecorder.reference(rs), EventRecorder.NORMAL, "SuccessfulCreate",
                            "Created pod: " + created.getMetadata().getName(), component, null);
                } catch (StatusException e) {
                    events.record(EventRecorder.reference(rs), EventRecorder.WARNING, "FailedCreate",
                            "Error creating: " + e.getMessage(), component, null);
                    if (e.code() == 403 || e.code() == 404) {
                        break;
                    }
                    throw e;
                }
            }
        } else if (diff > 0) {
            List<Pod> victims = new ArrayList<>(owned);
            victims.sort(PodDeletionRank.order());
            for (Pod pod : victims.subList(0, Math.min(diff, BURST))) {
                try {
                    pods.delete(ns, pod.getMetadata().getName(), Managers.deleting(writer));
                } catch (StatusException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
                result.remove(pod);
                events.record(EventRecorder.reference(rs), EventRecorder.NORMAL, "SuccessfulDelete",
                        "Deleted pod: " + pod.getMetadata().getName(), component, null);
            }
        }
        return result;
    }

    private Pod podFor(T rs) {
        PodTemplateSpec template = template(rs);
        Pod pod = new Pod();
        ObjectMeta meta = new ObjectMeta();
        ObjectMeta tm = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        meta.setGenerateName(rs.getMetadata().getName() + "-");
        meta.setNamespace(rs.getMetadata().getNamespace());
        meta.setLabels(tm.getLabels() == null ? null : new HashMap<>(tm.getLabels()));
        meta.setAnnotations(tm.getAnnotations() == null ? null : new HashMap<>(tm.getAnnotations()));
        meta.setFinalizers(tm.getFinalizers() == null ? null : new ArrayList<>(tm.getFinalizers()));
        meta.setOwnerReferences(List.of(Owners.controllerReference(rs)));
        pod.setMetadata(meta);
        pod.setSpec(codec.mapper().convertValue(template.getSpec(), PodSpec.class));
        return pod;
    }

    private void updateStatus(T rs, List<Pod> pods) {
        Instant now = clock.instant();
        int minReady = minReadySeconds(rs) == null ? 0 : minReadySeconds(rs);
        Map<String, String> templateLabels = template(rs) == null || template(rs).getMetadata() == null ? Map.of()
                : Objects.requireNonNullElse(template(rs).getMetadata().getLabels(), Map.of());
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        Duration nextCheck = null;
        for (Pod pod : pods) {
            Map<String, String> labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
            if (labels.entrySet().containsAll(templateLabels.entrySet())) {
                fullyLabeled++;
            }
            if (PodReadiness.ready(pod)) {
                ready++;
                if (PodReadiness.available(pod, minReady, now)) {
                    available++;
                } else {
                    Duration wait = Duration.between(now, PodReadiness.readySince(pod).plusSeconds(minReady))
                            .plusMillis(100);
                    nextCheck = nextCheck == null || wait.compareTo(nextCheck) < 0 ? wait : nextCheck;
                }
            }
        }
        Counts status = new Counts(pods.size(), zeroToNull(fullyLabeled), zeroToNull(ready), zeroToNull(available),
                rs.getMetadata().getGeneration());
        if (!status.equals(counts(rs))) {
            try {
                replicaSets().update(rs.getMetadata().getNamespace(), rs.getMetadata().getName(), "status", current -> {
                    if (!Objects.equals(current.getMetadata().getUid(), rs.getMetadata().getUid())) {
                        return null;
                    }
                    setCounts(current, status);
                    current.getMetadata().setResourceVersion(rs.getMetadata().getResourceVersion());
                    return current;
                }, writer);
            } catch (StatusException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        if (nextCheck != null) {
            String key = key(rs.getMetadata().getNamespace(), rs.getMetadata().getName());
            timer.after(nextCheck, () -> queue.add(key));
        }
    }

    private static Integer zeroToNull(int n) {
        return n == 0 ? null : n;
    }

    private ResourceStore<T> replicaSets() {
        return registry.store(type);
    }

}

package io.kubeling.controllers.replicasets;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.Owners;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.QueuedController;
import io.kubeling.controllers.PodReadiness;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.resources.common.LabelSelectors;

/**
 * kube's ReplicaSet controller: keeps as many active pods as a ReplicaSet asks for, adopting
 * orphans its selector matches and releasing pods it no longer selects, and reports what it
 * counts in the ReplicaSet's status.
 */
@Component
class ReplicaSetController extends QueuedController {

    static final String COMPONENT = "replicaset-controller";
    private static final String NAMESPACE_KEY = "*";
    private static final int BURST = 500;

    ReplicaSetController(ControllerKit kit) {
        super("replicaset-controller", kit);
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        return List.of(
                feed.subscribe(ReplicaSet.class, this::onReplicaSet),
                feed.subscribe(Pod.class, this::onPod));
    }

    @Override
    protected void queueExisting() {
        queueEach(replicaSets().list(null, ListOptions.ALL).items());
    }

    private void onReplicaSet(Change<ReplicaSet> change) {
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
            queue.add(NAMESPACE_KEY + ns);
        }
    }

    private boolean enqueueOwner(Pod pod) {
        OwnerReference ref = Owners.controllerOf(pod);
        if (ref != null && "ReplicaSet".equals(ref.getKind())) {
            queue.add(key(pod.getMetadata().getNamespace(), ref.getName()));
            return true;
        }
        return ref != null;
    }

    @Override
    protected void sync(String key) {
        if (key.startsWith(NAMESPACE_KEY)) {
            String ns = key.substring(NAMESPACE_KEY.length());
            for (ReplicaSet rs : replicaSets().list(ns, ListOptions.ALL).items()) {
                queue.add(key(ns, rs.getMetadata().getName()));
            }
            return;
        }
        int slash = key.indexOf('/');
        String ns = key.substring(0, slash);
        String name = key.substring(slash + 1);
        ReplicaSet rs;
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
    private List<Pod> claimPods(ReplicaSet rs) {
        ResourceStore<Pod> pods = registry.store(Pod.class);
        String ns = rs.getMetadata().getNamespace();
        boolean deleting = rs.getMetadata().getDeletionTimestamp() != null;
        List<Pod> owned = new ArrayList<>();
        for (Pod pod : pods.list(ns, ListOptions.ALL).items()) {
            boolean selected = LabelSelectors.matches(rs.getSpec().getSelector(), pod.getMetadata().getLabels());
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

    private static Pod changeOwner(ResourceStore<Pod> pods, Pod pod, java.util.function.Consumer<Pod> change) {
        try {
            return pods.update(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), null, current -> {
                if (!Objects.equals(current.getMetadata().getUid(), pod.getMetadata().getUid())) {
                    return null;
                }
                change.accept(current);
                return current;
            }, Managers.CONTROLLER_MANAGER).object();
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** Creates or deletes pods so that {@code spec.replicas} are active; returns the pods it then has. */
    private List<Pod> manage(ReplicaSet rs, List<Pod> owned) {
        int want = rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
        int diff = owned.size() - want;
        List<Pod> result = new ArrayList<>(owned);
        ResourceStore<Pod> pods = registry.store(Pod.class);
        String ns = rs.getMetadata().getNamespace();
        if (diff < 0) {
            for (int i = 0; i < Math.min(-diff, BURST); i++) {
                try {
                    Pod created = pods.create(ns, podFor(rs), Managers.CONTROLLER_MANAGER);
                    result.add(created);
                    events.record(EventRecorder.reference(rs), EventRecorder.NORMAL, "SuccessfulCreate",
                            "Created pod: " + created.getMetadata().getName(), COMPONENT, null);
                } catch (StatusException e) {
                    events.record(EventRecorder.reference(rs), EventRecorder.WARNING, "FailedCreate",
                            "Error creating: " + e.getMessage(), COMPONENT, null);
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
                    pods.delete(ns, pod.getMetadata().getName(), DeleteOptions.DEFAULT);
                } catch (StatusException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
                result.remove(pod);
                events.record(EventRecorder.reference(rs), EventRecorder.NORMAL, "SuccessfulDelete",
                        "Deleted pod: " + pod.getMetadata().getName(), COMPONENT, null);
            }
        }
        return result;
    }

    private Pod podFor(ReplicaSet rs) {
        PodTemplateSpec template = rs.getSpec().getTemplate();
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

    private void updateStatus(ReplicaSet rs, List<Pod> pods) {
        Instant now = clock.instant();
        int minReady = rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
        Map<String, String> templateLabels = rs.getSpec().getTemplate().getMetadata() == null ? Map.of()
                : Objects.requireNonNullElse(rs.getSpec().getTemplate().getMetadata().getLabels(), Map.of());
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
        ReplicaSetStatus status = new ReplicaSetStatus();
        status.setReplicas(pods.size());
        status.setFullyLabeledReplicas(zeroToNull(fullyLabeled));
        status.setReadyReplicas(zeroToNull(ready));
        status.setAvailableReplicas(zeroToNull(available));
        status.setObservedGeneration(rs.getMetadata().getGeneration());
        ReplicaSetStatus old = rs.getStatus();
        status.setConditions(old == null ? List.of() : old.getConditions());
        if (!status.equals(old)) {
            try {
                replicaSets().update(rs.getMetadata().getNamespace(), rs.getMetadata().getName(), "status", current -> {
                    if (!Objects.equals(current.getMetadata().getUid(), rs.getMetadata().getUid())) {
                        return null;
                    }
                    status.setConditions(current.getStatus() == null ? List.of() : current.getStatus().getConditions());
                    current.setStatus(status);
                    current.getMetadata().setResourceVersion(rs.getMetadata().getResourceVersion());
                    return current;
                }, Managers.CONTROLLER_MANAGER);
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

    private ResourceStore<ReplicaSet> replicaSets() {
        return registry.store(ReplicaSet.class);
    }

}

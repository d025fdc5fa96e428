package io.kubeling.controllers.statefulsets;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.Owners;
import io.kubeling.controllers.PodReadiness;
import io.kubeling.controllers.QueuedController;
import io.kubeling.controllers.history.ControllerHistory;
import io.kubeling.controllers.history.RevisionHash;
import io.kubeling.controllers.FeedCache;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.resources.common.IntOrPercent;
import io.kubeling.resources.common.LabelSelectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube's StatefulSet controller: pods named {@code <set>-<ordinal>} with a stable hostname, created in order and
 * each Running and Ready before the next (or all at once under {@code Parallel}), removed from the highest
 * ordinal down, their claims made from the volumeClaimTemplates; a ControllerRevision per template, pods rolled
 * from the highest ordinal down to the partition (at most maxUnavailable at a time) or left for the user to delete
 * under {@code OnDelete}; and the counts and revisions of the set's status.
 */
@Component
class StatefulSetController extends QueuedController {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("statefulset-controller");

    static final String COMPONENT = "statefulset-controller";
    private static final String NAMESPACE_KEY = "*";

    private final ControllerHistory history;
    /** The sets, kept from their feed, which an orphan's change looks through: an informer's cache. */
    private volatile FeedCache<StatefulSet> known = new FeedCache<>();
    private final PersistentClaims claims;

    StatefulSetController(ControllerKit kit) {
        super("statefulset-controller", kit);
        this.history = new ControllerHistory(kit.registry(), kit.codec().mapper(), WRITER);
        this.claims = new PersistentClaims(kit.registry(), kit.codec().mapper(), kit.events());
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        FeedCache<StatefulSet> cache = new FeedCache<>();
        known = cache;
        return List.of(
                feed.subscribe(StatefulSet.class, change -> {
                    cache.apply(change);
                    onSet(change);
                }),
                feed.subscribe(Pod.class, this::onPod),
                feed.subscribe(ControllerRevision.class, this::onRevision));
    }

    @Override
    protected void queueExisting() {
        List<StatefulSet> all = sets().peekAll(null, io.kubeling.registry.selection.LabelSelector.EVERYTHING);
        known.listed(all);
        queueEach(all);
    }

    private void onSet(Change<StatefulSet> change) {
        if (!change.deleted()) {
            queue.add(key(change.object().getMetadata().getNamespace(), change.object().getMetadata().getName()));
        }
    }

    private void onPod(Change<Pod> change) {
        Pod pod = change.object();
        boolean owned = enqueueOwner(pod);
        if (change.previous() != null && change.previous() != pod) {
            owned |= enqueueOwner(change.previous());
        }
        if (!owned && !change.deleted()) {
            queueNamespace(pod.getMetadata().getNamespace());
        }
    }

    /**
     * The sets of an orphan's namespace, looked up in their cache once it is listed, as kube's handlers look in
     * their listers: a namespace without any queues nothing, rather than a sync that finds none.
     */
    private void queueNamespace(String ns) {
        FeedCache<StatefulSet> cache = known;
        if (cache.hasSynced()) {
            queueEach(cache.inNamespace(ns));
        } else {
            queue.add(NAMESPACE_KEY + ns);
        }
    }

    private void onRevision(Change<ControllerRevision> change) {
        if (change.deleted()) {
            enqueueOwner(change.object());
        }
    }

    private boolean enqueueOwner(io.fabric8.kubernetes.api.model.HasMetadata object) {
        OwnerReference ref = Owners.controllerOf(object);
        if (ref != null && "StatefulSet".equals(ref.getKind())) {
            queue.add(key(object.getMetadata().getNamespace(), ref.getName()));
        }
        return ref != null;
    }

    @Override
    protected void sync(String key) {
        if (key.startsWith(NAMESPACE_KEY)) {
            String ns = key.substring(NAMESPACE_KEY.length());
            FeedCache<StatefulSet> cache = known;
            (cache.hasSynced() ? cache.inNamespace(ns)
                    : sets().peekAll(ns, io.kubeling.registry.selection.LabelSelector.EVERYTHING))
                    .forEach(s -> queue.add(key(ns, s.getMetadata().getName())));
            return;
        }
        String[] parts = key.split("/", 2);
        StatefulSet set;
        try {
            set = sets().get(parts[0], parts[1]);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        if (set.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        if (set.getSpec().getSelector() == null || LabelSelectors.isEmpty(set.getSpec().getSelector())) {
            return;
        }
        try {
            new Sync(set).run();
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    /** One sync of one StatefulSet (StatefulSetControl.UpdateStatefulSet). */
    private final class Sync {

        private final StatefulSet set;
        private final String ns;
        private final Instant now = clock.instant();
        private int collisionCount;

        Sync(StatefulSet set) {
            this.set = set;
            this.ns = set.getMetadata().getNamespace();
            StatefulSetStatus status = set.getStatus();
            this.collisionCount = status == null || status.getCollisionCount() == null ? 0 : status.getCollisionCount();
        }

        void run() {
            List<Pod> pods = claimPods();
            List<ControllerRevision> revisions = history.claim(set, set.getSpec().getSelector());
            ControllerRevision update = updateRevision(revisions);
            ControllerRevision current = currentRevision(revisions, update);
            StatefulSetStatus status = manage(current, update, pods);
            writeStatus(status);
            truncateHistory(current, update);
        }

        // ---- pods

        private List<Pod> claimPods() {
            ResourceStore<Pod> store = registry.store(Pod.class);
            String uid = set.getMetadata().getUid();
            List<Pod> owned = new ArrayList<>();
            for (Pod pod : store.list(ns, ListOptions.ALL).items()) {
                boolean selected = LabelSelectors.matches(set.getSpec().getSelector(), pod.getMetadata().getLabels());
                OwnerReference ref = Owners.controllerOf(pod);
                if (ref != null) {
                    if (!Objects.equals(ref.getUid(), uid)) {
                        continue;
                    }
                    if (selected) {
                        owned.add(pod);
                    } else if (pod.getMetadata().getDeletionTimestamp() == null) {
                        changePod(pod, p -> Owners.release(p, uid));
                    }
                } else if (selected && pod.getMetadata().getDeletionTimestamp() == null
                        && StatefulPods.memberOf(set, pod)) {
                    Pod adopted = changePod(pod, p -> {
                        if (Owners.controllerOf(p) == null) {
                            Owners.adopt(p, set);
                        }
                    });
                    if (adopted != null && Owners.controlledBy(adopted, set)) {
                        owned.add(adopted);
                    }
                }
            }
            owned.removeIf(p -> !StatefulPods.memberOf(set, p));
            return owned;
        }

        private Pod changePod(Pod pod, java.util.function.Consumer<Pod> change) {
            try {
                return registry.store(Pod.class).update(ns, pod.getMetadata().getName(), null, current -> {
                    if (!Objects.equals(current.getMetadata().getUid(), pod.getMetadata().getUid())) {
                        return null;
                    }
                    change.accept(current);
                    return current;
                }, WRITER).object();
            } catch (StatusException e) {
                if (e.code() == 404) {
                    return null;
                }
                throw e;
            }
        }

        // ---- revisions

        private ControllerRevision updateRevision(List<ControllerRevision> revisions) {
            JsonNode data = history.patchOf(set.getSpec().getTemplate());
            long next = ControllerHistory.nextRevision(revisions);
            List<ControllerRevision> equal = revisions.stream().filter(r -> history.sameData(r, data)).toList();
            if (!equal.isEmpty()) {
                ControllerRevision last = equal.get(equal.size() - 1);
                if (Objects.equals(last.getRevision(), revisions.get(revisions.size() - 1).getRevision())) {
                    return last;
                }
                return history.renumber(last, next);
            }
            ControllerRevision created = history.newRevision(set, data, next);
            rename(created, collisionCount, data);
            return history.create(created, () -> ++collisionCount, (r, count) -> rename(r, count, data));
        }

        private void rename(ControllerRevision revision, int count, JsonNode data) {
            String hash = RevisionHash.of(history.bytes(data), count);
            var labels = set.getSpec().getTemplate().getMetadata() == null ? null
                    : set.getSpec().getTemplate().getMetadata().getLabels();
            revision.getMetadata().setName(ControllerHistory.name(set, hash));
            revision.getMetadata().setLabels(ControllerHistory.withLabel(labels, ControllerHistory.HASH_LABEL, hash));
        }

        private ControllerRevision currentRevision(List<ControllerRevision> revisions, ControllerRevision update) {
            String name = set.getStatus() == null ? null : set.getStatus().getCurrentRevision();
            for (ControllerRevision r : revisions) {
                if (r.getMetadata().getName().equals(name)) {
                    return r;
                }
            }
            return update;
        }

        private PodTemplateSpec templateOf(ControllerRevision revision) {
            JsonNode template = history.dataOf(revision).path("spec").path("template");
            ObjectNode copy = template.isObject() ? ((ObjectNode) template).deepCopy() : codec.mapper().createObjectNode();
            copy.remove("$patch");
            return codec.mapper().treeToValue(copy, PodTemplateSpec.class);
        }

        // ---- pods to create, delete and update

        private StatefulSetStatus manage(ControllerRevision current, ControllerRevision update, List<Pod> pods) {
            int replicaCount = StatefulPods.replicas(set);
            int start = StatefulPods.startOrdinal(set);
            int minReady = set.getSpec().getMinReadySeconds() == null ? 0 : set.getSpec().getMinReadySeconds();
            boolean monotonic = !"Parallel".equals(set.getSpec().getPodManagementPolicy());
            String currentName = current.getMetadata().getName();
            String updateName = update.getMetadata().getName();

            Pod[] replicas = new Pod[replicaCount];
            List<Pod> condemned = new ArrayList<>();
            for (Pod pod : pods) {
                int ord = StatefulPods.ordinal(pod);
                if (ord >= start && ord < start + replicaCount) {
                    replicas[ord - start] = pod;
                } else if (ord >= 0) {
                    condemned.add(pod);
                }
            }
            condemned.sort(Comparator.comparingInt(StatefulPods::ordinal));
            Counts counts = Counts.of(pods, minReady, now, currentName, updateName);
            scheduleAvailabilityCheck(pods, minReady);

            int partition = partition();
            boolean blocked = false;
            for (int i = 0; i < replicaCount && !blocked; i++) {
                Pod pod = replicas[i];
                int ordinal = start + i;
                if (pod != null && StatefulPods.finished(pod) && !StatefulPods.terminating(pod)) {
                    events.record(EventRecorder.reference(set), EventRecorder.WARNING, "RecreatingFailedPod",
                            "StatefulSet " + ns + "/" + set.getMetadata().getName() + " is recreating "
                                    + PodReadiness.phase(pod).toLowerCase() + " Pod " + pod.getMetadata().getName(),
                            COMPONENT, null);
                    deletePod(pod);
                    replicas[i] = null;
                    blocked = monotonic;
                    continue;
                }
                if (pod == null) {
                    boolean old = ordinal < start + partition && !"OnDelete".equals(strategyType());
                    if (!createPod(old ? current : update, old ? currentName : updateName, ordinal)) {
                        blocked = true;
                        continue;
                    }
                    blocked = monotonic;
                    continue;
                }
                if (StatefulPods.terminating(pod)) {
                    blocked = monotonic;
                    continue;
                }
                if (!StatefulPods.runningAndAvailable(pod, minReady, now) && monotonic) {
                    blocked = true;
                }
            }
            if (blocked) {
                return counts.status();
            }

            Pod firstUnhealthy = null;
            for (Pod pod : replicas) {
                if (pod != null && !StatefulPods.healthy(pod)) {
                    firstUnhealthy = pod;
                    break;
                }
            }
            if (firstUnhealthy == null) {
                for (Pod pod : condemned) {
                    if (!StatefulPods.healthy(pod)) {
                        firstUnhealthy = pod;
                        break;
                    }
                }
            }
            for (int target = condemned.size() - 1; target >= 0; target--) {
                Pod pod = condemned.get(target);
                if (StatefulPods.terminating(pod)) {
                    if (monotonic) {
                        return counts.status();
                    }
                    continue;
                }
                if (!StatefulPods.runningAndReady(pod) && monotonic && pod != firstUnhealthy) {
                    return counts.status();
                }
                claims.releaseWithPod(set, pod, StatefulPods.ordinal(pod));
                deletePod(pod);
                counts.removed(pod);
                if (monotonic) {
                    return counts.status();
                }
            }

            if (!"RollingUpdate".equals(strategyType())) {
                return counts.status();
            }
            int maxUnavailable = maxUnavailable(replicaCount);
            int unavailable = 0;
            for (int i = partition; i < replicaCount; i++) {
                Pod pod = replicas[i];
                if (pod == null || StatefulPods.terminating(pod)
                        || !StatefulPods.runningAndAvailable(pod, minReady, now)) {
                    unavailable++;
                }
            }
            for (int i = replicaCount - 1; i >= partition && unavailable < maxUnavailable; i--) {
                Pod pod = replicas[i];
                if (pod != null && !updateName.equals(StatefulPods.revision(pod)) && !StatefulPods.terminating(pod)) {
                    deletePod(pod);
                    counts.removed(pod);
                    if (StatefulPods.runningAndAvailable(pod, minReady, now)) {
                        unavailable++;
                    }
                }
            }
            return counts.status();
        }

        private String strategyType() {
            return set.getSpec().getUpdateStrategy() == null ? "RollingUpdate"
                    : Objects.toString(set.getSpec().getUpdateStrategy().getType(), "RollingUpdate");
        }

        private int partition() {
            RollingUpdateStatefulSetStrategy rolling = set.getSpec().getUpdateStrategy() == null ? null
                    : set.getSpec().getUpdateStrategy().getRollingUpdate();
            int p = rolling == null || rolling.getPartition() == null ? 0 : rolling.getPartition();
            return Math.max(0, Math.min(p, StatefulPods.replicas(set)));
        }

        /** maxUnavailable of the replicas, rounded down, at least 1 (1 when unset). */
        private int maxUnavailable(int replicaCount) {
            RollingUpdateStatefulSetStrategy rolling = set.getSpec().getUpdateStrategy().getRollingUpdate();
            if (rolling == null || rolling.getMaxUnavailable() == null) {
                return 1;
            }
            return Math.max(1, IntOrPercent.scaled(rolling.getMaxUnavailable(), replicaCount, false));
        }

        private boolean createPod(ControllerRevision revision, String revisionName, int ordinal) {
            if (!claims.ensure(set, ordinal)) {
                return false;
            }
            Pod pod = podFor(templateOf(revision), revisionName, ordinal);
            try {
                registry.store(Pod.class).create(ns, pod, WRITER);
                events.record(EventRecorder.reference(set), EventRecorder.NORMAL, "SuccessfulCreate",
                        "create Pod " + pod.getMetadata().getName() + " in StatefulSet " + set.getMetadata().getName()
                                + " successful", COMPONENT, null);
                return true;
            } catch (StatusException e) {
                if (e.code() == 409) {
                    return false;
                }
                events.record(EventRecorder.reference(set), EventRecorder.WARNING, "FailedCreate",
                        "create Pod " + pod.getMetadata().getName() + " in StatefulSet " + set.getMetadata().getName()
                                + " failed error: " + e.getMessage(), COMPONENT, null);
                if (e.code() == 403 || e.code() == 422) {
                    return false;
                }
                throw e;
            }
        }

        /** newVersionedStatefulSetPod: the revision's template with the set's identity and storage. */
        private Pod podFor(PodTemplateSpec template, String revisionName, int ordinal) {
            Pod pod = new Pod();
            ObjectMeta meta = new ObjectMeta();
            ObjectMeta tm = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
            meta.setLabels(ControllerHistory.withLabel(tm.getLabels(), StatefulPods.REVISION_LABEL, revisionName));
            meta.setAnnotations(tm.getAnnotations() == null ? null : new HashMap<>(tm.getAnnotations()));
            meta.setFinalizers(tm.getFinalizers() == null ? null : new ArrayList<>(tm.getFinalizers()));
            meta.setOwnerReferences(List.of(Owners.controllerReference(set)));
            pod.setMetadata(meta);
            pod.setSpec(codec.mapper().convertValue(template.getSpec(), PodSpec.class));
            StatefulPods.setIdentity(set, pod, ordinal);
            StatefulPods.setStorage(set, pod, ordinal);
            return pod;
        }

        private void deletePod(Pod pod) {
            try {
                registry.store(Pod.class).delete(ns, pod.getMetadata().getName(),
                        Managers.deleting(WRITER, new DeleteOptions(false, null, pod.getMetadata().getUid(), null, null)));
                events.record(EventRecorder.reference(set), EventRecorder.NORMAL, "SuccessfulDelete",
                        "delete Pod " + pod.getMetadata().getName() + " in StatefulSet " + set.getMetadata().getName()
                                + " successful", COMPONENT, null);
            } catch (StatusException e) {
                if (e.code() != 404 && e.code() != 409) {
                    throw e;
                }
            }
        }

        private void scheduleAvailabilityCheck(List<Pod> pods, int minReady) {
            if (minReady <= 0) {
                return;
            }
            Duration next = null;
            for (Pod pod : pods) {
                if (StatefulPods.runningAndReady(pod) && !PodReadiness.available(pod, minReady, now)) {
                    Duration wait = Duration.between(now, PodReadiness.readySince(pod).plusSeconds(minReady))
                            .plusMillis(100);
                    next = next == null || wait.compareTo(next) < 0 ? wait : next;
                }
            }
            if (next != null) {
                String key = key(ns, set.getMetadata().getName());
                timer.after(next, () -> queue.add(key));
            }
        }

        // ---- status and history

        private void writeStatus(StatefulSetStatus status) {
            status.setObservedGeneration(set.getMetadata().getGeneration());
            status.setCollisionCount(collisionCount);
            int replicas = n(status.getReplicas());
            if ("RollingUpdate".equals(strategyType()) && n(status.getUpdatedReplicas()) == replicas
                    && n(status.getReadyReplicas()) == replicas) {
                status.setCurrentReplicas(status.getUpdatedReplicas());
                status.setCurrentRevision(status.getUpdateRevision());
            }
            StatefulSetStatus old = set.getStatus();
            status.setConditions(old == null ? List.of() : old.getConditions());
            if (status.equals(old)) {
                return;
            }
            sets().update(ns, set.getMetadata().getName(), "status", latest -> {
                if (!Objects.equals(latest.getMetadata().getUid(), set.getMetadata().getUid())) {
                    return null;
                }
                status.setConditions(latest.getStatus() == null ? List.of() : latest.getStatus().getConditions());
                latest.setStatus(status);
                latest.getMetadata().setResourceVersion(set.getMetadata().getResourceVersion());
                return latest;
            }, WRITER);
        }

        private void truncateHistory(ControllerRevision current, ControllerRevision update) {
            Set<String> live = new HashSet<>();
            live.add(current.getMetadata().getName());
            live.add(update.getMetadata().getName());
            for (Pod pod : registry.store(Pod.class).list(ns, ListOptions.ALL).items()) {
                if (Owners.controlledBy(pod, set) && StatefulPods.revision(pod) != null) {
                    live.add(StatefulPods.revision(pod));
                }
            }
            int limit = set.getSpec().getRevisionHistoryLimit() == null ? 10 : set.getSpec().getRevisionHistoryLimit();
            history.truncate(history.claim(set, set.getSpec().getSelector()), live, limit);
        }
    }

    private static int n(Integer value) {
        return value == null ? 0 : value;
    }

    private ResourceStore<StatefulSet> sets() {
        return registry.store(StatefulSet.class);
    }
}

package io.kubeling.controllers.deployments;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.Owners;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.QueuedController;
import io.kubeling.controllers.PodReadiness;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.Timestamps;
import io.kubeling.resources.common.LabelSelectors;

/**
 * kube's deployment controller: one ReplicaSet per pod template, named after the template's hash,
 * scaled within maxSurge and maxUnavailable (or all down, then up, for Recreate), with the revision
 * annotations kubectl's rollout commands read, and the Progressing and Available conditions.
 */
@Component
class DeploymentController extends QueuedController {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("deployment-controller");

    static final String COMPONENT = "deployment-controller";
    static final String HASH_LABEL = "pod-template-hash";
    private static final String NAMESPACE_KEY = "*";
    private static final String REPLICA_SET_KEY = "rs:";

    DeploymentController(ControllerKit kit) {
        super("deployment-controller", kit);
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        return List.of(
                feed.subscribe(Deployment.class, this::onDeployment),
                feed.subscribe(ReplicaSet.class, this::onReplicaSet),
                feed.subscribe(Pod.class, this::onPod));
    }

    @Override
    protected void queueExisting() {
        queueEach(deployments().list(null, ListOptions.ALL).items());
    }

    // ---- what gets queued

    private void onDeployment(Change<Deployment> change) {
        if (!change.deleted()) {
            queue.add(key(change.object().getMetadata().getNamespace(), change.object().getMetadata().getName()));
        }
    }

    private void onReplicaSet(Change<ReplicaSet> change) {
        String ns = change.object().getMetadata().getNamespace();
        OwnerReference ref = Owners.controllerOf(change.object());
        if (ref != null) {
            if ("Deployment".equals(ref.getKind())) {
                queue.add(key(ns, ref.getName()));
            }
        } else if (!change.deleted()) {
            queue.add(NAMESPACE_KEY + ns);
        }
        if (change.previous() != null) {
            OwnerReference before = Owners.controllerOf(change.previous());
            if (before != null && "Deployment".equals(before.getKind())) {
                queue.add(key(ns, before.getName()));
            }
        }
    }

    /** Recreate waits for the old pods to be gone, so a pod's deletion matters to its ReplicaSet's owner. */
    private void onPod(Change<Pod> change) {
        if (!change.deleted()) {
            return;
        }
        OwnerReference ref = Owners.controllerOf(change.object());
        if (ref != null && "ReplicaSet".equals(ref.getKind())) {
            queue.add(REPLICA_SET_KEY + key(change.object().getMetadata().getNamespace(), ref.getName()));
        }
    }

    // ---- sync

    @Override
    protected void sync(String key) {
        if (key.startsWith(NAMESPACE_KEY)) {
            String ns = key.substring(NAMESPACE_KEY.length());
            deployments().list(ns, ListOptions.ALL).items()
                    .forEach(d -> queue.add(key(ns, d.getMetadata().getName())));
            return;
        }
        if (key.startsWith(REPLICA_SET_KEY)) {
            String[] parts = key.substring(REPLICA_SET_KEY.length()).split("/", 2);
            try {
                OwnerReference ref = Owners.controllerOf(replicaSets().get(parts[0], parts[1]));
                if (ref != null && "Deployment".equals(ref.getKind())) {
                    queue.add(key(parts[0], ref.getName()));
                }
            } catch (StatusException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
            return;
        }
        String[] parts = key.split("/", 2);
        Deployment d;
        try {
            d = deployments().get(parts[0], parts[1]);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        try {
            new Rollout(d).run();
        } catch (StatusException e) {
            // Deleted while syncing: nothing left to do.
            if (e.code() != 404 || deploymentExists(parts[0], parts[1])) {
                throw e;
            }
        }
    }

    private boolean deploymentExists(String ns, String name) {
        try {
            deployments().get(ns, name);
            return true;
        } catch (StatusException e) {
            if (e.code() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** One sync of one Deployment. */
    private final class Rollout {

        private Deployment d;
        private final String ns;
        private List<ReplicaSet> all;
        private ReplicaSet newRS;
        private List<ReplicaSet> oldRSs;

        Rollout(Deployment d) {
            this.d = d;
            this.ns = d.getMetadata().getNamespace();
            if (d.getStatus() == null) {
                d.setStatus(new DeploymentStatus());
            }
        }

        void run() {
            all = claimReplicaSets();
            if (d.getMetadata().getDeletionTimestamp() != null) {
                findReplicaSets();
                syncStatus();
                return;
            }
            if (LabelSelectors.isEmpty(d.getSpec().getSelector())) {
                events.record(EventRecorder.reference(d), EventRecorder.WARNING, "SelectingAll",
                        "This deployment is selecting all pods. A non-empty selector is required.", COMPONENT, null);
                return;
            }
            checkPausedConditions();
            if (Boolean.TRUE.equals(d.getSpec().getPaused()) || isScalingEvent()) {
                syncOnly();
                return;
            }
            if (RolloutMath.rollingUpdate(d)) {
                rolloutRolling();
            } else {
                rolloutRecreate();
            }
        }

        // ---- replica sets

        private List<ReplicaSet> claimReplicaSets() {
            List<ReplicaSet> owned = new ArrayList<>();
            boolean deleting = d.getMetadata().getDeletionTimestamp() != null;
            for (ReplicaSet rs : replicaSets().list(ns, ListOptions.ALL).items()) {
                boolean selected = LabelSelectors.matches(d.getSpec().getSelector(), rs.getMetadata().getLabels());
                OwnerReference ref = Owners.controllerOf(rs);
                if (ref != null) {
                    if (!Objects.equals(ref.getUid(), d.getMetadata().getUid())) {
                        continue;
                    }
                    if (selected || deleting) {
                        owned.add(rs);
                    } else if (rs.getMetadata().getDeletionTimestamp() == null) {
                        changeReplicaSet(rs, r -> Owners.release(r, d.getMetadata().getUid()));
                    }
                } else if (selected && !deleting && rs.getMetadata().getDeletionTimestamp() == null) {
                    ReplicaSet adopted = changeReplicaSet(rs, r -> {
                        if (Owners.controllerOf(r) == null) {
                            Owners.adopt(r, d);
                        }
                    });
                    if (adopted != null && Owners.controlledBy(adopted, d)) {
                        owned.add(adopted);
                    }
                }
            }
            return owned;
        }

        /** Splits the owned sets into the one whose template is the deployment's and the others. */
        private void findReplicaSets() {
            List<ReplicaSet> sorted = new ArrayList<>(all);
            sorted.sort(Comparator.comparing((ReplicaSet rs) -> Timestamps.parse(rs.getMetadata().getCreationTimestamp()))
                    .thenComparing(rs -> rs.getMetadata().getName()));
            newRS = null;
            for (ReplicaSet rs : sorted) {
                if (sameTemplate(rs.getSpec().getTemplate(), d.getSpec().getTemplate())) {
                    newRS = rs;
                    break;
                }
            }
            oldRSs = new ArrayList<>(all);
            if (newRS != null) {
                oldRSs.remove(newRS);
            }
        }

        private List<ReplicaSet> allSets() {
            List<ReplicaSet> sets = new ArrayList<>(oldRSs);
            if (newRS != null) {
                sets.add(newRS);
            }
            return sets;
        }

        /** getAllReplicaSetsAndSyncRevision. */
        private void syncRevision(boolean create) {
            findReplicaSets();
            long newRevision = Revisions.maxOf(oldRSs) + 1;
            Instant now = clock.instant();
            if (newRS != null) {
                ReplicaSet copy = codec.copy(newRS);
                boolean changed = Revisions.setNewReplicaSetAnnotations(d, copy, newRevision, true);
                boolean minReadyChanged = !Objects.equals(copy.getSpec().getMinReadySeconds(),
                        d.getSpec().getMinReadySeconds());
                if (changed || minReadyChanged) {
                    Map<String, String> annotations = copy.getMetadata().getAnnotations();
                    Integer minReady = d.getSpec().getMinReadySeconds();
                    newRS = replaceInAll(newRS, changeReplicaSet(newRS, r -> {
                        r.getMetadata().setAnnotations(annotations);
                        r.getSpec().setMinReadySeconds(minReady);
                    }));
                }
                boolean needsUpdate = setDeploymentRevision(Revisions.annotations(newRS).get(Revisions.REVISION));
                DeploymentStatus status = d.getStatus();
                if (hasProgressDeadline() && Conditions.get(status, Conditions.PROGRESSING) == null) {
                    Conditions.set(status, Conditions.condition(Conditions.PROGRESSING, "True", "FoundNewReplicaSet",
                            "Found new replica set \"" + newRS.getMetadata().getName() + "\"", now));
                    needsUpdate = true;
                }
                if (needsUpdate) {
                    writeStatus(status);
                }
                return;
            }
            if (!create) {
                return;
            }
            createNewReplicaSet(newRevision, now);
        }

        private void createNewReplicaSet(long newRevision, Instant now) {
            Integer collisions = d.getStatus().getCollisionCount();
            String hash = TemplateHash.of(codec.mapper(), d.getSpec().getTemplate(), collisions);
            PodTemplateSpec template = codec.mapper().convertValue(d.getSpec().getTemplate(), PodTemplateSpec.class);
            Map<String, String> labels = new HashMap<>(Objects.requireNonNullElse(template.getMetadata().getLabels(),
                    Map.of()));
            labels.put(HASH_LABEL, hash);
            template.getMetadata().setLabels(labels);
            LabelSelector selector = codec.mapper().convertValue(d.getSpec().getSelector(), LabelSelector.class);
            Map<String, String> matchLabels = new HashMap<>(Objects.requireNonNullElse(selector.getMatchLabels(), Map.of()));
            matchLabels.put(HASH_LABEL, hash);
            selector.setMatchLabels(matchLabels);

            ReplicaSet rs = new ReplicaSet();
            ObjectMeta meta = new ObjectMeta();
            meta.setName(d.getMetadata().getName() + "-" + hash);
            meta.setNamespace(ns);
            meta.setLabels(new HashMap<>(labels));
            meta.setOwnerReferences(List.of(Owners.controllerReference(d)));
            rs.setMetadata(meta);
            ReplicaSetSpec spec = new ReplicaSetSpec();
            spec.setReplicas(0);
            spec.setMinReadySeconds(d.getSpec().getMinReadySeconds());
            spec.setSelector(selector);
            spec.setTemplate(template);
            rs.setSpec(spec);
            List<ReplicaSet> withNew = new ArrayList<>(oldRSs);
            withNew.add(rs);
            int replicas = newReplicaCount(rs, withNew);
            spec.setReplicas(replicas);
            Revisions.setNewReplicaSetAnnotations(d, rs, newRevision, false);

            ReplicaSet created;
            try {
                created = replicaSets().create(ns, rs, WRITER);
            } catch (StatusException e) {
                if (e.code() != 409) {
                    throw e;
                }
                ReplicaSet existing = replicaSets().get(ns, meta.getName());
                if (Owners.controlledBy(existing, d) && sameTemplate(existing.getSpec().getTemplate(),
                        d.getSpec().getTemplate())) {
                    newRS = existing;
                    return;
                }
                // A hash collision: count it, which changes the hash the next sync computes.
                DeploymentStatus status = d.getStatus();
                status.setCollisionCount(collisions == null ? 1 : collisions + 1);
                writeStatus(status);
                throw e;
            }
            newRS = created;
            if (replicas > 0) {
                events.record(EventRecorder.reference(d), EventRecorder.NORMAL, "ScalingReplicaSet",
                        "Scaled up replica set " + created.getMetadata().getName() + " to " + replicas + " from 0",
                        COMPONENT, null);
            }
            setDeploymentRevision(Long.toString(newRevision));
            DeploymentStatus status = d.getStatus();
            if (hasProgressDeadline()) {
                Conditions.set(status, Conditions.condition(Conditions.PROGRESSING, "True", "NewReplicaSetCreated",
                        "Created new replica set \"" + created.getMetadata().getName() + "\"", now));
            }
            writeStatus(status);
        }

        private int newReplicaCount(ReplicaSet rs, List<ReplicaSet> sets) {
            if (!RolloutMath.rollingUpdate(d)) {
                return RolloutMath.replicas(d);
            }
            int current = RolloutMath.specSum(sets);
            int maxTotal = RolloutMath.replicas(d) + RolloutMath.maxSurge(d);
            if (current >= maxTotal) {
                return RolloutMath.replicas(rs);
            }
            int scaleUp = Math.min(maxTotal - current, RolloutMath.replicas(d) - RolloutMath.replicas(rs));
            return RolloutMath.replicas(rs) + scaleUp;
        }

        private boolean setDeploymentRevision(String revision) {
            if (revision == null || revision.equals(Revisions.annotations(d).get(Revisions.REVISION))) {
                return false;
            }
            Revisions.annotations(d).put(Revisions.REVISION, revision);
            return true;
        }

        // ---- strategies

        private void rolloutRolling() {
            syncRevision(true);
            if (reconcileNewReplicaSet() || reconcileOldReplicaSets()) {
                syncRolloutStatus();
                return;
            }
            if (complete(calculateStatus())) {
                cleanup();
            }
            syncRolloutStatus();
        }

        private boolean reconcileNewReplicaSet() {
            if (newRS == null) {
                return false;
            }
            int desired = RolloutMath.replicas(d);
            int current = RolloutMath.replicas(newRS);
            if (current == desired) {
                return false;
            }
            if (current > desired) {
                return scale(newRS, desired);
            }
            return scale(newRS, newReplicaCount(newRS, allSets()));
        }

        private boolean reconcileOldReplicaSets() {
            int oldPods = RolloutMath.specSum(oldRSs);
            if (oldPods == 0) {
                return false;
            }
            // Counts from ReplicaSets whose controller has not caught up would overstate availability.
            if (!allSets().stream().allMatch(DeploymentController::synced)) {
                return false;
            }
            int allPods = RolloutMath.specSum(allSets());
            int minAvailable = RolloutMath.replicas(d) - RolloutMath.maxUnavailable(d);
            int newUnavailable = newRS == null ? 0 : RolloutMath.replicas(newRS) - RolloutMath.available(newRS);
            int maxScaledDown = allPods - minAvailable - newUnavailable;
            if (maxScaledDown <= 0) {
                return false;
            }
            List<ReplicaSet> byAge = new ArrayList<>(oldRSs);
            byAge.sort(Comparator.comparing((ReplicaSet rs) -> Timestamps.parse(rs.getMetadata().getCreationTimestamp()))
                    .thenComparing(rs -> rs.getMetadata().getName()));
            int cleaned = 0;
            boolean scaled = false;
            for (int i = 0; i < byAge.size(); i++) {
                ReplicaSet rs = byAge.get(i);
                if (cleaned >= maxScaledDown) {
                    break;
                }
                int replicas = RolloutMath.replicas(rs);
                if (replicas == 0) {
                    continue;
                }
                int unhealthy = replicas - RolloutMath.available(rs);
                if (unhealthy <= 0) {
                    continue;
                }
                int down = Math.min(maxScaledDown - cleaned, unhealthy);
                scaled |= scale(rs, replicas - down);
                byAge.set(i, findIn(rs));
                cleaned += down;
            }
            int available = RolloutMath.availableSum(allSets());
            if (available > minAvailable) {
                int total = Math.min(available - minAvailable, maxScaledDown - cleaned);
                int done = 0;
                for (ReplicaSet rs : byAge) {
                    if (done >= total) {
                        break;
                    }
                    int replicas = RolloutMath.replicas(rs);
                    if (replicas == 0) {
                        continue;
                    }
                    int down = Math.min(replicas, total - done);
                    scaled |= scale(rs, replicas - down);
                    done += down;
                }
            }
            return scaled;
        }

        private ReplicaSet findIn(ReplicaSet rs) {
            for (ReplicaSet s : oldRSs) {
                if (s.getMetadata().getName().equals(rs.getMetadata().getName())) {
                    return s;
                }
            }
            return rs;
        }

        private void rolloutRecreate() {
            syncRevision(false);
            boolean scaledDown = false;
            for (ReplicaSet rs : new ArrayList<>(oldRSs)) {
                if (RolloutMath.replicas(rs) > 0) {
                    scaledDown |= scale(rs, 0);
                }
            }
            if (scaledDown || oldPodsRunning()) {
                syncRolloutStatus();
                return;
            }
            if (newRS == null) {
                syncRevision(true);
            }
            if (newRS != null && RolloutMath.replicas(newRS) != RolloutMath.replicas(d)) {
                scale(newRS, RolloutMath.replicas(d));
            }
            if (complete(calculateStatus())) {
                cleanup();
            }
            syncRolloutStatus();
        }

        private boolean oldPodsRunning() {
            if (oldRSs.stream().anyMatch(rs -> !synced(rs)
                    || RolloutMath.n(rs.getStatus() == null ? null : rs.getStatus().getReplicas()) > 0)) {
                return true;
            }
            List<String> oldUids = oldRSs.stream().map(rs -> rs.getMetadata().getUid()).toList();
            for (Pod pod : registry.store(Pod.class).list(ns, ListOptions.ALL).items()) {
                OwnerReference ref = Owners.controllerOf(pod);
                String phase = PodReadiness.phase(pod);
                if (ref != null && oldUids.contains(ref.getUid()) && !"Succeeded".equals(phase)
                        && !"Failed".equals(phase)) {
                    return true;
                }
            }
            return false;
        }

        // ---- scaling

        private boolean isScalingEvent() {
            findReplicaSets();
            for (ReplicaSet rs : allSets()) {
                if (RolloutMath.replicas(rs) <= 0) {
                    continue;
                }
                Integer desired = Revisions.desiredReplicas(rs);
                if (desired != null && desired != RolloutMath.replicas(d)) {
                    return true;
                }
            }
            return false;
        }

        /** dc.sync: scaling and pausing, without moving the rollout on. */
        private void syncOnly() {
            syncRevision(false);
            proportionalScale();
            if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
                cleanup();
            }
            syncStatus();
        }

        private void proportionalScale() {
            List<ReplicaSet> active = allSets().stream().filter(rs -> RolloutMath.replicas(rs) > 0).toList();
            ReplicaSet activeOrLatest = null;
            if (active.size() == 1) {
                activeOrLatest = active.get(0);
            } else if (active.isEmpty()) {
                activeOrLatest = newRS != null ? newRS : allSets().stream()
                        .max(Comparator.comparing((ReplicaSet rs) -> Timestamps.parse(rs.getMetadata().getCreationTimestamp())))
                        .orElse(null);
            }
            int desired = RolloutMath.replicas(d);
            if (activeOrLatest != null) {
                if (RolloutMath.replicas(activeOrLatest) != desired) {
                    scale(activeOrLatest, desired);
                }
                return;
            }
            if (newRS != null && RolloutMath.replicas(newRS) == desired && availableAtLeast(newRS, desired)) {
                for (ReplicaSet rs : new ArrayList<>(oldRSs)) {
                    if (RolloutMath.replicas(rs) > 0) {
                        scale(rs, 0);
                    }
                }
                return;
            }
            if (!RolloutMath.rollingUpdate(d)) {
                return;
            }
            int allReplicas = RolloutMath.specSum(active);
            int allowed = desired + RolloutMath.maxSurge(d);
            int toAdd = allowed - allReplicas;
            if (toAdd == 0) {
                return;
            }
            List<ReplicaSet> sorted = new ArrayList<>(active);
            Comparator<ReplicaSet> bySize = Comparator.comparing(RolloutMath::replicas);
            Comparator<ReplicaSet> byAge = Comparator.comparing(
                    (ReplicaSet rs) -> Timestamps.parse(rs.getMetadata().getCreationTimestamp()));
            sorted.sort(toAdd > 0 ? bySize.reversed().thenComparing(byAge.reversed()) : bySize.reversed().thenComparing(byAge));
            Map<String, Integer> sizes = new HashMap<>();
            int added = 0;
            for (ReplicaSet rs : sorted) {
                int proportion = proportion(rs, toAdd, added);
                sizes.put(rs.getMetadata().getName(), RolloutMath.replicas(rs) + proportion);
                added += proportion;
            }
            for (int i = 0; i < sorted.size(); i++) {
                ReplicaSet rs = sorted.get(i);
                int size = sizes.get(rs.getMetadata().getName());
                if (i == 0 && toAdd != added) {
                    size = Math.max(0, size + toAdd - added);
                }
                scale(rs, size);
            }
        }

        private boolean availableAtLeast(ReplicaSet rs, int n) {
            return RolloutMath.available(rs) >= n;
        }

        private int proportion(ReplicaSet rs, int toAdd, int added) {
            int replicas = RolloutMath.replicas(rs);
            if (replicas == 0 || toAdd == 0 || toAdd == added) {
                return 0;
            }
            int fraction;
            if (RolloutMath.replicas(d) == 0) {
                fraction = -replicas;
            } else {
                int deploymentReplicas = RolloutMath.replicas(d) + RolloutMath.maxSurge(d);
                Integer annotated = Revisions.maxReplicas(rs);
                int base = annotated != null ? annotated : RolloutMath.n(d.getStatus().getReplicas());
                if (base == 0) {
                    fraction = 0;
                } else {
                    int size = (int) Math.round(replicas * (double) deploymentReplicas / base);
                    fraction = size - replicas;
                }
            }
            int allowed = toAdd - added;
            return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
        }

        /** scaleReplicaSetAndRecordEvent, with the replica annotations kept up to date. */
        private boolean scale(ReplicaSet rs, int size) {
            int from = RolloutMath.replicas(rs);
            int desired = RolloutMath.replicas(d);
            int max = desired + RolloutMath.maxSurge(d);
            Map<String, String> annotations = new HashMap<>(Revisions.annotations(rs));
            boolean annotationsChanged = Revisions.setReplicas(annotations, desired, max);
            if (from == size && !annotationsChanged) {
                return false;
            }
            ReplicaSet updated = changeReplicaSet(rs, r -> {
                r.getSpec().setReplicas(size);
                Map<String, String> a = new HashMap<>(Revisions.annotations(r));
                Revisions.setReplicas(a, desired, max);
                r.getMetadata().setAnnotations(a);
            });
            if (updated == null) {
                return false;
            }
            replaceInAll(rs, updated);
            if (from != size) {
                events.record(EventRecorder.reference(d), EventRecorder.NORMAL, "ScalingReplicaSet",
                        "Scaled " + (size > from ? "up" : "down") + " replica set " + rs.getMetadata().getName()
                                + " to " + size + " from " + from, COMPONENT, null);
                return true;
            }
            return false;
        }

        private ReplicaSet replaceInAll(ReplicaSet old, ReplicaSet updated) {
            if (updated == null) {
                return old;
            }
            if (newRS != null && newRS.getMetadata().getName().equals(updated.getMetadata().getName())) {
                newRS = updated;
            }
            oldRSs.replaceAll(rs -> rs.getMetadata().getName().equals(updated.getMetadata().getName()) ? updated : rs);
            all.replaceAll(rs -> rs.getMetadata().getName().equals(updated.getMetadata().getName()) ? updated : rs);
            return updated;
        }

        /** cleanupDeployment: old ReplicaSets with nothing left go, beyond revisionHistoryLimit. */
        private void cleanup() {
            Integer limit = d.getSpec().getRevisionHistoryLimit();
            if (limit == null) {
                return;
            }
            List<ReplicaSet> cleanable = new ArrayList<>(oldRSs.stream()
                    .filter(rs -> rs.getMetadata().getDeletionTimestamp() == null).toList());
            int diff = cleanable.size() - limit;
            if (diff <= 0) {
                return;
            }
            cleanable.sort(Comparator.comparingLong(Revisions::of)
                    .thenComparing(rs -> Timestamps.parse(rs.getMetadata().getCreationTimestamp())));
            for (int i = 0; i < diff; i++) {
                ReplicaSet rs = cleanable.get(i);
                if (RolloutMath.n(rs.getStatus() == null ? null : rs.getStatus().getReplicas()) != 0
                        || RolloutMath.replicas(rs) != 0 || !synced(rs)) {
                    continue;
                }
                try {
                    replicaSets().delete(ns, rs.getMetadata().getName(), Managers.deleting(WRITER));
                } catch (StatusException e) {
                    if (e.code() != 404) {
                        throw e;
                    }
                }
            }
        }

        // ---- status

        private DeploymentStatus calculateStatus() {
            List<ReplicaSet> sets = allSets();
            int available = RolloutMath.availableSum(sets);
            int unavailable = Math.max(0, RolloutMath.specSum(sets) - available);
            DeploymentStatus status = new DeploymentStatus();
            status.setObservedGeneration(d.getMetadata().getGeneration());
            status.setReplicas(zeroToNull(RolloutMath.statusSum(sets)));
            status.setUpdatedReplicas(zeroToNull(newRS == null ? 0 : RolloutMath.statusSum(List.of(newRS))));
            status.setReadyReplicas(zeroToNull(RolloutMath.readySum(sets)));
            status.setAvailableReplicas(zeroToNull(available));
            status.setUnavailableReplicas(zeroToNull(unavailable));
            status.setCollisionCount(d.getStatus().getCollisionCount());
            status.setConditions(new ArrayList<>(d.getStatus().getConditions()));
            Instant now = clock.instant();
            if (available >= RolloutMath.replicas(d) - RolloutMath.maxUnavailable(d)) {
                Conditions.set(status, Conditions.condition(Conditions.AVAILABLE, "True", "MinimumReplicasAvailable",
                        "Deployment has minimum availability.", now));
            } else {
                Conditions.set(status, Conditions.condition(Conditions.AVAILABLE, "False",
                        "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now));
            }
            return status;
        }

        private boolean complete(DeploymentStatus status) {
            int desired = RolloutMath.replicas(d);
            return RolloutMath.n(status.getUpdatedReplicas()) == desired && RolloutMath.n(status.getReplicas()) == desired
                    && RolloutMath.n(status.getAvailableReplicas()) == desired
                    && status.getObservedGeneration() != null
                    && status.getObservedGeneration() >= d.getMetadata().getGeneration();
        }

        private boolean progressing(DeploymentStatus status) {
            DeploymentStatus old = d.getStatus();
            int oldOld = RolloutMath.n(old.getReplicas()) - RolloutMath.n(old.getUpdatedReplicas());
            int newOld = RolloutMath.n(status.getReplicas()) - RolloutMath.n(status.getUpdatedReplicas());
            return RolloutMath.n(status.getUpdatedReplicas()) > RolloutMath.n(old.getUpdatedReplicas())
                    || newOld < oldOld
                    || RolloutMath.n(status.getReadyReplicas()) > RolloutMath.n(old.getReadyReplicas())
                    || RolloutMath.n(status.getAvailableReplicas()) > RolloutMath.n(old.getAvailableReplicas());
        }

        private boolean timedOut(DeploymentStatus status, Instant now) {
            DeploymentCondition c = Conditions.get(status, Conditions.PROGRESSING);
            if (!hasProgressDeadline() || c == null) {
                return false;
            }
            if ("NewReplicaSetAvailable".equals(c.getReason())) {
                return false;
            }
            if ("ProgressDeadlineExceeded".equals(c.getReason())) {
                return true;
            }
            Instant from = Timestamps.parse(c.getLastUpdateTime());
            return from != null && from.plusSeconds(d.getSpec().getProgressDeadlineSeconds()).isBefore(now);
        }

        private boolean hasProgressDeadline() {
            Integer deadline = d.getSpec().getProgressDeadlineSeconds();
            return deadline != null && deadline != Integer.MAX_VALUE;
        }

        /** syncRolloutStatus: the status, and the Progressing condition moved on as the rollout goes. */
        private void syncRolloutStatus() {
            DeploymentStatus status = calculateStatus();
            Instant now = clock.instant();
            if (!hasProgressDeadline()) {
                Conditions.remove(status, Conditions.PROGRESSING);
            }
            DeploymentCondition current = Conditions.get(status, Conditions.PROGRESSING);
            boolean completeRollout = RolloutMath.n(status.getReplicas()) == RolloutMath.n(status.getUpdatedReplicas())
                    && current != null && "NewReplicaSetAvailable".equals(current.getReason());
            String rsName = newRS == null ? null : newRS.getMetadata().getName();
            if (hasProgressDeadline() && !completeRollout) {
                if (complete(status)) {
                    String msg = rsName == null ? "Deployment has successfully progressed."
                            : "ReplicaSet \"" + rsName + "\" has successfully progressed.";
                    Conditions.set(status, Conditions.condition(Conditions.PROGRESSING, "True",
                            "NewReplicaSetAvailable", msg, now));
                } else if (progressing(status)) {
                    String msg = rsName == null ? "Deployment is progressing."
                            : "ReplicaSet \"" + rsName + "\" is progressing.";
                    DeploymentCondition c = Conditions.condition(Conditions.PROGRESSING, "True", "ReplicaSetUpdated",
                            msg, now);
                    if (current != null) {
                        if ("True".equals(current.getStatus())) {
                            c.setLastTransitionTime(current.getLastTransitionTime());
                        }
                        Conditions.remove(status, Conditions.PROGRESSING);
                    }
                    Conditions.set(status, c);
                } else if (timedOut(status, now)) {
                    String msg = rsName == null ? "Deployment has timed out progressing."
                            : "ReplicaSet \"" + rsName + "\" has timed out progressing.";
                    Conditions.set(status, Conditions.condition(Conditions.PROGRESSING, "False",
                            "ProgressDeadlineExceeded", msg, now));
                }
            }
            writeStatus(status);
            requeueStuck(status, now);
        }

        private void syncStatus() {
            writeStatus(calculateStatus());
        }

        private void requeueStuck(DeploymentStatus status, Instant now) {
            DeploymentCondition c = Conditions.get(status, Conditions.PROGRESSING);
            if (c == null || !hasProgressDeadline() || "NewReplicaSetAvailable".equals(c.getReason())
                    || "ProgressDeadlineExceeded".equals(c.getReason()) || complete(status)) {
                return;
            }
            Instant from = Timestamps.parse(c.getLastUpdateTime());
            Duration after = Duration.between(now, from.plusSeconds(d.getSpec().getProgressDeadlineSeconds()))
                    .plusSeconds(1);
            String key = key(ns, d.getMetadata().getName());
            timer.after(after, () -> queue.add(key));
        }

        /** checkPausedConditions. */
        private void checkPausedConditions() {
            if (!hasProgressDeadline()) {
                return;
            }
            DeploymentStatus status = d.getStatus();
            DeploymentCondition c = Conditions.get(status, Conditions.PROGRESSING);
            if (c != null && "ProgressDeadlineExceeded".equals(c.getReason())) {
                return;
            }
            boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());
            boolean pausedCondition = c != null && "DeploymentPaused".equals(c.getReason());
            Instant now = clock.instant();
            if (paused && !pausedCondition) {
                Conditions.set(status, Conditions.condition(Conditions.PROGRESSING, "Unknown", "DeploymentPaused",
                        "Deployment is paused", now));
            } else if (!paused && pausedCondition) {
                Conditions.set(status, Conditions.condition(Conditions.PROGRESSING, "Unknown", "DeploymentResumed",
                        "Deployment is resumed", now));
            } else {
                return;
            }
            writeStatus(status);
        }

        /** Writes status (and the revision annotation) against the version read, so a newer spec makes a retry. */
        private void writeStatus(DeploymentStatus status) {
            Map<String, String> annotations = d.getMetadata().getAnnotations();
            String version = d.getMetadata().getResourceVersion();
            DeploymentStatus before = d.getStatus();
            // the written object is shared with watchers: it gets copies of what the sync goes on with
            Deployment updated = deployments().update(ns, d.getMetadata().getName(), "status", current -> {
                current.getMetadata().setResourceVersion(version);
                current.getMetadata().setAnnotations(annotations == null ? null : new LinkedHashMap<>(annotations));
                current.setStatus(codec.copy(status));
                return current;
            }, WRITER).object();
            if (updated != null) {
                d = codec.copy(updated);
                d.setStatus(updated.getStatus() == null ? null : status);
            }
            if (d.getStatus() == null) {
                d.setStatus(before);
            }
        }

        private ReplicaSet changeReplicaSet(ReplicaSet rs, java.util.function.Consumer<ReplicaSet> change) {
            try {
                return replicaSets().update(ns, rs.getMetadata().getName(), null, current -> {
                    if (!Objects.equals(current.getMetadata().getUid(), rs.getMetadata().getUid())) {
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
    }

    /** Whether the ReplicaSet controller has acted on the ReplicaSet's latest spec. */
    static boolean synced(ReplicaSet rs) {
        Long observed = rs.getStatus() == null ? null : rs.getStatus().getObservedGeneration();
        Long generation = rs.getMetadata().getGeneration();
        return generation == null || (observed != null && observed >= generation);
    }

    private boolean sameTemplate(PodTemplateSpec a, PodTemplateSpec b) {
        return withoutHash(a).equals(withoutHash(b));
    }

    private tools.jackson.databind.JsonNode withoutHash(PodTemplateSpec template) {
        tools.jackson.databind.node.ObjectNode tree = codec.mapper().valueToTree(template);
        tools.jackson.databind.JsonNode labels = tree.at("/metadata/labels");
        if (labels instanceof tools.jackson.databind.node.ObjectNode l) {
            l.remove(HASH_LABEL);
            if (l.isEmpty()) {
                ((tools.jackson.databind.node.ObjectNode) tree.get("metadata")).remove("labels");
            }
        }
        return tree;
    }

    private static Integer zeroToNull(int n) {
        return n == 0 ? null : n;
    }

    private ResourceStore<Deployment> deployments() {
        return registry.store(Deployment.class);
    }

    private ResourceStore<ReplicaSet> replicaSets() {
        return registry.store(ReplicaSet.class);
    }

}

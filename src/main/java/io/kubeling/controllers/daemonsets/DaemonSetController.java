package io.kubeling.controllers.daemonsets;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.FeedCache;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.Owners;
import io.kubeling.controllers.PodReadiness;
import io.kubeling.controllers.QueuedController;
import io.kubeling.controllers.history.ControllerHistory;
import io.kubeling.controllers.history.RevisionHash;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.selection.LabelSelector;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.resources.common.IntOrPercent;
import io.kubeling.resources.common.LabelSelectors;
import io.kubeling.resources.daemonsets.DaemonSetStrategy;
import tools.jackson.databind.JsonNode;

/**
 * kube's DaemonSet controller: one pod per node that should run it (node name, node selector and required
 * affinity, taints against the template's tolerations and the daemon ones), each created pinned to its node by
 * node affinity for the scheduler to bind, pods removed from nodes that no longer should run them, a
 * ControllerRevision per template, rolling updates within maxUnavailable or maxSurge, and the status counters.
 */
@Component
class DaemonSetController extends QueuedController {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("daemon-set-controller");

    static final String COMPONENT = "daemonset-controller";
    private static final String NAMESPACE_KEY = "*";
    private static final String ALL_KEY = "**";

    private final ControllerHistory history;
    /** The DaemonSets, kept from their feed, which tells an orphan's change whether its namespace has any. */
    private volatile FeedCache<DaemonSet> known = new FeedCache<>();

    DaemonSetController(ControllerKit kit) {
        super("daemonset-controller", kit);
        this.history = new ControllerHistory(kit.registry(), kit.codec().mapper(), WRITER);
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        FeedCache<DaemonSet> cache = new FeedCache<>();
        known = cache;
        return List.of(
                feed.subscribe(DaemonSet.class, change -> {
                    cache.apply(change);
                    onDaemonSet(change);
                }),
                feed.subscribe(Pod.class, this::onPod),
                feed.subscribe(Node.class, this::onNode));
    }

    @Override
    protected void queueExisting() {
        List<DaemonSet> all = daemonSets().peekAll(null, LabelSelector.EVERYTHING);
        known.listed(all);
        queueEach(all);
    }

    private void onDaemonSet(Change<DaemonSet> change) {
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
        if (!owned && !change.deleted() && !known.surelyNoneIn(pod.getMetadata().getNamespace())) {
            // an orphan the DaemonSets of its namespace may adopt; one created later looks at its first sync
            queue.add(NAMESPACE_KEY + pod.getMetadata().getNamespace());
        }
    }

    /** A node's labels, taints or existence decide where daemon pods run: every DaemonSet looks again. */
    private void onNode(Change<Node> change) {
        Node previous = change.previous();
        Node node = change.object();
        if (previous == null || change.deleted() || !Objects.equals(previous.getMetadata().getLabels(),
                node.getMetadata().getLabels()) || !Objects.equals(previous.getSpec(), node.getSpec())) {
            queue.add(ALL_KEY);
        }
    }

    private boolean enqueueOwner(Pod pod) {
        OwnerReference ref = Owners.controllerOf(pod);
        if (ref != null && "DaemonSet".equals(ref.getKind())) {
            queue.add(key(pod.getMetadata().getNamespace(), ref.getName()));
        }
        return ref != null;
    }

    @Override
    protected void sync(String key) {
        if (key.equals(ALL_KEY)) {
            queueEach(daemonSets().peekAll(null, LabelSelector.EVERYTHING));
            return;
        }
        if (key.startsWith(NAMESPACE_KEY)) {
            String ns = key.substring(NAMESPACE_KEY.length());
            FeedCache<DaemonSet> cache = known;
            (cache.hasSynced() ? cache.inNamespace(ns) : daemonSets().peekAll(ns, LabelSelector.EVERYTHING))
                    .forEach(d -> queue.add(key(ns, d.getMetadata().getName())));
            return;
        }
        String[] parts = key.split("/", 2);
        DaemonSet ds;
        try {
            ds = daemonSets().get(parts[0], parts[1]);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        if (ds.getMetadata().getDeletionTimestamp() != null || ds.getSpec().getSelector() == null
                || LabelSelectors.isEmpty(ds.getSpec().getSelector())) {
            return;
        }
        try {
            new Sync(ds).run();
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    /** One sync of one DaemonSet (syncDaemonSet). */
    private final class Sync {

        private final DaemonSet ds;
        private final String ns;
        private final Instant now = clock.instant();
        private final int minReady;
        private int collisionCount;
        private String hash;

        Sync(DaemonSet ds) {
            this.ds = ds;
            this.ns = ds.getMetadata().getNamespace();
            this.minReady = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
            DaemonSetStatus status = ds.getStatus();
            this.collisionCount = status == null || status.getCollisionCount() == null ? 0 : status.getCollisionCount();
        }

        void run() {
            List<Node> nodes = registry.store(Node.class).peekAll(null, LabelSelector.EVERYTHING);
            List<ControllerRevision> revisions = history.claim(ds, ds.getSpec().getSelector());
            ControllerRevision current = currentRevision(revisions);
            hash = current.getMetadata().getLabels().get(DaemonPods.HASH_LABEL);
            PodSpec daemonSpec = daemonSpec();
            Map<String, List<Pod>> byNode = podsByNode(claimPods(), nodes);
            boolean changed = manage(nodes, byNode, daemonSpec);
            if (!changed && "RollingUpdate".equals(ds.getSpec().getUpdateStrategy().getType())) {
                rollingUpdate(nodes, byNode, daemonSpec);
            }
            truncateHistory(revisions, current);
            writeStatus(nodes, daemonSpec);
        }

        /** The template as daemon pods get it, with the daemon tolerations, to judge nodes by. */
        private PodSpec daemonSpec() {
            PodSpec spec = codec.mapper().convertValue(ds.getSpec().getTemplate().getSpec(), PodSpec.class);
            DaemonPods.addTolerations(spec);
            return spec;
        }

        // ---- pods

        private List<Pod> claimPods() {
            ResourceStore<Pod> store = registry.store(Pod.class);
            String uid = ds.getMetadata().getUid();
            List<Pod> owned = new ArrayList<>();
            // the shared objects, as kube's controller reads its informers' caches: a sync decodes no pod or node again
            for (Pod pod : store.peekAll(ns, LabelSelector.EVERYTHING)) {
                boolean selected = LabelSelectors.matches(ds.getSpec().getSelector(), pod.getMetadata().getLabels());
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
                } else if (selected && pod.getMetadata().getDeletionTimestamp() == null) {
                    Pod adopted = changePod(pod, p -> {
                        if (Owners.controllerOf(p) == null) {
                            Owners.adopt(p, ds);
                        }
                    });
                    if (adopted != null && Owners.controlledBy(adopted, ds)) {
                        owned.add(adopted);
                    }
                }
            }
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

        /** The pods on (or pinned to) each node; unscheduled pods pinned to a node that is gone are deleted. */
        private Map<String, List<Pod>> podsByNode(List<Pod> pods, List<Node> nodes) {
            Set<String> names = new HashSet<>();
            nodes.forEach(n -> names.add(n.getMetadata().getName()));
            Map<String, List<Pod>> byNode = new LinkedHashMap<>();
            for (Pod pod : pods) {
                String node = DaemonPods.targetNode(pod);
                if (node == null) {
                    continue;
                }
                boolean scheduled = pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
                if (!scheduled && !names.contains(node) && pod.getMetadata().getDeletionTimestamp() == null) {
                    deletePod(pod);
                    continue;
                }
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(pod);
            }
            byNode.values().forEach(list -> list.sort(OLDEST_FIRST));
            return byNode;
        }

        /** podsShouldBeOnNode for every node: answers whether it created or deleted anything. */
        private boolean manage(List<Node> nodes, Map<String, List<Pod>> byNode, PodSpec daemonSpec) {
            List<String> toCreate = new ArrayList<>();
            List<Pod> toDelete = new ArrayList<>();
            for (Node node : nodes) {
                String name = node.getMetadata().getName();
                DaemonPods.Placement placement = DaemonPods.placement(daemonSpec, node);
                List<Pod> pods = byNode.getOrDefault(name, List.of());
                if (placement.shouldRun()) {
                    List<Pod> running = new ArrayList<>();
                    for (Pod pod : pods) {
                        if (pod.getMetadata().getDeletionTimestamp() != null) {
                            continue;
                        }
                        if ("Failed".equals(PodReadiness.phase(pod))) {
                            events.record(EventRecorder.reference(ds), EventRecorder.WARNING, "FailedDaemonPod",
                                    "Found failed daemon pod " + ns + "/" + pod.getMetadata().getName() + " on node "
                                            + name + ", will try to kill it", COMPONENT, null);
                            toDelete.add(pod);
                            continue;
                        }
                        running.add(pod);
                    }
                    if (pods.isEmpty()) {
                        toCreate.add(name);
                    } else if (running.size() > 1) {
                        toDelete.addAll(excess(running));
                    }
                } else if (!placement.shouldContinueRunning()) {
                    pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).forEach(toDelete::add);
                }
            }
            syncNodes(toDelete, toCreate);
            return !toDelete.isEmpty() || !toCreate.isEmpty();
        }

        /** The running pods of one node to delete: all but the oldest, or under surge an old one kept while needed. */
        private List<Pod> excess(List<Pod> running) {
            List<Pod> extra = new ArrayList<>();
            if (!allowsSurge()) {
                extra.addAll(running.subList(1, running.size()));
                return extra;
            }
            Pod oldestNew = null;
            Pod oldestOld = null;
            for (Pod pod : running) {
                if (Objects.equals(hash, label(pod, DaemonPods.HASH_LABEL))) {
                    if (oldestNew == null) {
                        oldestNew = pod;
                        continue;
                    }
                } else if (oldestOld == null) {
                    oldestOld = pod;
                    continue;
                }
                extra.add(pod);
            }
            if (oldestNew != null && oldestOld != null
                    && (!PodReadiness.ready(oldestOld) || PodReadiness.ready(oldestNew))) {
                extra.add(oldestOld);
            }
            return extra;
        }

        private void syncNodes(List<Pod> toDelete, List<String> nodesToCreate) {
            for (String node : nodesToCreate) {
                createPod(node);
            }
            for (Pod pod : toDelete) {
                deletePod(pod);
            }
        }

        private void createPod(String node) {
            PodTemplateSpec template = ds.getSpec().getTemplate();
            ObjectMeta tm = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
            Pod pod = new Pod();
            ObjectMeta meta = new ObjectMeta();
            meta.setGenerateName(ds.getMetadata().getName() + "-");
            meta.setNamespace(ns);
            Map<String, String> labels = tm.getLabels() == null ? new HashMap<>() : new HashMap<>(tm.getLabels());
            labels.put(DaemonPods.GENERATION_LABEL, Long.toString(DaemonSetStrategy.templateGeneration(ds)));
            labels.put(DaemonPods.HASH_LABEL, hash);
            meta.setLabels(labels);
            meta.setAnnotations(tm.getAnnotations() == null ? null : new HashMap<>(tm.getAnnotations()));
            meta.setFinalizers(tm.getFinalizers() == null ? null : new ArrayList<>(tm.getFinalizers()));
            meta.setOwnerReferences(List.of(Owners.controllerReference(ds)));
            pod.setMetadata(meta);
            PodSpec spec = codec.mapper().convertValue(template.getSpec(), PodSpec.class);
            DaemonPods.addTolerations(spec);
            DaemonPods.pinTo(spec, node);
            pod.setSpec(spec);
            try {
                Pod created = registry.store(Pod.class).create(ns, pod, WRITER);
                events.record(EventRecorder.reference(ds), EventRecorder.NORMAL, "SuccessfulCreate",
                        "Created pod: " + created.getMetadata().getName(), COMPONENT, null);
            } catch (StatusException e) {
                events.record(EventRecorder.reference(ds), EventRecorder.WARNING, "FailedCreate",
                        "Error creating: " + e.getMessage(), COMPONENT, null);
                if (e.code() != 403 && e.code() != 422) {
                    throw e;
                }
            }
        }

        private void deletePod(Pod pod) {
            try {
                registry.store(Pod.class).delete(ns, pod.getMetadata().getName(),
                        Managers.deleting(WRITER, new DeleteOptions(false, null, pod.getMetadata().getUid(), null, null)));
                events.record(EventRecorder.reference(ds), EventRecorder.NORMAL, "SuccessfulDelete",
                        "Deleted pod: " + pod.getMetadata().getName(), COMPONENT, null);
            } catch (StatusException e) {
                if (e.code() != 404 && e.code() != 409) {
                    throw e;
                }
            }
        }

        // ---- rolling update

        private boolean allowsSurge() {
            RollingUpdateDaemonSet rolling = rolling();
            return rolling != null && IntOrPercent.scaled(rolling.getMaxSurge(), 1, true) != 0;
        }

        private RollingUpdateDaemonSet rolling() {
            return "RollingUpdate".equals(ds.getSpec().getUpdateStrategy().getType())
                    ? ds.getSpec().getUpdateStrategy().getRollingUpdate() : null;
        }

        private boolean updated(Pod pod) {
            String generation = Long.toString(DaemonSetStrategy.templateGeneration(ds));
            return Objects.equals(hash, label(pod, DaemonPods.HASH_LABEL))
                    || generation.equals(label(pod, DaemonPods.GENERATION_LABEL));
        }

        private boolean available(Pod pod) {
            return PodReadiness.available(pod, minReady, now);
        }

        /** rollingUpdate: old pods replaced within maxUnavailable, or new ones surged beside them within maxSurge. */
        private void rollingUpdate(List<Node> nodes, Map<String, List<Pod>> byNode, PodSpec daemonSpec) {
            int desired = 0;
            for (Node node : nodes) {
                if (DaemonPods.placement(daemonSpec, node).shouldRun()) {
                    desired++;
                }
            }
            RollingUpdateDaemonSet rolling = rolling();
            int maxUnavailable = IntOrPercent.scaled(rolling.getMaxUnavailable(), desired, true);
            int maxSurge = IntOrPercent.scaled(rolling.getMaxSurge(), desired, true);
            if (desired > 0 && maxUnavailable == 0 && maxSurge == 0) {
                maxUnavailable = 1;
            }
            if (maxSurge == 0) {
                int unavailable = 0;
                List<Pod> replacements = new ArrayList<>();
                List<Pod> candidates = new ArrayList<>();
                for (List<Pod> pods : byNode.values()) {
                    Pod[] found = newAndOld(pods);
                    if (found == null) {
                        unavailable++;
                        continue;
                    }
                    Pod newPod = found[0];
                    Pod oldPod = found[1];
                    if ((newPod == null) == (oldPod == null)) {
                        unavailable++;
                    } else if (newPod != null) {
                        if (!available(newPod)) {
                            unavailable++;
                        }
                    } else if (!available(oldPod)) {
                        replacements.add(oldPod);
                    } else if (unavailable < maxUnavailable) {
                        candidates.add(oldPod);
                    }
                }
                int remaining = Math.max(0, Math.min(maxUnavailable - unavailable, candidates.size()));
                replacements.addAll(candidates.subList(0, remaining));
                syncNodes(replacements, List.of());
                scheduleAvailabilityCheck(byNode);
                return;
            }
            List<Pod> oldToDelete = new ArrayList<>();
            List<String> allowedNew = new ArrayList<>();
            List<String> candidateNew = new ArrayList<>();
            int surged = 0;
            for (Map.Entry<String, List<Pod>> e : byNode.entrySet()) {
                Pod[] found = newAndOld(e.getValue());
                if (found == null) {
                    continue;
                }
                Pod newPod = found[0];
                Pod oldPod = found[1];
                if (oldPod == null) {
                    continue;
                }
                if (newPod == null) {
                    if (!available(oldPod)) {
                        allowedNew.add(e.getKey());
                    } else if (surged < maxSurge) {
                        candidateNew.add(e.getKey());
                    }
                } else if (!available(newPod)) {
                    surged++;
                } else {
                    oldToDelete.add(oldPod);
                }
            }
            int remaining = Math.max(0, Math.min(maxSurge - surged, candidateNew.size()));
            allowedNew.addAll(candidateNew.subList(0, remaining));
            syncNodes(oldToDelete, allowedNew);
            scheduleAvailabilityCheck(byNode);
        }

        /** findUpdatedPodsOnNode: the node's one new and one old pod (either may be null); null when it has more. */
        private Pod[] newAndOld(List<Pod> pods) {
            Pod newPod = null;
            Pod oldPod = null;
            for (Pod pod : pods) {
                if (pod.getMetadata().getDeletionTimestamp() != null) {
                    continue;
                }
                if (updated(pod)) {
                    if (newPod != null) {
                        return null;
                    }
                    newPod = pod;
                } else {
                    if (oldPod != null) {
                        return null;
                    }
                    oldPod = pod;
                }
            }
            return new Pod[] {newPod, oldPod};
        }

        private void scheduleAvailabilityCheck(Map<String, List<Pod>> byNode) {
            if (minReady <= 0) {
                return;
            }
            Duration next = null;
            for (List<Pod> pods : byNode.values()) {
                for (Pod pod : pods) {
                    if (PodReadiness.ready(pod) && !available(pod)) {
                        Duration wait = Duration.between(now, PodReadiness.readySince(pod).plusSeconds(minReady))
                                .plusMillis(100);
                        next = next == null || wait.compareTo(next) < 0 ? wait : next;
                    }
                }
            }
            if (next != null) {
                String key = key(ns, ds.getMetadata().getName());
                timer.after(next, () -> queue.add(key));
            }
        }

        // ---- history

        /** constructHistory: the revision of the current template, made or renumbered to be the latest. */
        private ControllerRevision currentRevision(List<ControllerRevision> revisions) {
            JsonNode data = history.patchOf(ds.getSpec().getTemplate());
            ControllerRevision current = null;
            long maxOld = 0;
            for (ControllerRevision r : revisions) {
                long number = r.getRevision() == null ? 0 : r.getRevision();
                if (history.sameData(r, data)) {
                    if (current == null || number > current.getRevision()) {
                        current = r;
                    }
                } else {
                    maxOld = Math.max(maxOld, number);
                }
            }
            if (current == null) {
                ControllerRevision created = history.newRevision(ds, data, maxOld + 1);
                rename(created, collisionCount, data);
                current = history.create(created, () -> ++collisionCount, (r, count) -> rename(r, count, data));
            } else if (current.getRevision() < maxOld + 1) {
                current = history.renumber(current, maxOld + 1);
            }
            if (current.getMetadata().getLabels() == null
                    || !current.getMetadata().getLabels().containsKey(DaemonPods.HASH_LABEL)) {
                ControllerRevision labelled = current;
                String name = labelled.getMetadata().getName();
                current = registry.store(ControllerRevision.class).update(ns, name, null, r -> {
                    r.getMetadata().setLabels(ControllerHistory.withLabel(r.getMetadata().getLabels(),
                            DaemonPods.HASH_LABEL, name));
                    return r;
                }, WRITER).object();
            }
            return current;
        }

        private void rename(ControllerRevision revision, int count, JsonNode data) {
            String h = RevisionHash.of(history.bytes(data), count);
            var labels = ds.getSpec().getTemplate().getMetadata() == null ? null
                    : ds.getSpec().getTemplate().getMetadata().getLabels();
            revision.getMetadata().setName(ControllerHistory.name(ds, h));
            revision.getMetadata().setLabels(ControllerHistory.withLabel(labels, DaemonPods.HASH_LABEL, h));
        }

        /** cleanupHistory: revisions of live pods and the current one stay; the oldest others beyond the limit go. */
        private void truncateHistory(List<ControllerRevision> revisions, ControllerRevision current) {
            Set<String> liveHashes = new HashSet<>();
            liveHashes.add(hash);
            for (Pod pod : registry.store(Pod.class).peekAll(ns, LabelSelector.EVERYTHING)) {
                if (Owners.controlledBy(pod, ds) && label(pod, DaemonPods.HASH_LABEL) != null) {
                    liveHashes.add(label(pod, DaemonPods.HASH_LABEL));
                }
            }
            Set<String> live = new HashSet<>();
            live.add(current.getMetadata().getName());
            for (ControllerRevision r : revisions) {
                String h = r.getMetadata().getLabels() == null ? null : r.getMetadata().getLabels()
                        .get(DaemonPods.HASH_LABEL);
                if (h != null && liveHashes.contains(h)) {
                    live.add(r.getMetadata().getName());
                }
            }
            int limit = ds.getSpec().getRevisionHistoryLimit() == null ? 10 : ds.getSpec().getRevisionHistoryLimit();
            history.truncate(revisions, live, limit);
        }

        // ---- status

        private void writeStatus(List<Node> nodes, PodSpec daemonSpec) {
            Map<String, List<Pod>> byNode = new HashMap<>();
            for (Pod pod : claimPodsQuietly()) {
                String node = DaemonPods.targetNode(pod);
                if (node != null && pod.getMetadata().getDeletionTimestamp() == null) {
                    byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(pod);
                }
            }
            int desired = 0;
            int current = 0;
            int misscheduled = 0;
            int ready = 0;
            int available = 0;
            int updated = 0;
            for (Node node : nodes) {
                List<Pod> pods = byNode.getOrDefault(node.getMetadata().getName(), List.of());
                if (DaemonPods.placement(daemonSpec, node).shouldRun()) {
                    desired++;
                    if (pods.isEmpty()) {
                        continue;
                    }
                    current++;
                    List<Pod> sorted = new ArrayList<>(pods);
                    sorted.sort(OLDEST_FIRST);
                    Pod pod = sorted.get(0);
                    if (PodReadiness.ready(pod)) {
                        ready++;
                        if (available(pod)) {
                            available++;
                        }
                    }
                    if (updated(pod)) {
                        updated++;
                    }
                } else if (!pods.isEmpty()) {
                    misscheduled++;
                }
            }
            DaemonSetStatus status = new DaemonSetStatus();
            status.setDesiredNumberScheduled(desired);
            status.setCurrentNumberScheduled(current);
            status.setNumberMisscheduled(misscheduled);
            status.setNumberReady(ready);
            status.setNumberAvailable(zeroToNull(available));
            status.setNumberUnavailable(zeroToNull(desired - available));
            status.setUpdatedNumberScheduled(zeroToNull(updated));
            status.setObservedGeneration(ds.getMetadata().getGeneration());
            status.setCollisionCount(collisionCount == 0 && (ds.getStatus() == null
                    || ds.getStatus().getCollisionCount() == null) ? null : collisionCount);
            DaemonSetStatus old = ds.getStatus();
            status.setConditions(old == null ? List.of() : old.getConditions());
            if (status.equals(old)) {
                return;
            }
            daemonSets().update(ns, ds.getMetadata().getName(), "status", latest -> {
                if (!Objects.equals(latest.getMetadata().getUid(), ds.getMetadata().getUid())) {
                    return null;
                }
                status.setConditions(latest.getStatus() == null ? List.of() : latest.getStatus().getConditions());
                latest.setStatus(status);
                latest.getMetadata().setResourceVersion(ds.getMetadata().getResourceVersion());
                return latest;
            }, WRITER);
        }

        /** The DaemonSet's pods as they are after this sync's writes, without adopting or releasing again. */
        private List<Pod> claimPodsQuietly() {
            List<Pod> owned = new ArrayList<>();
            for (Pod pod : registry.store(Pod.class).peekAll(ns, LabelSelector.EVERYTHING)) {
                if (Owners.controlledBy(pod, ds)
                        && LabelSelectors.matches(ds.getSpec().getSelector(), pod.getMetadata().getLabels())) {
                    owned.add(pod);
                }
            }
            return owned;
        }
    }

    /** podByCreationTimestampAndPhase: scheduled pods first, then the oldest. */
    private static final Comparator<Pod> OLDEST_FIRST = Comparator
            .comparing((Pod p) -> p.getSpec().getNodeName() == null || p.getSpec().getNodeName().isEmpty() ? 1 : 0)
            .thenComparing(p -> Objects.toString(p.getMetadata().getCreationTimestamp(), ""))
            .thenComparing(p -> p.getMetadata().getName());

    private static String label(Pod pod, String key) {
        return pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get(key);
    }

    private static Integer zeroToNull(int n) {
        return n == 0 ? null : n;
    }

    private ResourceStore<DaemonSet> daemonSets() {
        return registry.store(DaemonSet.class);
    }
}

package io.kubeling.controllers.disruption;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.FeedCache;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.Owners;
import io.kubeling.controllers.PodReadiness;
import io.kubeling.controllers.QueuedController;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.Timestamps;
import io.kubeling.registry.WriteOptions;
import io.kubeling.registry.validation.GoQuote;
import io.kubeling.resources.common.LabelSelectors;
import io.kubeling.resources.poddisruptionbudgets.DisruptionAllowedCondition;

/**
 * kube's disruption controller: each PodDisruptionBudget's status from the pods it selects (currentHealthy,
 * desiredHealthy from minAvailable or maxUnavailable over the expected pods, disruptionsAllowed, the evictions in
 * disruptedPods the pods' deletion has not yet confirmed) and the DisruptionAllowed condition; a budget it cannot
 * compute (a percentage over pods no scalable controller owns) allows no disruption, with reason SyncFailed. A pod
 * left with a DisruptionTarget condition and not deleted within two minutes has the condition set back to False.
 */
@Component
class DisruptionController extends QueuedController {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("disruption-controller");

    static final String COMPONENT = "controllermanager";
    /** How long an eviction's pod is counted as going before the controller stops waiting for its deletion. */
    static final Duration DELETION_TIMEOUT = Duration.ofMinutes(2);
    /** How long a pod may carry a DisruptionTarget condition without being deleted before it is taken back. */
    static final Duration STALE_DISRUPTION_TIMEOUT = Duration.ofMinutes(2);
    private static final String STALE = "pod:";
    private static final WriteOptions FIELD_MANAGER = new WriteOptions(false, "DisruptionController", WRITER.user());

    private final ScaleFinder scales;
    /** The budgets, kept from their feed, which every pod change looks through: an informer's cache. */
    private volatile FeedCache<PodDisruptionBudget> known = new FeedCache<>();

    DisruptionController(ControllerKit kit) {
        super("disruption-controller", kit);
        this.scales = new ScaleFinder(kit.registry(), kit.codec());
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        FeedCache<PodDisruptionBudget> cache = new FeedCache<>();
        known = cache;
        return List.of(
                feed.subscribe(PodDisruptionBudget.class, change -> {
                    cache.apply(change);
                    onBudget(change);
                }),
                feed.subscribe(Pod.class, this::onPod));
    }

    @Override
    protected void queueExisting() {
        List<PodDisruptionBudget> all = budgets().peekAll(null, io.kubeling.registry.selection.LabelSelector.EVERYTHING);
        known.listed(all);
        queueEach(all);
    }

    private void onBudget(Change<PodDisruptionBudget> change) {
        if (!change.deleted()) {
            queue.add(key(change.object().getMetadata().getNamespace(), change.object().getMetadata().getName()));
        }
    }

    /** A pod's change concerns every budget selecting it, before or after the change. */
    private void onPod(Change<Pod> change) {
        Pod pod = change.object();
        String ns = pod.getMetadata().getNamespace();
        if (!change.deleted()) {
            Duration stale = staleDisruptionIn(pod);
            if (stale != null) {
                String key = STALE + key(ns, pod.getMetadata().getName());
                timer.after(stale, () -> queue.add(key));
            }
        }
        List<PodDisruptionBudget> matching = new ArrayList<>();
        FeedCache<PodDisruptionBudget> cache = known;
        List<PodDisruptionBudget> candidates = new ArrayList<>(cache.hasSynced() ? cache.inNamespace(ns)
                : budgets().peekAll(ns, io.kubeling.registry.selection.LabelSelector.EVERYTHING));
        // by name, as a list returns them, so that the budget named when several match is always the same
        candidates.sort(java.util.Comparator.comparing(pdb -> pdb.getMetadata().getName()));
        for (PodDisruptionBudget pdb : candidates) {
            if (selects(pdb, pod) || (change.previous() != null && selects(pdb, change.previous()))) {
                matching.add(pdb);
                queue.add(key(ns, pdb.getMetadata().getName()));
            }
        }
        if (matching.size() > 1 && !change.deleted()) {
            events.record(EventRecorder.reference(pod), EventRecorder.WARNING, "MultiplePodDisruptionBudgets",
                    "Pod \"" + ns + "\"/\"" + pod.getMetadata().getName() + "\" matches multiple "
                            + "PodDisruptionBudgets.  Chose \"" + matching.get(0).getMetadata().getName()
                            + "\" arbitrarily.", COMPONENT, null);
        }
    }

    /** LabelSelectorAsSelector in policy/v1: a missing selector selects nothing, an empty one every pod. */
    private static boolean selects(PodDisruptionBudget pdb, Pod pod) {
        LabelSelector selector = pdb.getSpec() == null ? null : pdb.getSpec().getSelector();
        if (selector == null) {
            return false;
        }
        return LabelSelectors.isEmpty(selector) || LabelSelectors.matches(selector, pod.getMetadata().getLabels());
    }

    @Override
    protected void sync(String key) {
        if (key.startsWith(STALE)) {
            syncStaleDisruption(key.substring(STALE.length()));
            return;
        }
        String[] parts = key.split("/", 2);
        PodDisruptionBudget pdb;
        try {
            pdb = budgets().get(parts[0], parts[1]);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        try {
            trySync(pdb);
        } catch (StatusException e) {
            if (e.code() == 409) {
                throw e;
            }
            failSafe(pdb, e.getMessage());
        } catch (SyncFailure e) {
            failSafe(pdb, e.getMessage());
        }
    }

    private void trySync(PodDisruptionBudget pdb) {
        String ns = pdb.getMetadata().getNamespace();
        List<Pod> pods = registry.store(Pod.class).list(ns, ListOptions.ALL).items().stream()
                .filter(p -> selects(pdb, p)).toList();
        if (pods.isEmpty()) {
            events.record(EventRecorder.reference(pdb), EventRecorder.NORMAL, "NoPods", "No matching pods found",
                    COMPONENT, null);
        }
        Expected expected = expected(pdb, pods);
        if (!expected.unmanaged.isEmpty()) {
            events.record(EventRecorder.reference(pdb), EventRecorder.WARNING, "UnmanagedPods",
                    "Pods selected by this PodDisruptionBudget (selector: " + goSelector(pdb.getSpec().getSelector())
                            + ") were found to be unmanaged. As a result, the status of the PDB cannot be calculated "
                            + "correctly, which may result in undefined behavior. To account for these pods please set "
                            + "\".spec.minAvailable\" field of the PDB to an integer value.", COMPONENT, null);
        }
        Instant now = clock.instant();
        Instant recheck = null;
        Map<String, String> disrupted = new LinkedHashMap<>();
        Map<String, String> recorded = pdb.getStatus() == null || pdb.getStatus().getDisruptedPods() == null
                ? Map.of() : pdb.getStatus().getDisruptedPods();
        for (Pod pod : pods) {
            String since = recorded.get(pod.getMetadata().getName());
            if (pod.getMetadata().getDeletionTimestamp() != null || since == null) {
                continue;
            }
            Instant expectedDeletion = Timestamps.parse(since).plus(DELETION_TIMEOUT);
            if (expectedDeletion.isBefore(now)) {
                // kube's message names the budget's namespace twice
                events.record(EventRecorder.reference(pod), EventRecorder.WARNING, "NotDeleted",
                        "Pod was expected by PDB " + ns + "/" + ns + " to be deleted but it wasn't", COMPONENT, null);
            } else {
                if (recheck == null || expectedDeletion.isBefore(recheck)) {
                    recheck = expectedDeletion;
                }
                disrupted.put(pod.getMetadata().getName(), since);
            }
        }
        int healthy = 0;
        for (Pod pod : pods) {
            if (pod.getMetadata().getDeletionTimestamp() != null || disrupted.containsKey(pod.getMetadata().getName())) {
                continue;
            }
            if (PodReadiness.ready(pod)) {
                healthy++;
            }
        }
        writeStatus(pdb, healthy, expected.desiredHealthy, expected.count, disrupted, now);
        if (recheck != null) {
            String key = key(ns, pdb.getMetadata().getName());
            timer.after(Duration.between(clock.instant(), recheck), () -> queue.add(key));
        }
    }

    /**
     * nonTerminatingPodHasStaleDisruptionCondition: how long until a pod's DisruptionTarget condition is stale, or
     * null when it has none to take back (being deleted, finished, or marked by its kubelet).
     */
    private Duration staleDisruptionIn(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return null;
        }
        PodCondition c = PodReadiness.condition(pod, "DisruptionTarget");
        String phase = PodReadiness.phase(pod);
        if (c == null || !"True".equals(c.getStatus()) || "TerminationByKubelet".equals(c.getReason())
                || "Succeeded".equals(phase) || "Failed".equals(phase)) {
            return null;
        }
        Instant since = Timestamps.parse(c.getLastTransitionTime());
        Duration wait = since == null ? Duration.ZERO
                : STALE_DISRUPTION_TIMEOUT.minus(Duration.between(since, clock.instant()));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** syncStalePodDisruption: the condition goes False, as the controller's forced apply of its status sets it. */
    private void syncStaleDisruption(String podKey) {
        String[] parts = podKey.split("/", 2);
        Pod pod;
        try {
            pod = registry.store(Pod.class).get(parts[0], parts[1]);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return;
            }
            throw e;
        }
        Duration stale = staleDisruptionIn(pod);
        if (stale == null) {
            return;
        }
        if (!stale.isZero()) {
            timer.after(stale, () -> queue.add(STALE + podKey));
            return;
        }
        String version = pod.getMetadata().getResourceVersion();
        String now = Timestamps.format(clock.instant());
        registry.store(Pod.class).update(parts[0], parts[1], "status", current -> {
            current.getMetadata().setResourceVersion(version);
            for (PodCondition c : current.getStatus().getConditions()) {
                if ("DisruptionTarget".equals(c.getType())) {
                    c.setStatus("False");
                    c.setLastTransitionTime(now);
                }
            }
            return current;
        }, FIELD_MANAGER);
    }

    /** expectedCount and desiredHealthy, as getExpectedPodCount computes them. */
    private Expected expected(PodDisruptionBudget pdb, List<Pod> pods) {
        IntOrString max = pdb.getSpec().getMaxUnavailable();
        IntOrString min = pdb.getSpec().getMinAvailable();
        if (max != null) {
            Expected scale = expectedScale(pods);
            int desired = scale.count - scaled(max, scale.count, "maxUnavailable");
            return new Expected(scale.count, Math.max(0, desired), scale.unmanaged);
        }
        if (min != null) {
            if (min.getStrVal() == null) {
                return new Expected(pods.size(), min.getIntVal() == null ? 0 : min.getIntVal(), List.of());
            }
            Expected scale = expectedScale(pods);
            return new Expected(scale.count, scaled(min, scale.count, "minAvailable"), scale.unmanaged);
        }
        return new Expected(0, 0, List.of());
    }

    /** The sum of the scales of the pods' controllers; pods with none are unmanaged. */
    private Expected expectedScale(List<Pod> pods) {
        Map<String, Integer> byController = new HashMap<>();
        List<String> unmanaged = new ArrayList<>();
        for (Pod pod : pods) {
            OwnerReference ref = Owners.controllerOf(pod);
            if (ref == null) {
                unmanaged.add(pod.getMetadata().getName());
                continue;
            }
            if (byController.containsKey(ref.getUid())) {
                continue;
            }
            ScaleFinder.Scale scale = scales.find(ref, pod.getMetadata().getNamespace());
            if (scale == null) {
                throw new SyncFailure("found no controllers for pod \"" + pod.getMetadata().getName() + "\"");
            }
            byController.put(scale.uid(), scale.replicas());
        }
        int count = byController.values().stream().mapToInt(Integer::intValue).sum();
        return new Expected(count, 0, unmanaged);
    }

    /** intstr.GetScaledValueFromIntOrPercent, rounding up. */
    private static int scaled(IntOrString value, int total, String field) {
        if (value.getStrVal() == null) {
            return value.getIntVal() == null ? 0 : value.getIntVal();
        }
        String s = value.getStrVal();
        if (!s.endsWith("%")) {
            throw new SyncFailure("invalid value for IntOrString: invalid type: string is not a percentage");
        }
        String digits = s.substring(0, s.length() - 1);
        int percent;
        try {
            percent = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            boolean number = !digits.isEmpty() && digits.chars().allMatch(Character::isDigit);
            throw new SyncFailure("invalid value for IntOrString: invalid value " + GoQuote.quote(s)
                    + ": strconv.Atoi: parsing " + GoQuote.quote(digits) + ": "
                    + (number ? "value out of range" : "invalid syntax"));
        }
        return (int) Math.ceil(percent * (double) total / 100);
    }

    /** updatePdbStatus: writes only what changed, disruptions allowed only when pods are expected. */
    private void writeStatus(PodDisruptionBudget pdb, int healthy, int desired, int expected,
            Map<String, String> disrupted, Instant now) {
        int allowed = healthy - desired;
        if (expected <= 0 || allowed <= 0) {
            allowed = 0;
        }
        PodDisruptionBudgetStatus old = pdb.getStatus() == null ? new PodDisruptionBudgetStatus() : pdb.getStatus();
        Map<String, String> oldDisrupted = old.getDisruptedPods() == null ? Map.of() : old.getDisruptedPods();
        if (n(old.getCurrentHealthy()) == healthy && n(old.getDesiredHealthy()) == desired
                && n(old.getExpectedPods()) == expected && n(old.getDisruptionsAllowed()) == allowed
                && oldDisrupted.equals(disrupted)
                && Objects.equals(old.getObservedGeneration(), pdb.getMetadata().getGeneration())
                && DisruptionAllowedCondition.upToDate(pdb)) {
            return;
        }
        int finalAllowed = allowed;
        String version = pdb.getMetadata().getResourceVersion();
        budgets().update(pdb.getMetadata().getNamespace(), pdb.getMetadata().getName(), "status", current -> {
            // the budget as read: an eviction that took a disruption meanwhile makes this write conflict and retry
            current.getMetadata().setResourceVersion(version);
            PodDisruptionBudgetStatus status = new PodDisruptionBudgetStatus();
            status.setCurrentHealthy(healthy);
            status.setDesiredHealthy(desired);
            status.setExpectedPods(expected);
            status.setDisruptionsAllowed(finalAllowed);
            status.setDisruptedPods(disrupted.isEmpty() ? null : new LinkedHashMap<>(disrupted));
            status.setObservedGeneration(pdb.getMetadata().getGeneration());
            status.setConditions(old.getConditions());
            DisruptionAllowedCondition.update(status, now);
            current.setStatus(status);
            return current;
        }, WRITER);
    }

    /** failSafe: no disruption allowed, the reason why in a SyncFailed condition. */
    private void failSafe(PodDisruptionBudget pdb, String why) {
        Instant now = clock.instant();
        String version = pdb.getMetadata().getResourceVersion();
        budgets().update(pdb.getMetadata().getNamespace(), pdb.getMetadata().getName(), "status", current -> {
            current.getMetadata().setResourceVersion(version);
            PodDisruptionBudgetStatus status = current.getStatus() == null ? new PodDisruptionBudgetStatus()
                    : current.getStatus();
            status.setDisruptionsAllowed(0);
            DisruptionAllowedCondition.set(status, "False", DisruptionAllowedCondition.SYNC_FAILED, why, now);
            current.setStatus(status);
            return current;
        }, WRITER);
    }

    /** The selector as Go's %v prints a *metav1.LabelSelector, through its generated String method. */
    private static String goSelector(LabelSelector selector) {
        StringBuilder s = new StringBuilder("&LabelSelector{MatchLabels:map[string]string{");
        if (selector.getMatchLabels() != null) {
            new TreeMap<>(selector.getMatchLabels()).forEach((k, v) -> s.append(k).append(": ").append(v)
                    .append(','));
        }
        s.append("},MatchExpressions:[]LabelSelectorRequirement{");
        if (selector.getMatchExpressions() != null) {
            selector.getMatchExpressions().forEach(r -> s.append("LabelSelectorRequirement{Key:").append(r.getKey())
                    .append(",Operator:").append(r.getOperator()).append(",Values:[")
                    .append(String.join(" ", r.getValues() == null ? List.of() : r.getValues())).append("],},"));
        }
        return s.append("},}").toString();
    }

    private static int n(Integer v) {
        return v == null ? 0 : v;
    }

    private ResourceStore<PodDisruptionBudget> budgets() {
        return registry.store(PodDisruptionBudget.class);
    }

    private record Expected(int count, int desiredHealthy, List<String> unmanaged) {
    }

    /** A budget the controller cannot compute, with the error kube records in its SyncFailed condition. */
    static final class SyncFailure extends RuntimeException {
        SyncFailure(String message) {
            super(message, null, false, false);
        }
    }
}

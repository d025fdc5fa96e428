package io.kubeling.controllers.autoscaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.EventRecorder;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.QueuedController;
import io.kubeling.controllers.metrics.SimulatedUsage;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.SubresourceEndpoints;
import io.kubeling.registry.Timestamps;
import io.kubeling.registry.selection.FieldSelector;
import io.kubeling.registry.selection.LabelSelector;
import io.kubeling.registry.selection.SelectorException;

/**
 * kube's horizontal pod autoscaler controller: every sync period (the first a period after the autoscaler appears) it
 * reads the target's scale, the metrics of the
 * pods the scale's selector picks, proposes a replica count per metric (the largest wins), stabilizes and bounds it
 * as the autoscaler's behavior (or the defaults) say, writes the target's scale when it changes, and reports the
 * metrics, counts and conditions in the autoscaler's status, with kube's events.
 */
@Component
class HorizontalController extends QueuedController {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("horizontal-pod-autoscaler");

    static final String COMPONENT = "horizontal-pod-autoscaler";
    /** --horizontal-pod-autoscaler-sync-period. */
    static final Duration SYNC_PERIOD = Duration.ofSeconds(15);

    private final ScaleTargets scales;
    private final MetricReplicas metrics;
    private final Stabilizer stabilizer = new Stabilizer();
    private final Set<String> resyncing = ConcurrentHashMap.newKeySet();
    /** Each autoscaler's selector as its last sync read it off its target, as kube's hpaSelectors keeps them. */
    private final Map<String, LabelSelector> selectors = new ConcurrentHashMap<>();

    HorizontalController(ControllerKit kit, SubresourceEndpoints endpoints, SimulatedUsage usage) {
        super("horizontal-pod-autoscaler", kit);
        this.scales = new ScaleTargets(kit.registry(), endpoints, kit.codec(), kit.access());
        this.metrics = new MetricReplicas(new ResourceMetrics(usage));
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        return List.of(feed.subscribe(HorizontalPodAutoscaler.class, this::onAutoscaler));
    }

    @Override
    protected void queueExisting() {
        for (HorizontalPodAutoscaler hpa : autoscalers().list(null, ListOptions.ALL).items()) {
            syncLater(key(hpa.getMetadata().getNamespace(), hpa.getMetadata().getName()));
        }
    }

    /**
     * As kube's controller queues every autoscaler through a rate limiter of one sync period, a new or respecified
     * one is first synced a period later, and its own status writes queue nothing.
     */
    private void onAutoscaler(Change<HorizontalPodAutoscaler> change) {
        HorizontalPodAutoscaler hpa = change.object();
        HorizontalPodAutoscaler previous = change.previous();
        String key = key(hpa.getMetadata().getNamespace(), hpa.getMetadata().getName());
        if (change.deleted()) {
            queue.add(key);
        } else if (previous == null
                || !Objects.equals(previous.getMetadata().getGeneration(), hpa.getMetadata().getGeneration())) {
            syncLater(key);
        }
    }

    /** Syncs the autoscaler a period from now, unless a sync is already due by then. */
    private void syncLater(String key) {
        if (resyncing.add(key)) {
            timer.after(SYNC_PERIOD, () -> {
                resyncing.remove(key);
                queue.add(key);
            });
        }
    }

    @Override
    protected void sync(String key) {
        String[] parts = key.split("/", 2);
        HorizontalPodAutoscaler hpa;
        try {
            hpa = autoscalers().get(parts[0], parts[1]);
        } catch (StatusException e) {
            if (e.code() == 404) {
                stabilizer.forget(key);
                selectors.remove(key);
                return;
            }
            throw e;
        }
        try {
            reconcile(hpa, key);
        } finally {
            syncLater(key);
        }
    }

    /** reconcileAutoscaler. */
    private void reconcile(HorizontalPodAutoscaler hpa, String key) {
        Instant now = clock.instant();
        HorizontalPodAutoscalerStatus original = hpa.getStatus();
        HorizontalPodAutoscalerStatus status = copy(original);
        String ns = hpa.getMetadata().getNamespace();
        ScaleTargets.Target target;
        try {
            target = scales.get(ns, hpa.getSpec().getScaleTargetRef());
        } catch (ScaleTargets.ScaleFailure e) {
            warn(hpa, "FailedGetScale", e.getMessage());
            Conditions.set(status, Conditions.ABLE_TO_SCALE, "False", "FailedGetScale",
                    "the HPA controller was unable to get the target's current scale: " + e.getMessage(), now);
            writeIfChanged(hpa, original, status);
            return;
        }
        Conditions.set(status, Conditions.ABLE_TO_SCALE, "True", "SucceededGetScale",
                "the HPA controller was able to get the target's current scale", now);
        Scale scale = target.scale();
        int current = scale.getSpec() == null || scale.getSpec().getReplicas() == null ? 0
                : scale.getSpec().getReplicas();
        stabilizer.begin(key, current, now);
        int min = hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas();
        int max = hpa.getSpec().getMaxReplicas() == null ? 0 : hpa.getSpec().getMaxReplicas();
        List<MetricStatus> metricStatuses = null;
        int desired = 0;
        String reason = "";
        boolean rescale = true;
        if (current == 0 && min != 0) {
            rescale = false;
            Conditions.set(status, Conditions.SCALING_ACTIVE, "False", "ScalingDisabled",
                    "scaling is disabled since the replica count of the target is zero", now);
        } else if (current > max) {
            reason = "Current number of replicas above Spec.MaxReplicas";
            desired = max;
        } else if (current < min) {
            reason = "Current number of replicas below Spec.MinReplicas";
            desired = min;
        } else {
            Computed computed = computeReplicas(hpa, status, scale, now);
            metricStatuses = computed.statuses();
            if (computed.replicas() == -1) {
                setStatus(status, current, status.getDesiredReplicas(), metricStatuses, false, now);
                writeIfChanged(hpa, original, status);
                warn(hpa, "FailedComputeMetricsReplicas", computed.error());
                return;
            }
            String rescaleMetric = "";
            if (computed.replicas() > desired) {
                desired = computed.replicas();
                rescaleMetric = computed.metric();
            }
            if (desired > current) {
                reason = rescaleMetric + " above target";
            }
            if (desired < current) {
                reason = "All metrics below target";
            }
            Stabilizer.Normalized normalized = hpa.getSpec().getBehavior() == null
                    ? stabilizer.normalize(key, current, desired, min, max, now)
                    : stabilizer.normalize(key, hpa.getSpec().getBehavior(), current, desired, min, max, now);
            Conditions.set(status, Conditions.ABLE_TO_SCALE, "True", normalized.ableReason(),
                    normalized.ableMessage(), now);
            Conditions.set(status, Conditions.SCALING_LIMITED, normalized.limited() ? "True" : "False",
                    normalized.limitReason(), normalized.limitMessage(), now);
            desired = normalized.replicas();
            rescale = desired != current;
        }
        if (rescale) {
            try {
                scales.update(ns, target, desired);
            } catch (StatusException e) {
                warn(hpa, "FailedRescale", "New size: " + desired + "; reason: " + reason + "; error: "
                        + e.getMessage());
                Conditions.set(status, Conditions.ABLE_TO_SCALE, "False", "FailedUpdateScale",
                        "the HPA controller was unable to update the target scale: " + e.getMessage(), now);
                setStatus(status, current, status.getDesiredReplicas(), metricStatuses, false, now);
                writeIfChanged(hpa, original, status);
                return;
            }
            Conditions.set(status, Conditions.ABLE_TO_SCALE, "True", "SucceededRescale",
                    "the HPA controller was able to update the target scale to " + desired, now);
            events.record(EventRecorder.reference(hpa), EventRecorder.NORMAL, "SuccessfulRescale",
                    "New size: " + desired + "; reason: " + reason, COMPONENT, null);
            stabilizer.scaled(key, hpa.getSpec().getBehavior(), current, desired, now);
        } else {
            desired = current;
        }
        setStatus(status, current, desired, metricStatuses, rescale, now);
        writeIfChanged(hpa, original, status);
    }

    /** The replicas the metrics propose (-1 when none can be used), the metric that proposed them, the statuses. */
    private record Computed(int replicas, String metric, List<MetricStatus> statuses, String error) {
    }

    /** computeReplicasForMetrics: the largest proposal; no scale-down while any metric fails. */
    private Computed computeReplicas(HorizontalPodAutoscaler hpa, HorizontalPodAutoscalerStatus status, Scale scale,
            Instant now) {
        String selectorText = scale.getStatus() == null ? null : scale.getStatus().getSelector();
        if (selectorText == null || selectorText.isEmpty()) {
            warn(hpa, "SelectorRequired", "selector is required");
            Conditions.set(status, Conditions.SCALING_ACTIVE, "False", "InvalidSelector",
                    "the HPA target's scale is missing a selector", now);
            return new Computed(-1, "", null, "selector is required");
        }
        LabelSelector selector;
        try {
            selector = LabelSelector.parse(selectorText);
        } catch (SelectorException e) {
            String message = "couldn't convert selector into a corresponding internal selector object: "
                    + e.getMessage();
            warn(hpa, "InvalidSelector", message);
            Conditions.set(status, Conditions.SCALING_ACTIVE, "False", "InvalidSelector", message, now);
            return new Computed(-1, "", null, message);
        }
        String ns = hpa.getMetadata().getNamespace();
        selectors.put(key(ns, hpa.getMetadata().getName()), selector);
        List<Pod> pods = registry.store(Pod.class)
                .list(ns, new ListOptions(selector, FieldSelector.EVERYTHING, 0, null, null, null)).items();
        List<String> controlling = controlling(ns, pods);
        if (controlling.size() > 1) {
            String message = "pods by selector " + selectorText + " are controlled by multiple HPAs: ["
                    + String.join(" ", controlling) + "]";
            warn(hpa, "AmbiguousSelector", message);
            Conditions.set(status, Conditions.SCALING_ACTIVE, "False", "AmbiguousSelector", message, now);
            return new Computed(-1, "", null, message);
        }
        int specReplicas = scale.getSpec().getReplicas() == null ? 0 : scale.getSpec().getReplicas();
        MetricReplicas.Scope scope = new MetricReplicas.Scope(ns, selector, pods, now, specReplicas);
        List<MetricSpec> specs = hpa.getSpec().getMetrics() == null ? List.of() : hpa.getSpec().getMetrics();
        List<MetricStatus> statuses = new ArrayList<>();
        int replicas = 0;
        String metric = "";
        int invalid = 0;
        MetricFailure first = null;
        for (MetricSpec spec : specs) {
            try {
                MetricReplicas.Proposal p = metrics.compute(spec, scope, (reason, message) -> warn(hpa, reason,
                        message));
                statuses.add(p.status());
                if (replicas == 0 || p.replicas() > replicas) {
                    replicas = p.replicas();
                    metric = p.name();
                }
            } catch (MetricFailure e) {
                MetricStatus empty = new MetricStatus();
                empty.setType("");
                statuses.add(empty);
                if (first == null) {
                    first = e;
                }
                invalid++;
            }
        }
        String error = first == null ? null : "invalid metrics (" + invalid + " invalid out of " + specs.size()
                + "), first error is: " + first.getMessage();
        if (first != null && (invalid >= specs.size() || replicas < specReplicas)) {
            Conditions.set(status, Conditions.SCALING_ACTIVE, "False", first.reason(), first.conditionMessage(), now);
            return new Computed(-1, "", statuses, error);
        }
        Conditions.set(status, Conditions.SCALING_ACTIVE, "True", "ValidMetricFound",
                "the HPA was able to successfully calculate a replica count from " + metric, now);
        return new Computed(replicas, metric, statuses, error);
    }

    /** hpasControllingPodsUnderSelector: the autoscalers, sorted, whose last selector picks any of these pods. */
    private List<String> controlling(String ns, List<Pod> pods) {
        Set<String> keys = new TreeSet<>();
        selectors.forEach((key, selector) -> {
            if (key.startsWith(ns + "/") && pods.stream().anyMatch(p -> selector.matches(
                    p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels()))) {
                keys.add(key);
            }
        });
        return List.copyOf(keys);
    }

    /** setStatus: the counts and metrics anew, the scale time moved on a rescale, the conditions kept. */
    private static void setStatus(HorizontalPodAutoscalerStatus status, int current, Integer desired,
            List<MetricStatus> metricStatuses, boolean rescale, Instant now) {
        status.setCurrentReplicas(current);
        status.setDesiredReplicas(desired == null ? 0 : desired);
        status.setCurrentMetrics(metricStatuses == null || metricStatuses.isEmpty() ? null : metricStatuses);
        if (rescale) {
            status.setLastScaleTime(Timestamps.format(now));
        }
    }

    /** updateStatusIfNeeded. */
    private void writeIfChanged(HorizontalPodAutoscaler hpa, HorizontalPodAutoscalerStatus original,
            HorizontalPodAutoscalerStatus status) {
        if (Objects.equals(original, status)) {
            return;
        }
        String version = hpa.getMetadata().getResourceVersion();
        try {
            autoscalers().update(hpa.getMetadata().getNamespace(), hpa.getMetadata().getName(), "status",
                    current -> {
                        current.getMetadata().setResourceVersion(version);
                        current.setStatus(status);
                        return current;
                    }, WRITER);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return;
            }
            warn(hpa, "FailedUpdateStatus", e.getMessage());
            throw e;
        }
    }

    private void warn(HorizontalPodAutoscaler hpa, String reason, String message) {
        events.record(EventRecorder.reference(hpa), EventRecorder.WARNING, reason, message, COMPONENT, null);
    }

    private HorizontalPodAutoscalerStatus copy(HorizontalPodAutoscalerStatus status) {
        if (status == null) {
            return new HorizontalPodAutoscalerStatus();
        }
        return codec.mapper().convertValue(status, HorizontalPodAutoscalerStatus.class);
    }

    private ResourceStore<HorizontalPodAutoscaler> autoscalers() {
        return registry.store(HorizontalPodAutoscaler.class);
    }
}

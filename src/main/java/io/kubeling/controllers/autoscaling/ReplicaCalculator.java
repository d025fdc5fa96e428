package io.kubeling.controllers.autoscaling;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeling.controllers.PodReadiness;
import io.kubeling.registry.Timestamps;

/**
 * kube's replica calculator for resource metrics: the usage ratio over the ready pods, within the tolerance no change,
 * missing pods counted at 100% of their request on a scale-down and 0 on a scale-up, pods not yet ready counted at 0
 * on a scale-up, and no change when those assumptions would turn the direction around.
 */
final class ReplicaCalculator {

    /** kube-controller-manager's --horizontal-pod-autoscaler-tolerance. */
    static final double TOLERANCE = 0.1;
    /** --horizontal-pod-autoscaler-cpu-initialization-period. */
    static final Duration CPU_INITIALIZATION_PERIOD = Duration.ofMinutes(5);
    /** --horizontal-pod-autoscaler-initial-readiness-delay. */
    static final Duration INITIAL_READINESS_DELAY = Duration.ofSeconds(30);

    /** A proposal: the replicas, the utilization in percent (resource targets) and the average raw value. */
    record Proposal(int replicas, int utilization, long rawAverage, Instant timestamp) {
    }

    /** A count that cannot be computed, with kube's error text. */
    static final class CalculationFailure extends RuntimeException {
        CalculationFailure(String message) {
            super(message, null, false, false);
        }
    }

    private record Groups(int ready, Set<String> unready, Set<String> missing, Set<String> ignored) {
    }

    private ReplicaCalculator() {
    }

    /** GetResourceReplicas: a target utilization in percent of the pods' requests. */
    static Proposal resourceReplicas(int currentReplicas, int targetUtilization, String resource, String container,
            List<Pod> pods, Map<String, PodMetric> fetched, Instant timestamp, Instant now) {
        if (pods.isEmpty()) {
            throw new CalculationFailure("no pods returned by selector while calculating replica count");
        }
        Map<String, PodMetric> metrics = new HashMap<>(fetched);
        Groups groups = group(pods, metrics, resource, now);
        metrics.keySet().removeAll(groups.ignored());
        metrics.keySet().removeAll(groups.unready());
        Map<String, Long> requests = requests(pods, container, resource);
        if (metrics.isEmpty()) {
            throw new CalculationFailure("did not receive metrics for any ready pods");
        }
        Ratio ratio = utilizationRatio(metrics, requests, targetUtilization);
        boolean scaleUpWithUnready = !groups.unready().isEmpty() && ratio.ratio > 1.0;
        if (!scaleUpWithUnready && groups.missing().isEmpty()) {
            if (Math.abs(1.0 - ratio.ratio) <= TOLERANCE) {
                return new Proposal(currentReplicas, ratio.utilization, ratio.raw, timestamp);
            }
            return new Proposal((int) Math.ceil(ratio.ratio * groups.ready()), ratio.utilization, ratio.raw,
                    timestamp);
        }
        if (!groups.missing().isEmpty()) {
            if (ratio.ratio < 1.0) {
                // on a scale-down, a missing pod uses all of its request, or the target when that is higher
                long fallback = Math.max(100, targetUtilization);
                for (String name : groups.missing()) {
                    metrics.put(name, new PodMetric(requests.getOrDefault(name, 0L) * fallback / 100, null, null));
                }
            } else if (ratio.ratio > 1.0) {
                for (String name : groups.missing()) {
                    metrics.put(name, new PodMetric(0, null, null));
                }
            }
        }
        if (scaleUpWithUnready) {
            for (String name : groups.unready()) {
                metrics.put(name, new PodMetric(0, null, null));
            }
        }
        double newRatio = utilizationRatio(metrics, requests, targetUtilization).ratio;
        return settle(currentReplicas, ratio.ratio, newRatio, metrics.size(),
                new Proposal(0, ratio.utilization, ratio.raw, timestamp));
    }

    /** GetRawResourceReplicas through calcPlainMetricReplicas: a target average value per pod, in thousandths. */
    static Proposal rawReplicas(int currentReplicas, long targetAverage, String resource, List<Pod> pods,
            Map<String, PodMetric> fetched, Instant timestamp, Instant now) {
        if (pods.isEmpty()) {
            throw new CalculationFailure("no pods returned by selector while calculating replica count");
        }
        Map<String, PodMetric> metrics = new HashMap<>(fetched);
        Groups groups = group(pods, metrics, resource, now);
        metrics.keySet().removeAll(groups.ignored());
        metrics.keySet().removeAll(groups.unready());
        if (metrics.isEmpty()) {
            throw new CalculationFailure("did not receive metrics for any ready pods");
        }
        long usage = average(metrics);
        double ratio = (double) usage / targetAverage;
        boolean scaleUpWithUnready = !groups.unready().isEmpty() && ratio > 1.0;
        if (!scaleUpWithUnready && groups.missing().isEmpty()) {
            if (Math.abs(1.0 - ratio) <= TOLERANCE) {
                return new Proposal(currentReplicas, 0, usage, timestamp);
            }
            return new Proposal((int) Math.ceil(ratio * groups.ready()), 0, usage, timestamp);
        }
        if (!groups.missing().isEmpty()) {
            long assumed = ratio < 1.0 ? targetAverage : 0;
            if (ratio != 1.0) {
                for (String name : groups.missing()) {
                    metrics.put(name, new PodMetric(assumed, null, null));
                }
            }
        }
        if (scaleUpWithUnready) {
            for (String name : groups.unready()) {
                metrics.put(name, new PodMetric(0, null, null));
            }
        }
        double newRatio = (double) average(metrics) / targetAverage;
        return settle(currentReplicas, ratio, newRatio, metrics.size(), new Proposal(0, 0, usage, timestamp));
    }

    /** The second pass: no change within the tolerance or when the direction turns around. */
    private static Proposal settle(int currentReplicas, double ratio, double newRatio, int counted, Proposal base) {
        if (Math.abs(1.0 - newRatio) <= TOLERANCE || (ratio < 1.0 && newRatio > 1.0)
                || (ratio > 1.0 && newRatio < 1.0)) {
            return new Proposal(currentReplicas, base.utilization(), base.rawAverage(), base.timestamp());
        }
        int replicas = (int) Math.ceil(newRatio * counted);
        if ((newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas)) {
            replicas = currentReplicas;
        }
        return new Proposal(replicas, base.utilization(), base.rawAverage(), base.timestamp());
    }

    private record Ratio(double ratio, int utilization, long raw) {
    }

    /** GetResourceUtilizationRatio, in Go's integer arithmetic. */
    private static Ratio utilizationRatio(Map<String, PodMetric> metrics, Map<String, Long> requests, int target) {
        long metricsTotal = 0;
        long requestsTotal = 0;
        int entries = 0;
        for (Map.Entry<String, PodMetric> e : metrics.entrySet()) {
            Long request = requests.get(e.getKey());
            if (request == null) {
                continue;
            }
            metricsTotal += e.getValue().value();
            requestsTotal += request;
            entries++;
        }
        if (requestsTotal == 0) {
            throw new CalculationFailure("no metrics returned matched known pods");
        }
        int utilization = (int) (metricsTotal * 100 / requestsTotal);
        return new Ratio((double) utilization / target, utilization, metricsTotal / entries);
    }

    private static long average(Map<String, PodMetric> metrics) {
        long total = 0;
        for (PodMetric m : metrics.values()) {
            total += m.value();
        }
        return total / metrics.size();
    }

    /** calculatePodRequests: every counted container must request the resource. */
    private static Map<String, Long> requests(List<Pod> pods, String container, String resource) {
        Map<String, Long> out = new HashMap<>();
        for (Pod pod : pods) {
            long sum = 0;
            for (Container c : pod.getSpec().getContainers()) {
                if (container != null && !container.equals(c.getName())) {
                    continue;
                }
                Quantity q = c.getResources() == null || c.getResources().getRequests() == null ? null
                        : c.getResources().getRequests().get(resource);
                if (q == null) {
                    throw new CalculationFailure("missing request for " + resource + " in container " + c.getName()
                            + " of Pod " + pod.getMetadata().getName());
                }
                sum += MilliValues.of(q);
            }
            out.put(pod.getMetadata().getName(), sum);
        }
        return out;
    }

    /**
     * groupPods: deleted and failed pods ignored; pending ones, and for cpu those not ready or measured too soon
     * after becoming ready within the initialization period, unready; those without a metric missing.
     */
    private static Groups group(List<Pod> pods, Map<String, PodMetric> metrics, String resource, Instant now) {
        int ready = 0;
        Set<String> unready = new HashSet<>();
        Set<String> missing = new HashSet<>();
        Set<String> ignored = new HashSet<>();
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            String phase = PodReadiness.phase(pod);
            if (pod.getMetadata().getDeletionTimestamp() != null || "Failed".equals(phase)) {
                ignored.add(name);
                continue;
            }
            if ("Pending".equals(phase)) {
                unready.add(name);
                continue;
            }
            PodMetric metric = metrics.get(name);
            if (metric == null) {
                missing.add(name);
                continue;
            }
            if ("cpu".equals(resource) && cpuUnready(pod, metric, now)) {
                unready.add(name);
                continue;
            }
            ready++;
        }
        return new Groups(ready, unready, missing, ignored);
    }

    private static boolean cpuUnready(Pod pod, PodMetric metric, Instant now) {
        PodCondition condition = PodReadiness.condition(pod, "Ready");
        Instant start = pod.getStatus() == null ? null : Timestamps.parse(pod.getStatus().getStartTime());
        if (condition == null || start == null) {
            return true;
        }
        Instant transition = Timestamps.parse(condition.getLastTransitionTime());
        if (transition == null) {
            transition = Instant.EPOCH;
        }
        if (start.plus(CPU_INITIALIZATION_PERIOD).isAfter(now)) {
            return "False".equals(condition.getStatus())
                    || metric.timestamp().isBefore(transition.plus(metric.window()));
        }
        return "False".equals(condition.getStatus()) && start.plus(INITIAL_READINESS_DELAY).isAfter(transition);
    }
}

package io.kubeling.controllers.autoscaling;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;

/**
 * What the HPA controller remembers of each autoscaler between syncs, in memory as kube keeps it: the recent
 * unstabilized recommendations and scale events, and the normalization of a proposal with them: the stabilization
 * windows, the scaling policies' rates, and the bounds, each with the condition kube reports.
 */
final class Stabilizer {

    /** --horizontal-pod-autoscaler-downscale-stabilization. */
    static final Duration DOWNSCALE_STABILIZATION = Duration.ofMinutes(5);
    private static final double SCALE_UP_LIMIT_FACTOR = 2.0;
    private static final double SCALE_UP_LIMIT_MINIMUM = 4.0;

    /** The normalized count, and the AbleToScale and ScalingLimited reasons and messages that go with it. */
    record Normalized(int replicas, String ableReason, String ableMessage, boolean limited, String limitReason,
            String limitMessage) {
    }

    private record Recommendation(int replicas, Instant at) {
    }

    private static final class ScaleEvent {
        final int change;
        final Instant at;
        boolean outdated;

        ScaleEvent(int change, Instant at) {
            this.change = change;
            this.at = at;
        }
    }

    private static final class Memory {
        final List<Recommendation> recommendations = new ArrayList<>();
        final List<ScaleEvent> ups = new ArrayList<>();
        final List<ScaleEvent> downs = new ArrayList<>();
    }

    private final Map<String, Memory> memories = new ConcurrentHashMap<>();

    /** recordInitialRecommendation: the first sync remembers the current size. */
    void begin(String key, int currentReplicas, Instant now) {
        Memory m = memories.computeIfAbsent(key, k -> new Memory());
        synchronized (m) {
            if (m.recommendations.isEmpty()) {
                m.recommendations.add(new Recommendation(currentReplicas, now));
            }
        }
    }

    void forget(String key) {
        memories.remove(key);
    }

    /** normalizeDesiredReplicas, for an autoscaler without behavior. */
    Normalized normalize(String key, int current, int proposed, int min, int max, Instant now) {
        Memory m = memories.computeIfAbsent(key, k -> new Memory());
        int stabilized;
        synchronized (m) {
            stabilized = proposed;
            int oldIndex = -1;
            Instant cutoff = now.minus(DOWNSCALE_STABILIZATION);
            for (int i = 0; i < m.recommendations.size(); i++) {
                Recommendation r = m.recommendations.get(i);
                if (r.at().isBefore(cutoff)) {
                    oldIndex = i;
                } else if (r.replicas() > stabilized) {
                    stabilized = r.replicas();
                }
            }
            Recommendation fresh = new Recommendation(proposed, now);
            if (oldIndex >= 0) {
                m.recommendations.set(oldIndex, fresh);
            } else {
                m.recommendations.add(fresh);
            }
        }
        String ableReason = stabilized != proposed ? "ScaleDownStabilized" : "ReadyForNewScale";
        String ableMessage = stabilized != proposed
                ? "recent recommendations were higher than current one, applying the highest recent recommendation"
                : "recommended size matches current size";
        int scaleUpLimit = (int) Math.max(SCALE_UP_LIMIT_FACTOR * current, SCALE_UP_LIMIT_MINIMUM);
        int maximum;
        String reason;
        String message;
        if (max > scaleUpLimit) {
            maximum = scaleUpLimit;
            reason = "ScaleUpLimit";
            message = "the desired replica count is increasing faster than the maximum scale rate";
        } else {
            maximum = max;
            reason = "TooManyReplicas";
            message = "the desired replica count is more than the maximum replica count";
        }
        int desired = stabilized;
        if (stabilized < min) {
            desired = min;
            reason = "TooFewReplicas";
            message = "the desired replica count is less than the minimum replica count";
        } else if (stabilized > maximum) {
            desired = maximum;
        } else {
            reason = "DesiredWithinRange";
            message = "the desired count is within the acceptable range";
        }
        return new Normalized(desired, ableReason, ableMessage, desired != stabilized, reason, message);
    }

    /** normalizeDesiredReplicasWithBehaviors: both stabilization windows, then the policies' rates. */
    Normalized normalize(String key, HorizontalPodAutoscalerBehavior behavior, int current, int proposed, int min,
            int max, Instant now) {
        HPAScalingRules up = behavior.getScaleUp();
        HPAScalingRules down = behavior.getScaleDown();
        Memory m = memories.computeIfAbsent(key, k -> new Memory());
        synchronized (m) {
            Instant upCutoff = now.minusSeconds(window(up, 0));
            Instant downCutoff = now.minusSeconds(window(down, (int) DOWNSCALE_STABILIZATION.toSeconds()));
            int upRecommendation = proposed;
            int downRecommendation = proposed;
            int oldIndex = -1;
            for (int i = 0; i < m.recommendations.size(); i++) {
                Recommendation r = m.recommendations.get(i);
                if (r.at().isAfter(upCutoff)) {
                    upRecommendation = Math.min(r.replicas(), upRecommendation);
                }
                if (r.at().isAfter(downCutoff)) {
                    downRecommendation = Math.max(r.replicas(), downRecommendation);
                }
                if (r.at().isBefore(upCutoff) && r.at().isBefore(downCutoff)) {
                    oldIndex = i;
                }
            }
            int stabilized = Math.min(Math.max(current, upRecommendation), downRecommendation);
            Recommendation fresh = new Recommendation(proposed, now);
            if (oldIndex >= 0) {
                m.recommendations.set(oldIndex, fresh);
            } else {
                m.recommendations.add(fresh);
            }
            String ableReason;
            String ableMessage;
            if (stabilized == proposed) {
                ableReason = "ReadyForNewScale";
                ableMessage = "recommended size matches current size";
            } else if (proposed >= current) {
                ableReason = "ScaleUpStabilized";
                ableMessage = "recent recommendations were lower than current one, applying the lowest recent "
                        + "recommendation";
            } else {
                ableReason = "ScaleDownStabilized";
                ableMessage = "recent recommendations were higher than current one, applying the highest recent "
                        + "recommendation";
            }
            int desired = stabilized;
            String reason = "DesiredWithinRange";
            String message = "the desired count is within the acceptable range";
            if (stabilized > current) {
                int limit = Math.max(current, scaleUpLimit(current, m, up, now));
                int maximum = max;
                if (maximum > limit) {
                    maximum = limit;
                    reason = "ScaleUpLimit";
                    message = "the desired replica count is increasing faster than the maximum scale rate";
                } else {
                    reason = "TooManyReplicas";
                    message = "the desired replica count is more than the maximum replica count";
                }
                if (stabilized > maximum) {
                    desired = maximum;
                } else {
                    reason = "DesiredWithinRange";
                    message = "the desired count is within the acceptable range";
                }
            } else if (stabilized < current) {
                int limit = Math.min(current, scaleDownLimit(current, m, down, now));
                int minimum = min;
                if (minimum < limit) {
                    minimum = limit;
                    reason = "ScaleDownLimit";
                    message = "the desired replica count is decreasing faster than the maximum scale rate";
                } else {
                    reason = "TooFewReplicas";
                    message = "the desired replica count is less than the minimum replica count";
                }
                if (stabilized < minimum) {
                    desired = minimum;
                } else {
                    reason = "DesiredWithinRange";
                    message = "the desired count is within the acceptable range";
                }
            }
            return new Normalized(desired, ableReason, ableMessage, desired != stabilized, reason, message);
        }
    }

    /** storeScaleEvent: remembered only for autoscalers with behavior, reusing an outdated slot. */
    void scaled(String key, HorizontalPodAutoscalerBehavior behavior, int previous, int replicas, Instant now) {
        if (behavior == null) {
            return;
        }
        Memory m = memories.computeIfAbsent(key, k -> new Memory());
        synchronized (m) {
            boolean upwards = replicas > previous;
            List<ScaleEvent> events = upwards ? m.ups : m.downs;
            HPAScalingRules rules = upwards ? behavior.getScaleUp() : behavior.getScaleDown();
            Instant cutoff = now.minusSeconds(longestPeriod(rules));
            int slot = -1;
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).at.isBefore(cutoff)) {
                    events.get(i).outdated = true;
                }
                if (events.get(i).outdated) {
                    slot = i;
                }
            }
            ScaleEvent event = new ScaleEvent(Math.abs(replicas - previous), now);
            if (slot >= 0) {
                events.set(slot, event);
            } else {
                events.add(event);
            }
        }
    }

    private static int scaleUpLimit(int current, Memory m, HPAScalingRules rules, Instant now) {
        String select = rules.getSelectPolicy() == null ? "Max" : rules.getSelectPolicy();
        if (select.equals("Disabled")) {
            return current;
        }
        boolean minChange = select.equals("Min");
        int result = minChange ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (HPAScalingPolicy policy : policies(rules)) {
            int start = current - changed(policy, m.ups, now) + changed(policy, m.downs, now);
            int proposed = "Pods".equals(policy.getType()) ? start + value(policy)
                    : (int) Math.ceil(start * (1 + value(policy) / 100.0));
            result = minChange ? Math.min(result, proposed) : Math.max(result, proposed);
        }
        return result;
    }

    private static int scaleDownLimit(int current, Memory m, HPAScalingRules rules, Instant now) {
        String select = rules.getSelectPolicy() == null ? "Max" : rules.getSelectPolicy();
        if (select.equals("Disabled")) {
            return current;
        }
        boolean minChange = select.equals("Min");
        int result = minChange ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        for (HPAScalingPolicy policy : policies(rules)) {
            int start = current - changed(policy, m.ups, now) + changed(policy, m.downs, now);
            int proposed = "Pods".equals(policy.getType()) ? start - value(policy)
                    : (int) (start * (1 - value(policy) / 100.0));
            result = minChange ? Math.max(result, proposed) : Math.min(result, proposed);
        }
        return result;
    }

    /** getReplicasChangePerPeriod: the replicas changed within the policy's period. */
    private static int changed(HPAScalingPolicy policy, List<ScaleEvent> events, Instant now) {
        Instant cutoff = now.minusSeconds(policy.getPeriodSeconds() == null ? 0 : policy.getPeriodSeconds());
        int sum = 0;
        for (ScaleEvent e : events) {
            if (e.at.isAfter(cutoff)) {
                sum += e.change;
            }
        }
        return sum;
    }

    private static int longestPeriod(HPAScalingRules rules) {
        int longest = 0;
        for (HPAScalingPolicy policy : policies(rules)) {
            longest = Math.max(longest, policy.getPeriodSeconds() == null ? 0 : policy.getPeriodSeconds());
        }
        return longest;
    }

    private static List<HPAScalingPolicy> policies(HPAScalingRules rules) {
        return rules == null || rules.getPolicies() == null ? List.of() : rules.getPolicies();
    }

    private static int value(HPAScalingPolicy policy) {
        return policy.getValue() == null ? 0 : policy.getValue();
    }

    private static long window(HPAScalingRules rules, int fallback) {
        return rules == null || rules.getStabilizationWindowSeconds() == null ? fallback
                : rules.getStabilizationWindowSeconds();
    }
}

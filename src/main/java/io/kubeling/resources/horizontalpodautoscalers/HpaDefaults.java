package io.kubeling.resources.horizontalpodautoscalers;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricSource;

/** kube's autoscaling/v2 SetDefaults_HorizontalPodAutoscaler: one replica at least, 80% CPU, the scaling rules. */
final class HpaDefaults {

    static final int DEFAULT_CPU_UTILIZATION = 80;

    private HpaDefaults() {
    }

    static void apply(HorizontalPodAutoscaler hpa) {
        if (hpa.getSpec() == null) {
            hpa.setSpec(new HorizontalPodAutoscalerSpec());
        }
        HorizontalPodAutoscalerSpec spec = hpa.getSpec();
        if (spec.getMinReplicas() == null) {
            spec.setMinReplicas(1);
        }
        if (spec.getMaxReplicas() == null) {
            spec.setMaxReplicas(0);
        }
        if (spec.getMetrics() == null || spec.getMetrics().isEmpty()) {
            spec.setMetrics(new ArrayList<>(List.of(cpu(DEFAULT_CPU_UTILIZATION))));
        }
        HorizontalPodAutoscalerBehavior behavior = spec.getBehavior();
        if (behavior != null) {
            behavior.setScaleUp(merge(behavior.getScaleUp(), 0, List.of(policy("Pods", 4), policy("Percent", 100))));
            behavior.setScaleDown(merge(behavior.getScaleDown(), null, List.of(policy("Percent", 100))));
        }
    }

    /** A CPU utilization metric, as v1's targetCPUUtilizationPercentage becomes. */
    static MetricSpec cpu(int utilization) {
        MetricTarget target = new MetricTarget();
        target.setType("Utilization");
        target.setAverageUtilization(utilization);
        ResourceMetricSource resource = new ResourceMetricSource();
        resource.setName("cpu");
        resource.setTarget(target);
        MetricSpec metric = new MetricSpec();
        metric.setType("Resource");
        metric.setResource(resource);
        return metric;
    }

    /** Fills what the given rules leave unset; tolerance, a field kube 1.32 does not know, is dropped. */
    private static HPAScalingRules merge(HPAScalingRules given, Integer window, List<HPAScalingPolicy> policies) {
        HPAScalingRules rules = new HPAScalingRules();
        rules.setStabilizationWindowSeconds(window);
        rules.setSelectPolicy("Max");
        rules.setPolicies(new ArrayList<>(policies));
        if (given != null) {
            if (given.getSelectPolicy() != null) {
                rules.setSelectPolicy(given.getSelectPolicy());
            }
            if (given.getStabilizationWindowSeconds() != null) {
                rules.setStabilizationWindowSeconds(given.getStabilizationWindowSeconds());
            }
            if (given.getPolicies() != null && !given.getPolicies().isEmpty()) {
                rules.setPolicies(given.getPolicies());
            }
        }
        return rules;
    }

    private static HPAScalingPolicy policy(String type, int value) {
        HPAScalingPolicy policy = new HPAScalingPolicy();
        policy.setType(type);
        policy.setValue(value);
        policy.setPeriodSeconds(15);
        return policy;
    }
}

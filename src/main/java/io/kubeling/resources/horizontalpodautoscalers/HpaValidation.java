package io.kubeling.resources.horizontalpodautoscalers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ContainerResourceMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ExternalMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingPolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricIdentifier;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ObjectMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.PodsMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricSource;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.registry.validation.Names;
import io.kubeling.resources.common.LabelSelectors;

/** kube's validateHorizontalPodAutoscalerSpec: bounds, the scale target, then the metrics, then the behavior. */
final class HpaValidation {

    private static final List<String> SOURCE_TYPES = List.of("Object", "Pods", "Resource", "External",
            "ContainerResource");
    private static final List<String> SELECT_POLICIES = List.of("Disabled", "Max", "Min");
    private static final List<String> POLICY_TYPES = List.of("Percent", "Pods");
    private static final int MAX_PERIOD_SECONDS = 1800;
    private static final int MAX_STABILIZATION_WINDOW_SECONDS = 3600;

    private HpaValidation() {
    }

    static List<FieldError> validate(HorizontalPodAutoscalerSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        Integer min = spec.getMinReplicas();
        int max = spec.getMaxReplicas() == null ? 0 : spec.getMaxReplicas();
        if (min != null && min < 1) {
            errs.add(FieldError.invalid("spec.minReplicas", min, "must be greater than or equal to 1"));
        }
        if (max < 1) {
            errs.add(FieldError.invalid("spec.maxReplicas", max, "must be greater than 0"));
        }
        if (min != null && max < min) {
            errs.add(FieldError.invalid("spec.maxReplicas", max, "must be greater than or equal to `minReplicas`"));
        }
        List<FieldError> ref = reference(spec.getScaleTargetRef(), "spec.scaleTargetRef");
        if (!ref.isEmpty()) {
            errs.addAll(ref);
            return errs;
        }
        List<FieldError> metrics = metrics(spec.getMetrics() == null ? List.of() : spec.getMetrics(), min);
        if (!metrics.isEmpty()) {
            errs.addAll(metrics);
            return errs;
        }
        errs.addAll(behavior(spec.getBehavior()));
        return errs;
    }

    private static List<FieldError> reference(CrossVersionObjectReference ref, String path) {
        List<FieldError> errs = new ArrayList<>();
        String kind = ref == null || ref.getKind() == null ? "" : ref.getKind();
        String name = ref == null || ref.getName() == null ? "" : ref.getName();
        pathSegment(errs, kind, path + ".kind");
        pathSegment(errs, name, path + ".name");
        return errs;
    }

    private static void pathSegment(List<FieldError> errs, String value, String path) {
        if (value.isEmpty()) {
            errs.add(FieldError.required(path, ""));
        } else {
            Names.pathSegmentName(value).forEach(m -> errs.add(FieldError.invalid(path, value, m)));
        }
    }

    private static List<FieldError> metrics(List<MetricSpec> metrics, Integer min) {
        List<FieldError> errs = new ArrayList<>();
        boolean objectOrExternal = false;
        for (int i = 0; i < metrics.size(); i++) {
            MetricSpec metric = metrics.get(i);
            metric(errs, metric, "spec.metrics[" + i + "]");
            objectOrExternal |= "Object".equals(metric.getType()) || "External".equals(metric.getType());
        }
        if (min != null && min == 0 && !objectOrExternal) {
            errs.add(FieldError.forbidden("spec.metrics",
                    "must specify at least one Object or External metric to support scaling to zero replicas"));
        }
        return errs;
    }

    private static void metric(List<FieldError> errs, MetricSpec spec, String path) {
        String type = spec.getType() == null ? "" : spec.getType();
        if (type.isEmpty()) {
            errs.add(FieldError.required(path + ".type", "must specify a metric source type"));
        }
        if (!SOURCE_TYPES.contains(type)) {
            errs.add(FieldError.notSupported(path + ".type", type, SOURCE_TYPES));
        }
        Set<String> present = new LinkedHashSet<>();
        if (spec.getObject() != null && present.add("object") && present.size() == 1) {
            object(errs, spec.getObject(), path + ".object");
        }
        if (spec.getExternal() != null && present.add("external") && present.size() == 1) {
            external(errs, spec.getExternal(), path + ".external");
        }
        if (spec.getPods() != null && present.add("pods") && present.size() == 1) {
            pods(errs, spec.getPods(), path + ".pods");
        }
        if (spec.getResource() != null && present.add("resource") && present.size() == 1) {
            resource(errs, spec.getResource(), path + ".resource");
        }
        if (spec.getContainerResource() != null && present.add("containerResource") && present.size() == 1) {
            containerResource(errs, spec.getContainerResource(), path + ".containerResource");
        }
        String expected = switch (type) {
            case "Object" -> "object";
            case "Pods" -> "pods";
            case "Resource" -> "resource";
            case "External" -> "external";
            case "ContainerResource" -> "containerResource";
            default -> null;
        };
        if (expected == null) {
            errs.add(FieldError.notSupported(path + ".type", type, SOURCE_TYPES));
        } else if (!present.contains(expected)) {
            errs.add(FieldError.required(path + "." + expected, "must populate information for the given metric source"));
        }
        if (present.size() != 1) {
            present.remove(expected);
            for (String other : present) {
                errs.add(FieldError.forbidden(path + "." + other, "must populate the given metric source only"));
            }
        }
    }

    private static void object(List<FieldError> errs, ObjectMetricSource src, String path) {
        errs.addAll(reference(src.getDescribedObject(), path + ".describedObject"));
        identifier(errs, src.getMetric(), path + ".metric");
        MetricTarget target = target(errs, src.getTarget(), path + ".target");
        if (target.getValue() == null && target.getAverageValue() == null) {
            errs.add(FieldError.required(path + ".target.averageValue", "must set either a target value or averageValue"));
        }
    }

    private static void external(List<FieldError> errs, ExternalMetricSource src, String path) {
        identifier(errs, src.getMetric(), path + ".metric");
        MetricTarget target = target(errs, src.getTarget(), path + ".target");
        if (target.getValue() == null && target.getAverageValue() == null) {
            errs.add(FieldError.required(path + ".target.averageValue",
                    "must set either a target value for metric or a per-pod target"));
        }
        if (target.getValue() != null && target.getAverageValue() != null) {
            errs.add(FieldError.forbidden(path + ".target.value",
                    "may not set both a target value for metric and a per-pod target"));
        }
    }

    private static void pods(List<FieldError> errs, PodsMetricSource src, String path) {
        identifier(errs, src.getMetric(), path + ".metric");
        MetricTarget target = target(errs, src.getTarget(), path + ".target");
        if (target.getAverageValue() == null) {
            errs.add(FieldError.required(path + ".target.averageValue", "must specify a positive target averageValue"));
        }
    }

    private static void resource(List<FieldError> errs, ResourceMetricSource src, String path) {
        if (src.getName() == null || src.getName().isEmpty()) {
            errs.add(FieldError.required(path + ".name", "must specify a resource name"));
        }
        resourceTarget(errs, target(errs, src.getTarget(), path + ".target"), path);
    }

    private static void containerResource(List<FieldError> errs, ContainerResourceMetricSource src, String path) {
        if (src.getName() == null || src.getName().isEmpty()) {
            errs.add(FieldError.required(path + ".name", "must specify a resource name"));
        }
        String container = src.getContainer() == null ? "" : src.getContainer();
        if (container.isEmpty()) {
            errs.add(FieldError.required(path + ".container", "must specify a container"));
        } else {
            Names.dns1123Label(container).forEach(m -> errs.add(FieldError.invalid(path + ".container", container, m)));
        }
        resourceTarget(errs, target(errs, src.getTarget(), path + ".target"), path);
    }

    private static void resourceTarget(List<FieldError> errs, MetricTarget target, String path) {
        if (target.getAverageUtilization() == null && target.getAverageValue() == null) {
            errs.add(FieldError.required(path + ".target.averageUtilization",
                    "must set either a target raw value or a target utilization"));
        }
        if (target.getAverageUtilization() != null && target.getAverageValue() != null) {
            errs.add(FieldError.forbidden(path + ".target.averageValue",
                    "may not set both a target raw value and a target utilization"));
        }
    }

    private static void identifier(List<FieldError> errs, MetricIdentifier metric, String path) {
        String name = metric == null || metric.getName() == null ? "" : metric.getName();
        if (name.isEmpty()) {
            errs.add(FieldError.required(path + ".name", "must specify a metric name"));
        } else {
            Names.pathSegmentName(name).forEach(m -> errs.add(FieldError.invalid(path + ".name", name, m)));
        }
        if (metric != null) {
            errs.addAll(LabelSelectors.validate(metric.getSelector(), path + ".selector"));
        }
    }

    /** validateMetricTarget; answers the target, an empty one when absent. */
    private static MetricTarget target(List<FieldError> errs, MetricTarget given, String path) {
        MetricTarget target = given == null ? new MetricTarget() : given;
        String type = target.getType() == null ? "" : target.getType();
        if (type.isEmpty()) {
            errs.add(FieldError.required(path + ".type", "must specify a metric target type"));
        }
        if (!List.of("Utilization", "Value", "AverageValue").contains(type)) {
            errs.add(FieldError.invalid(path + ".type", type, "must be either Utilization, Value, or AverageValue"));
        }
        if (target.getValue() != null && !positive(target.getValue())) {
            errs.add(FieldError.invalid(path + ".value", new Text(text(target.getValue())), "must be positive"));
        }
        if (target.getAverageValue() != null && !positive(target.getAverageValue())) {
            errs.add(FieldError.invalid(path + ".averageValue", new Text(text(target.getAverageValue())), "must be positive"));
        }
        if (target.getAverageUtilization() != null && target.getAverageUtilization() < 1) {
            errs.add(FieldError.invalid(path + ".averageUtilization", target.getAverageUtilization(),
                    "must be greater than 0"));
        }
        return target;
    }

    static String text(Quantity quantity) {
        return quantity.getAmount() + (quantity.getFormat() == null ? "" : quantity.getFormat());
    }

    /** A value a field error prints as it is, as Go prints a Stringer. */
    private record Text(String text) {

        @Override
        public String toString() {
            return text;
        }
    }

    private static boolean positive(Quantity quantity) {
        try {
            return quantity.getNumericalAmount().compareTo(BigDecimal.ZERO) > 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<FieldError> behavior(HorizontalPodAutoscalerBehavior behavior) {
        List<FieldError> errs = new ArrayList<>();
        if (behavior != null) {
            rules(errs, behavior.getScaleUp(), "spec.behavior.scaleUp");
            rules(errs, behavior.getScaleDown(), "spec.behavior.scaleDown");
        }
        return errs;
    }

    private static void rules(List<FieldError> errs, HPAScalingRules rules, String path) {
        if (rules == null) {
            return;
        }
        Integer window = rules.getStabilizationWindowSeconds();
        if (window != null && window < 0) {
            errs.add(FieldError.invalid(path + ".stabilizationWindowSeconds", window,
                    "must be greater than or equal to zero"));
        }
        if (window != null && window > MAX_STABILIZATION_WINDOW_SECONDS) {
            errs.add(FieldError.invalid(path + ".stabilizationWindowSeconds", window,
                    "must be less than or equal to " + MAX_STABILIZATION_WINDOW_SECONDS));
        }
        if (rules.getSelectPolicy() != null && !SELECT_POLICIES.contains(rules.getSelectPolicy())) {
            errs.add(FieldError.notSupported(path + ".selectPolicy", rules.getSelectPolicy(), SELECT_POLICIES));
        }
        List<HPAScalingPolicy> policies = rules.getPolicies() == null ? List.of() : rules.getPolicies();
        if (policies.isEmpty()) {
            errs.add(FieldError.required(path + ".policies", "must specify at least one Policy"));
        }
        for (int i = 0; i < policies.size(); i++) {
            HPAScalingPolicy policy = policies.get(i);
            String at = path + ".policies[" + i + "]";
            String type = policy.getType() == null ? "" : policy.getType();
            if (!POLICY_TYPES.contains(type)) {
                errs.add(FieldError.notSupported(at + ".type", type, POLICY_TYPES));
            }
            int value = policy.getValue() == null ? 0 : policy.getValue();
            if (value <= 0) {
                errs.add(FieldError.invalid(at + ".value", value, "must be greater than zero"));
            }
            int period = policy.getPeriodSeconds() == null ? 0 : policy.getPeriodSeconds();
            if (period <= 0) {
                errs.add(FieldError.invalid(at + ".periodSeconds", period, "must be greater than zero"));
            }
            if (period > MAX_PERIOD_SECONDS) {
                errs.add(FieldError.invalid(at + ".periodSeconds", period,
                        "must be less than or equal to " + MAX_PERIOD_SECONDS));
            }
        }
    }
}

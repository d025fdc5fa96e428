package io.kubeling.resources.horizontalpodautoscalers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricValueStatus;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.TableConvertor;
import io.kubeling.resources.common.Ages;
import io.kubeling.resources.common.StandardColumns;

/** kube's printHorizontalPodAutoscaler: the target, the metrics as formatHPAMetrics prints them, bounds, replicas. */
public class HpaTable implements TableConvertor<HorizontalPodAutoscaler> {

    private static final String UNKNOWN = "<unknown>";

    private static final List<TableColumn> COLUMNS = List.of(
            StandardColumns.NAME,
            StandardColumns.column("Reference", "scaleTargetRef points to the target resource to scale, and is used "
                    + "to the pods for which metrics should be collected, as well as to actually change the replica "
                    + "count."),
            StandardColumns.column("Targets", "metrics contains the specifications for which to use to calculate the "
                    + "desired replica count (the maximum replica count across all metrics will be used).  The desired "
                    + "replica count is calculated multiplying the ratio between the target value and the current value "
                    + "by the current number of pods.  Ergo, metrics used must decrease as the pod count is increased, "
                    + "and vice-versa.  See the individual metric source types for more information about how each type "
                    + "of metric must respond."),
            StandardColumns.column("MinPods", "minReplicas is the lower limit for the number of replicas to which the "
                    + "autoscaler can scale down.  It defaults to 1 pod.  minReplicas is allowed to be 0 if the alpha "
                    + "feature gate HPAScaleToZero is enabled and at least one Object or External metric is configured. "
                    + " Scaling is active as long as at least one metric value is available."),
            StandardColumns.column("MaxPods", "maxReplicas is the upper limit for the number of replicas to which the "
                    + "autoscaler can scale up. It cannot be less that minReplicas."),
            StandardColumns.column("Replicas", "currentReplicas is current number of replicas of pods managed by this "
                    + "autoscaler, as last seen by the autoscaler."),
            StandardColumns.AGE);

    @Override
    public List<TableColumn> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(HorizontalPodAutoscaler hpa, Instant now) {
        HorizontalPodAutoscalerSpec spec = hpa.getSpec() == null ? new HorizontalPodAutoscalerSpec() : hpa.getSpec();
        String reference = (spec.getScaleTargetRef() == null ? "" : nullToEmpty(spec.getScaleTargetRef().getKind()))
                + "/" + (spec.getScaleTargetRef() == null ? "" : nullToEmpty(spec.getScaleTargetRef().getName()));
        List<MetricStatus> statuses = hpa.getStatus() == null || hpa.getStatus().getCurrentMetrics() == null ? List.of()
                : hpa.getStatus().getCurrentMetrics();
        String minPods = spec.getMinReplicas() == null ? "<unset>" : Integer.toString(spec.getMinReplicas());
        long current = hpa.getStatus() == null || hpa.getStatus().getCurrentReplicas() == null ? 0
                : hpa.getStatus().getCurrentReplicas();
        return List.of(hpa.getMetadata().getName(), reference,
                metrics(spec.getMetrics() == null ? List.of() : spec.getMetrics(), statuses), minPods,
                (long) (spec.getMaxReplicas() == null ? 0 : spec.getMaxReplicas()), current,
                Ages.since(hpa.getMetadata().getCreationTimestamp(), now));
    }

    /** formatHPAMetrics: at most two metrics, {@code current/target} each, {@code <unknown>} before a reading. */
    static String metrics(List<MetricSpec> specs, List<MetricStatus> statuses) {
        if (specs.isEmpty()) {
            return "<none>";
        }
        List<String> list = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            MetricSpec spec = specs.get(i);
            MetricStatus status = statuses.size() > i ? statuses.get(i) : null;
            list.add(metric(spec, status));
        }
        if (list.size() > 2) {
            return String.join(", ", list.subList(0, 2)) + " + " + (list.size() - 2) + " more...";
        }
        return String.join(", ", list);
    }

    private static String metric(MetricSpec spec, MetricStatus status) {
        String type = nullToEmpty(spec.getType());
        switch (type) {
            case "External" -> {
                MetricTarget target = target(spec.getExternal() == null ? null : spec.getExternal().getTarget());
                MetricValueStatus current = status == null || status.getExternal() == null ? null
                        : status.getExternal().getCurrent();
                return valueOrAverage(target, current);
            }
            case "Pods" -> {
                MetricTarget target = target(spec.getPods() == null ? null : spec.getPods().getTarget());
                String current = status == null || status.getPods() == null ? UNKNOWN
                        : quantity(status.getPods().getCurrent() == null ? null
                                : status.getPods().getCurrent().getAverageValue());
                return current + "/" + quantity(target.getAverageValue());
            }
            case "Object" -> {
                MetricTarget target = target(spec.getObject() == null ? null : spec.getObject().getTarget());
                MetricValueStatus current = status == null || status.getObject() == null ? null
                        : status.getObject().getCurrent();
                return valueOrAverage(target, current);
            }
            case "Resource" -> {
                String name = spec.getResource() == null ? "" : nullToEmpty(spec.getResource().getName());
                MetricTarget target = target(spec.getResource() == null ? null : spec.getResource().getTarget());
                MetricValueStatus current = status == null || status.getResource() == null ? null
                        : status.getResource().getCurrent();
                return name + ": " + resource(target, current, status != null && status.getResource() != null);
            }
            case "ContainerResource" -> {
                String name = spec.getContainerResource() == null ? ""
                        : nullToEmpty(spec.getContainerResource().getName());
                MetricTarget target = target(spec.getContainerResource() == null ? null
                        : spec.getContainerResource().getTarget());
                MetricValueStatus current = status == null || status.getContainerResource() == null ? null
                        : status.getContainerResource().getCurrent();
                return name + ": " + resource(target, current,
                        status != null && status.getContainerResource() != null);
            }
            default -> {
                return "<unknown type>";
            }
        }
    }

    private static String valueOrAverage(MetricTarget target, MetricValueStatus current) {
        if (target.getAverageValue() != null) {
            String now = current == null || current.getAverageValue() == null ? UNKNOWN
                    : quantity(current.getAverageValue());
            return now + "/" + quantity(target.getAverageValue()) + " (avg)";
        }
        String now = current == null ? UNKNOWN : quantity(current.getValue());
        return now + "/" + quantity(target.getValue());
    }

    private static String resource(MetricTarget target, MetricValueStatus current, boolean reported) {
        if (target.getAverageValue() != null) {
            String now = reported ? quantity(current == null ? null : current.getAverageValue()) : UNKNOWN;
            return now + "/" + quantity(target.getAverageValue());
        }
        String now = current == null || current.getAverageUtilization() == null ? UNKNOWN
                : current.getAverageUtilization() + "%";
        String wanted = target.getAverageUtilization() == null ? "<auto>" : target.getAverageUtilization() + "%";
        return now + "/" + wanted;
    }

    private static MetricTarget target(MetricTarget target) {
        return target == null ? new MetricTarget() : target;
    }

    /** A quantity as kube prints one; Go prints an absent one as its zero value. */
    private static String quantity(Quantity quantity) {
        return quantity == null ? "0" : HpaValidation.text(quantity);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

package io.kubeling.controllers.autoscaling;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ContainerResourceMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ContainerResourceMetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricTarget;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricValueStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricSource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.ResourceMetricStatus;
import io.kubeling.registry.selection.LabelSelector;

/**
 * computeReplicasForMetric: the replicas one metric of an autoscaler proposes, its status, and the name kube's
 * events use for it. Resource and container resource metrics read the simulated metrics API; pods, object and
 * external metrics need a custom or external metrics API, which the cluster does not serve, and fail as they fail
 * on kube without an adapter.
 */
final class MetricReplicas {

    /** A metric's proposal: the replicas, the metric as events name it, and its status. */
    record Proposal(int replicas, String name, MetricStatus status) {
    }

    /** What the metrics are read for: the autoscaler's namespace, the pods its target selects, and the time. */
    record Scope(String namespace, LabelSelector selector, List<Pod> pods, Instant now, int specReplicas) {
    }

    /** Records the warning event a failed metric causes, as getUnableComputeReplicaCountCondition does. */
    interface Warnings {
        void warn(String reason, String message);
    }

    private final ResourceMetrics metrics;

    MetricReplicas(ResourceMetrics metrics) {
        this.metrics = metrics;
    }

    Proposal compute(MetricSpec spec, Scope scope, Warnings warnings) {
        String type = spec.getType() == null ? "" : spec.getType();
        switch (type) {
            case "Resource" -> {
                ResourceMetricSource source = spec.getResource();
                try {
                    Computed c = resource(source.getTarget(), source.getName(), null, scope, false);
                    MetricStatus status = new MetricStatus();
                    status.setType("Resource");
                    status.setResource(new ResourceMetricStatus(c.current(), source.getName()));
                    return new Proposal(c.replicas(), c.name(), status);
                } catch (RuntimeException e) {
                    throw failure(warnings, "FailedGetResourceMetric", e.getMessage(),
                            "failed to get " + source.getName() + " resource metric value: " + e.getMessage());
                }
            }
            case "ContainerResource" -> {
                ContainerResourceMetricSource source = spec.getContainerResource();
                try {
                    Computed c = resource(source.getTarget(), source.getName(), source.getContainer(), scope, true);
                    MetricStatus status = new MetricStatus();
                    status.setType("ContainerResource");
                    status.setContainerResource(new ContainerResourceMetricStatus(source.getContainer(), c.current(),
                            source.getName()));
                    return new Proposal(c.replicas(), c.name(), status);
                } catch (RuntimeException e) {
                    throw failure(warnings, "FailedGetContainerResourceMetric", e.getMessage(),
                            "failed to get " + source.getName() + " container metric value: " + e.getMessage());
                }
            }
            case "Pods" -> {
                String name = spec.getPods().getMetric().getName();
                String error = "unable to get metric " + name + ": " + NO_CUSTOM_METRICS;
                throw failure(warnings, "FailedGetPodsMetric", error, "failed to get pods metric value: " + error);
            }
            case "Object" -> {
                var object = spec.getObject();
                String error = "unable to get metric " + object.getMetric().getName() + ": "
                        + object.getDescribedObject().getKind() + " on " + scope.namespace() + " "
                        + object.getDescribedObject().getName() + "/" + NO_CUSTOM_METRICS;
                throw failure(warnings, "FailedGetObjectMetric", error, "failed to get object metric value: " + error);
            }
            case "External" -> {
                String name = spec.getExternal().getMetric().getName();
                String error = "unable to get external metric " + scope.namespace() + "/" + name + "/nil: "
                        + "the server could not find the requested resource (get " + name
                        + ".external.metrics.k8s.io)";
                throw failure(warnings, "FailedGetExternalMetric", error,
                        "failed to get external metric " + name + ": " + error);
            }
            default -> {
                String error = "unknown metric source type \"" + type + "\"";
                throw failure(warnings, "InvalidMetricSourceType", error, error);
            }
        }
    }

    private static final String NO_CUSTOM_METRICS =
            "unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered";

    private record Computed(int replicas, String name, MetricValueStatus current) {
    }

    /** computeStatusForResourceMetricGeneric: an average value, or a utilization of the pods' requests. */
    private Computed resource(MetricTarget target, String resource, String container, Scope scope,
            boolean containerMetric) {
        if (target.getAverageValue() != null) {
            long wanted = MilliValues.of(target.getAverageValue());
            Map<String, PodMetric> values;
            try {
                values = metrics.get(resource, scope.namespace(), scope.selector(), container);
            } catch (ResourceMetrics.MetricsFailure e) {
                throw new IllegalStateException("failed to get " + resource + " usage: unable to get metrics for "
                        + "resource " + resource + ": " + e.getMessage());
            }
            try {
                ReplicaCalculator.Proposal p = ReplicaCalculator.rawReplicas(scope.specReplicas(), wanted, resource,
                        scope.pods(), values, scope.now(), scope.now());
                MetricValueStatus current = new MetricValueStatus();
                current.setAverageValue(MilliQuantity.of(p.rawAverage()));
                return new Computed(p.replicas(), resource + " resource", current);
            } catch (ReplicaCalculator.CalculationFailure e) {
                throw new IllegalStateException("failed to get " + resource + " usage: " + e.getMessage());
            }
        }
        if (target.getAverageUtilization() == null) {
            throw new IllegalStateException("invalid resource metric source: neither an average utilization target "
                    + "nor an average value (usage) target was set");
        }
        Map<String, PodMetric> values;
        try {
            values = metrics.get(resource, scope.namespace(), scope.selector(), container);
        } catch (ResourceMetrics.MetricsFailure e) {
            throw new IllegalStateException("failed to get " + resource + " utilization: unable to get metrics for "
                    + "resource " + resource + ": " + e.getMessage());
        }
        try {
            ReplicaCalculator.Proposal p = ReplicaCalculator.resourceReplicas(scope.specReplicas(),
                    target.getAverageUtilization(), resource, container, scope.pods(), values, scope.now(),
                    scope.now());
            MetricValueStatus current = new MetricValueStatus();
            current.setAverageUtilization(p.utilization());
            current.setAverageValue(MilliQuantity.of(p.rawAverage()));
            String name = resource + (containerMetric ? " container" : "")
                    + " resource utilization (percentage of request)";
            return new Computed(p.replicas(), name, current);
        } catch (ReplicaCalculator.CalculationFailure e) {
            throw new IllegalStateException("failed to get " + resource + " utilization: " + e.getMessage());
        }
    }

    private static MetricFailure failure(Warnings warnings, String reason, String cause, String error) {
        warnings.warn(reason, cause);
        return new MetricFailure(error, reason, "the HPA was unable to compute the replica count: " + cause);
    }
}

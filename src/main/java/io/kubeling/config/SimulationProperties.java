package io.kubeling.config;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the simulated cluster under {@code kubeling.simulation.*}: the nodes registered at
 * start and the factor every simulated delay (image pull, container start, back-off, grace
 * periods) is multiplied by.
 */
@ConfigurationProperties("kubeling.simulation")
public record SimulationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1.0") double timeScale,
        @DefaultValue Nodes nodes,
        @DefaultValue Heartbeat heartbeat) {

    /** The nodes registered at start: {@code count} nodes named {@code <namePrefix>-<n>} unless {@code names} are given. */
    public record Nodes(
            @DefaultValue("3") int count,
            @DefaultValue("kubeling-node") String namePrefix,
            List<String> names,
            @DefaultValue("4") String cpu,
            @DefaultValue("16Gi") String memory,
            @DefaultValue("110") int pods,
            @DefaultValue("10.244.0.0/16") String podCidr,
            @DefaultValue("172.18.0.0/16") String addressCidr,
            Map<String, String> labels,
            List<String> taints,
            Map<String, NodeOverride> overrides) {
    }

    /**
     * What one node (by name) has instead of the common settings; taints are written as kubectl
     * taint takes them ({@code key=value:Effect}).
     */
    public record NodeOverride(String cpu, String memory, Integer pods, Map<String, String> labels,
            List<String> taints) {
    }

    /**
     * kube's cadences, each multiplied by the time scale: the kubelet renews its Lease every
     * {@code leaseRenewInterval}, computes its status every {@code statusUpdateInterval} and posts
     * it when it changed or {@code statusReportInterval} passed; the node lifecycle controller
     * looks every {@code nodeMonitorPeriod} and calls a node unreachable after {@code nodeMonitorGracePeriod}
     * without a renewal.
     */
    public record Heartbeat(
            @DefaultValue("40") int leaseDurationSeconds,
            @DefaultValue("10s") java.time.Duration leaseRenewInterval,
            @DefaultValue("10s") java.time.Duration statusUpdateInterval,
            @DefaultValue("5m") java.time.Duration statusReportInterval,
            @DefaultValue("5s") java.time.Duration nodeMonitorPeriod,
            @DefaultValue("40s") java.time.Duration nodeMonitorGracePeriod) {
    }
}

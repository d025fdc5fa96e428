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
        @DefaultValue Nodes nodes) {

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
            Map<String, String> labels) {
    }
}

package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.kubeling.config.KubeletProperties;
import io.kubeling.config.SimulationProperties;

class KubeletControllerTest {

    @Test
    void aDisabledSimulationRunsNoKubeletAndWatchesNothing() {
        SimulationProperties off = new SimulationProperties(false, 1.0,
                new SimulationProperties.Nodes(3, "kubeling-node", null, "4", "16Gi", 110, "10.244.0.0/16",
                        "172.18.0.0/16", null, null, null), null);
        KubeletProperties properties = new KubeletProperties(List.of(), Path.of("none"), Duration.ofSeconds(1), 1024, 2);
        // no change feed and no registry: a disabled simulation must not touch either
        KubeletController controller = new KubeletController(null, null, null, new io.kubeling.controllers.SimulatedTime(Clock.systemUTC(), 1.0), off, properties,
                new ContainerLogs(1024), null);
        controller.start();
        assertThat(controller.isRunning()).isTrue();
        controller.stop();
        assertThat(controller.isRunning()).isFalse();
    }
}

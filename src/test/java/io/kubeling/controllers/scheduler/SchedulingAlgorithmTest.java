package io.kubeling.controllers.scheduler;

import static io.kubeling.controllers.scheduler.Fixtures.info;
import static io.kubeling.controllers.scheduler.Fixtures.node;
import static io.kubeling.controllers.scheduler.Fixtures.podRequesting;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SchedulingAlgorithmTest {

    private final SchedulingAlgorithm algorithm = new SchedulingAlgorithm(new Random(1));

    @Test
    void theLeastLoadedFeasibleNodeWins() {
        List<NodeInfo> nodes = List.of(info(node("busy"), "3", "12Gi", 5), info(node("idle")),
                info(node("tiny", "500m", "1Gi", 110)));
        SchedulingAlgorithm.Decision decision = algorithm.schedule(podRequesting("1", "1Gi"), nodes);
        assertThat(decision.node()).isEqualTo("idle");
        assertThat(decision.failure()).isNull();
    }

    @Test
    void whenNothingFitsTheFailureNamesEveryNode() {
        List<NodeInfo> nodes = List.of(info(node("a", "1", "1Gi", 110)), info(node("b", "1", "1Gi", 110)));
        SchedulingAlgorithm.Decision decision = algorithm.schedule(podRequesting("2", "512Mi"), nodes);
        assertThat(decision.node()).isNull();
        assertThat(decision.failure()).isEqualTo("0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes "
                + "are available: 2 No preemption victims found for incoming pod.");
    }
}

package io.kubeling.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimulationLagTest {

    @Test
    void theLagIsTheLongestOfTheComponentsAndZeroWithNone() {
        SimulationLag lag = new SimulationLag();
        assertThat(lag.nanos()).isZero();
        SimulationLag.Source scheduler = lag.add(() -> 5);
        SimulationLag.Source kubelets = lag.add(() -> 7);
        assertThat(lag.nanos()).isEqualTo(7);
        kubelets.close();
        assertThat(lag.nanos()).isEqualTo(5);
        scheduler.close();
        assertThat(lag.nanos()).isZero();
    }
}

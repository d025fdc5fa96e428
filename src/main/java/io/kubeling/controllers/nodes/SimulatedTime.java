package io.kubeling.controllers.nodes;

import java.time.Duration;

import io.kubeling.config.SimulationProperties;

/** Every simulated delay, multiplied by {@code kubeling.simulation.time-scale}. */
final class SimulatedTime {

    private SimulatedTime() {
    }

    static Duration scaled(Duration real, SimulationProperties properties) {
        double scale = properties.timeScale() <= 0 ? 1.0 : properties.timeScale();
        return Duration.ofNanos(Math.max(1, Math.round(real.toNanos() * scale)));
    }
}

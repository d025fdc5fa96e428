package io.kubeling;

import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Component;

import io.kubeling.api.SimulatedClock;
import io.kubeling.controllers.SimulatedTime;

/** The simulation's time handed to the api layer, which may not depend on the controllers that own it. */
@Component
public class SimulatedTimeForApi implements SimulatedClock {

    private final SimulatedTime time;

    public SimulatedTimeForApi(SimulatedTime time) {
        this.time = time;
    }

    @Override
    public Instant now() {
        return time.now();
    }

    @Override
    public double scale() {
        return time.scale();
    }

    @Override
    public boolean stopped() {
        return time.stopped();
    }

    @Override
    public void advance(Duration by) {
        time.advance(by);
    }
}

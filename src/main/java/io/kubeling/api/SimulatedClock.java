package io.kubeling.api;

import java.time.Duration;
import java.time.Instant;

/** What the time endpoint reads and moves: the simulation's clock, which the application wires in. */
public interface SimulatedClock {

    Instant now();

    double scale();

    boolean stopped();

    /** Moves the clock ahead and returns once what fell due on the way has run. */
    void advance(Duration by);
}

package io.kubeling.controllers;

import java.time.Clock;

import org.springframework.stereotype.Component;

import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;

/** What a workload controller works with: the registry, the change feed, events, the codec, the clock and simulated time. */
@Component
public record ControllerKit(Registry registry, ChangeFeed feed, EventRecorder events, ObjectCodec codec, Clock clock,
        SimulatedTime time) {
}

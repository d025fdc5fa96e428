package io.kubeling.controllers;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;

/**
 * What a workload controller works with: the registry, the change feed, events, the codec, the clock, simulated
 * time, and the authorization of its calls to subresource endpoints.
 */
@Component
public record ControllerKit(Registry registry, ChangeFeed feed, EventRecorder events, ObjectCodec codec, Clock clock,
        SimulatedTime time, ComponentAuthorization access) {

    @Autowired
    public ControllerKit {
    }

    /** A kit whose registry authorizes nothing (its writes' authorization, if any, is the registry's admission). */
    public ControllerKit(Registry registry, ChangeFeed feed, EventRecorder events, ObjectCodec codec, Clock clock,
            SimulatedTime time) {
        this(registry, feed, events, codec, clock, time, ComponentAuthorization.ALLOW_ALL);
    }
}

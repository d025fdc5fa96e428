package io.kubeling.resources.events;

import io.fabric8.kubernetes.api.model.Event;
import io.kubeling.registry.Strategy;

public class EventStrategy implements Strategy<Event> {
}

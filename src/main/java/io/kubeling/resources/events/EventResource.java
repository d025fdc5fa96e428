package io.kubeling.resources.events;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class EventResource {

    @Bean
    public ResourceDefinition<Event> events() {
        return new ResourceDefinition<>("", "v1", "events", "event", "Event", true, List.of("ev"), List.of(),
                Event.class, EventList.class, new EventStrategy(), Map.of(), new EventTable());
    }
}

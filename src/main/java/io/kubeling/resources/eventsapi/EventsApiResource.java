package io.kubeling.resources.eventsapi;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.events.v1.EventList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class EventsApiResource {

    @Bean
    public ResourceDefinition<Event> eventsApiEvents() {
        return new ResourceDefinition<>("events.k8s.io", "v1", "events", "event", "Event", true, List.of("ev"),
                List.of(), Event.class, EventList.class, new EventsApiStrategy(), Map.of(), new EventsApiTable())
                .storedAs(new CoreEventShape());
    }
}

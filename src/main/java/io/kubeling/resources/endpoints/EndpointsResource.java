package io.kubeling.resources.endpoints;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class EndpointsResource {

    @Bean
    public ResourceDefinition<Endpoints> endpoints() {
        return new ResourceDefinition<>("", "v1", "endpoints", "endpoints", "Endpoints", true, List.of("ep"),
                List.of(), Endpoints.class, EndpointsList.class, new EndpointsStrategy(), Map.of(), new EndpointsTable());
    }
}

package io.kubeling.resources.services;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class ServiceResource {

    @Bean
    public ResourceDefinition<Service> services() {
        return new ResourceDefinition<>("", "v1", "services", "service", "Service", true, List.of("svc"),
                List.of("all"), Service.class, ServiceList.class, new ServiceStrategy(),
                Map.of("status", new ServiceStatusStrategy()), new ServiceTable());
    }
}

package io.kubeling.resources.componentstatuses;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.ComponentStatus;
import io.fabric8.kubernetes.api.model.ComponentStatusList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class ComponentStatusResource {

    @Bean
    public ResourceDefinition<ComponentStatus> componentStatuses() {
        return new ResourceDefinition<>("", "v1", "componentstatuses", "componentstatus", "ComponentStatus", false,
                List.of("cs"), List.of(), ComponentStatus.class, ComponentStatusList.class,
                new ComponentStatusStrategy(), Map.of(), new ComponentStatusTable());
    }
}

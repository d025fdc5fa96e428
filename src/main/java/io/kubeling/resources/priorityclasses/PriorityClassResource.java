package io.kubeling.resources.priorityclasses;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class PriorityClassResource {

    @Bean
    public ResourceDefinition<PriorityClass> priorityclasses() {
        return new ResourceDefinition<>("scheduling.k8s.io", "v1", "priorityclasses", "priorityclass",
                "PriorityClass", false, List.of("pc"), List.of(), PriorityClass.class, PriorityClassList.class,
                new PriorityClassStrategy(), Map.of(), new PriorityClassTable());
    }
}

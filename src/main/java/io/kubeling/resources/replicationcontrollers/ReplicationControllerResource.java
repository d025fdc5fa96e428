package io.kubeling.resources.replicationcontrollers;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class ReplicationControllerResource {

    @Bean
    public ResourceDefinition<ReplicationController> replicationControllers() {
        return new ResourceDefinition<>("", "v1", "replicationcontrollers", "replicationcontroller",
                "ReplicationController", true, List.of("rc"), List.of("all"), ReplicationController.class,
                ReplicationControllerList.class, new ReplicationControllerStrategy(),
                Map.of("status", new ReplicationControllerStatusStrategy()), new ReplicationControllerTable());
    }
}

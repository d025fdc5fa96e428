package io.kubeling.resources.controllerrevisions;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class ControllerRevisionResource {

    @Bean
    public ResourceDefinition<ControllerRevision> controllerRevisions() {
        return new ResourceDefinition<>("apps", "v1", "controllerrevisions", "controllerrevision",
                "ControllerRevision", true, List.of(), List.of(), ControllerRevision.class,
                ControllerRevisionList.class, new ControllerRevisionStrategy(), Map.of(), new ControllerRevisionTable());
    }
}

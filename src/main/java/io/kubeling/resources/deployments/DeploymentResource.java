package io.kubeling.resources.deployments;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class DeploymentResource {

    @Bean
    public ResourceDefinition<Deployment> deployments() {
        return new ResourceDefinition<>("apps", "v1", "deployments", "deployment", "Deployment", true,
                List.of("deploy"), List.of("all"), Deployment.class, DeploymentList.class,
                new DeploymentStrategyRules(), Map.of("status", new DeploymentStatusStrategy()), new DeploymentTable());
    }
}

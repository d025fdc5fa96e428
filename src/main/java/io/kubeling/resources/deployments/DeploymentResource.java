package io.kubeling.resources.deployments;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentList;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.SubresourceEndpoint;

@Configuration(proxyBeanMethods = false)
public class DeploymentResource {

    @Bean
    public ResourceDefinition<Deployment> deployments() {
        return new ResourceDefinition<>("apps", "v1", "deployments", "deployment", "Deployment", true,
                List.of("deploy"), List.of("all"), Deployment.class, DeploymentList.class,
                new DeploymentStrategyRules(), Map.of("status", new DeploymentStatusStrategy()), new DeploymentTable());
    }

    /** deployments/scale for a registry built without Spring, as the controllers' tests build one. */
    public static SubresourceEndpoint scale(Registry registry, ObjectCodec codec) {
        return new DeploymentScale(registry, codec);
    }
}

package io.kubeling.resources.pods;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class PodResource {

    @Bean
    public ResourceDefinition<Pod> pods() {
        return new ResourceDefinition<>("", "v1", "pods", "pod", "Pod", true, List.of("po"), List.of("all"),
                Pod.class, PodList.class, new PodStrategy(), Map.of("status", new PodStatusStrategy(), "ephemeralcontainers",
                        new PodEphemeralContainersStrategy()), new PodTable());
    }
}

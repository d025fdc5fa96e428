package io.kubeling.resources.runtimeclasses;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClassList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class RuntimeClassResource {

    @Bean
    public ResourceDefinition<RuntimeClass> runtimeclasses() {
        return new ResourceDefinition<>("node.k8s.io", "v1", "runtimeclasses", "runtimeclass", "RuntimeClass", false,
                List.of(), List.of(), RuntimeClass.class, RuntimeClassList.class, new RuntimeClassStrategy(), Map.of(),
                new RuntimeClassTable());
    }
}

package io.kubeling.resources.configmaps;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class ConfigMapResource {

    @Bean
    public ResourceDefinition<ConfigMap> configmaps() {
        return new ResourceDefinition<>("", "v1", "configmaps", "configmap", "ConfigMap", true, List.of("cm"),
                List.of(), ConfigMap.class, ConfigMapList.class, new ConfigMapStrategy(), Map.of(), new ConfigMapTable());
    }
}

package io.kubeling.resources.customresources;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.resources.common.CreatedAtTable;

@Configuration(proxyBeanMethods = false)
public class CustomResourceDefinitionResource {

    @Bean
    public ResourceDefinition<CustomResourceDefinition> customresourcedefinitions() {
        return new ResourceDefinition<>("apiextensions.k8s.io", "v1", "customresourcedefinitions",
                "customresourcedefinition", "CustomResourceDefinition", false, List.of("crd", "crds"),
                List.of("api-extensions"), CustomResourceDefinition.class, CustomResourceDefinitionList.class,
                new CrdStrategy(), Map.of("status", new CrdStatusStrategy()), new CreatedAtTable<>());
    }
}

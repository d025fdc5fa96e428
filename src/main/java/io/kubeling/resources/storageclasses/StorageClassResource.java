package io.kubeling.resources.storageclasses;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class StorageClassResource {

    @Bean
    public ResourceDefinition<StorageClass> storageClasses() {
        return new ResourceDefinition<>("storage.k8s.io", "v1", "storageclasses", "storageclass", "StorageClass", false,
                List.of("sc"), List.of(), StorageClass.class, StorageClassList.class, new StorageClassStrategy(),
                Map.of(), new StorageClassTable());
    }
}

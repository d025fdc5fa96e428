package io.kubeling.resources.csistoragecapacities;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacity;
import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacityList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class CSIStorageCapacityResource {

    @Bean
    public ResourceDefinition<CSIStorageCapacity> csiStorageCapacities() {
        return new ResourceDefinition<>("storage.k8s.io", "v1", "csistoragecapacities", "csistoragecapacity",
                "CSIStorageCapacity", true, List.of(), List.of(), CSIStorageCapacity.class,
                CSIStorageCapacityList.class, new CSIStorageCapacityStrategy(), Map.of(),
                new CSIStorageCapacityTable());
    }
}

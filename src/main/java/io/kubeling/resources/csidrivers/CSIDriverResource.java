package io.kubeling.resources.csidrivers;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.CSIDriverList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class CSIDriverResource {

    @Bean
    public ResourceDefinition<CSIDriver> csiDrivers() {
        return new ResourceDefinition<>("storage.k8s.io", "v1", "csidrivers", "csidriver", "CSIDriver", false,
                List.of(), List.of(), CSIDriver.class, CSIDriverList.class, new CSIDriverStrategy(), Map.of(),
                new CSIDriverTable());
    }
}

package io.kubeling.resources.persistentvolumeclaims;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class PersistentVolumeClaimResource {

    @Bean
    public ResourceDefinition<PersistentVolumeClaim> persistentVolumeClaims() {
        return new ResourceDefinition<>("", "v1", "persistentvolumeclaims", "persistentvolumeclaim",
                "PersistentVolumeClaim", true, List.of("pvc"), List.of(), PersistentVolumeClaim.class,
                PersistentVolumeClaimList.class, new PersistentVolumeClaimStrategy(),
                Map.of("status", new PersistentVolumeClaimStatusStrategy()), new PersistentVolumeClaimTable());
    }
}

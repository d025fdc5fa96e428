package io.kubeling.resources.persistentvolumes;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class PersistentVolumeResource {

    @Bean
    public ResourceDefinition<PersistentVolume> persistentVolumes(Clock clock) {
        return new ResourceDefinition<>("", "v1", "persistentvolumes", "persistentvolume", "PersistentVolume", false,
                List.of("pv"), List.of(), PersistentVolume.class, PersistentVolumeList.class,
                new PersistentVolumeStrategy(clock), Map.of("status", new PersistentVolumeStatusStrategy(clock)),
                new PersistentVolumeTable());
    }
}

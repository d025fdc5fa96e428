package io.kubeling.resources.podtemplates;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.PodTemplate;
import io.fabric8.kubernetes.api.model.PodTemplateList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class PodTemplateResource {

    @Bean
    public ResourceDefinition<PodTemplate> podTemplates() {
        return new ResourceDefinition<>("", "v1", "podtemplates", "podtemplate", "PodTemplate", true, List.of(),
                List.of(), PodTemplate.class, PodTemplateList.class, new PodTemplateStrategy(), Map.of(),
                new PodTemplateTable());
    }
}

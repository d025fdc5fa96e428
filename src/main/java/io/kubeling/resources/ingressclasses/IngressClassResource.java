package io.kubeling.resources.ingressclasses;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class IngressClassResource {

    @Bean
    public ResourceDefinition<IngressClass> ingressclasses() {
        return new ResourceDefinition<>("networking.k8s.io", "v1", "ingressclasses", "ingressclass", "IngressClass",
                false, List.of(), List.of(), IngressClass.class, IngressClassList.class, new IngressClassStrategy(),
                Map.of(), new IngressClassTable());
    }
}

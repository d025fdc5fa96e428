package io.kubeling.resources.ingresses;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class IngressResource {

    @Bean
    public ResourceDefinition<Ingress> ingresses() {
        return new ResourceDefinition<>("networking.k8s.io", "v1", "ingresses", "ingress", "Ingress", true,
                List.of("ing"), List.of(), Ingress.class, IngressList.class, new IngressStrategy(),
                Map.of("status", new IngressStatusStrategy()), new IngressTable());
    }
}

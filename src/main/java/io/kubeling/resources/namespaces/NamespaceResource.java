package io.kubeling.resources.namespaces;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class NamespaceResource {

    @Bean
    public ResourceDefinition<Namespace> namespaces() {
        return new ResourceDefinition<>("", "v1", "namespaces", "namespace", "Namespace", false, List.of("ns"),
                List.of(), Namespace.class, NamespaceList.class, new NamespaceStrategy(),
                Map.of("status", new NamespaceStatusStrategy(), "finalize", new NamespaceFinalizeStrategy()), new NamespaceTable());
    }
}

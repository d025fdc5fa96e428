package io.kubeling.resources.csinodes;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSINodeList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class CSINodeResource {

    @Bean
    public ResourceDefinition<CSINode> csiNodes() {
        return new ResourceDefinition<>("storage.k8s.io", "v1", "csinodes", "csinode", "CSINode", false, List.of(),
                List.of(), CSINode.class, CSINodeList.class, new CSINodeStrategy(), Map.of(), new CSINodeTable());
    }
}

package io.kubeling.resources.nodes;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class NodeResource {

    @Bean
    public ResourceDefinition<Node> nodes() {
        return new ResourceDefinition<>("", "v1", "nodes", "node", "Node", false, List.of("no"), List.of(),
                Node.class, NodeList.class, new NodeStrategy(), Map.of("status", new NodeStatusStrategy()),
                new NodeTable());
    }
}

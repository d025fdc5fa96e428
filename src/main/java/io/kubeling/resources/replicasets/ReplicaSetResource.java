package io.kubeling.resources.replicasets;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class ReplicaSetResource {

    @Bean
    public ResourceDefinition<ReplicaSet> replicaSets() {
        return new ResourceDefinition<>("apps", "v1", "replicasets", "replicaset", "ReplicaSet", true, List.of("rs"),
                List.of("all"), ReplicaSet.class, ReplicaSetList.class, new ReplicaSetStrategy(),
                Map.of("status", new ReplicaSetStatusStrategy()), new ReplicaSetTable());
    }
}

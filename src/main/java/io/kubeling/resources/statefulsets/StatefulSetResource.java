package io.kubeling.resources.statefulsets;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class StatefulSetResource {

    @Bean
    public ResourceDefinition<StatefulSet> statefulSets() {
        return new ResourceDefinition<>("apps", "v1", "statefulsets", "statefulset", "StatefulSet", true,
                List.of("sts"), List.of("all"), StatefulSet.class, StatefulSetList.class, new StatefulSetStrategy(),
                Map.of("status", new StatefulSetStatusStrategy()), new StatefulSetTable());
    }
}

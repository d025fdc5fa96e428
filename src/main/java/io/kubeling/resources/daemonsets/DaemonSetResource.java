package io.kubeling.resources.daemonsets;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class DaemonSetResource {

    @Bean
    public ResourceDefinition<DaemonSet> daemonSets() {
        return new ResourceDefinition<>("apps", "v1", "daemonsets", "daemonset", "DaemonSet", true,
                List.of("ds"), List.of("all"), DaemonSet.class, DaemonSetList.class, new DaemonSetStrategy(),
                Map.of("status", new DaemonSetStatusStrategy()), new DaemonSetTable());
    }
}

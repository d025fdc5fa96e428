package io.kubeling.resources.poddisruptionbudgets;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class PodDisruptionBudgetResource {

    @Bean
    public ResourceDefinition<PodDisruptionBudget> poddisruptionbudgets() {
        return new ResourceDefinition<>("policy", "v1", "poddisruptionbudgets", "poddisruptionbudget",
                "PodDisruptionBudget", true, List.of("pdb"), List.of(), PodDisruptionBudget.class,
                PodDisruptionBudgetList.class, new PodDisruptionBudgetStrategy(),
                Map.of("status", new PodDisruptionBudgetStatusStrategy()), new PodDisruptionBudgetTable());
    }
}

package io.kubeling.resources.resourcequotas;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class ResourceQuotaResource {

    @Bean
    public ResourceDefinition<ResourceQuota> resourceQuotas() {
        return new ResourceDefinition<>("", "v1", "resourcequotas", "resourcequota", "ResourceQuota", true,
                List.of("quota"), List.of(), ResourceQuota.class, ResourceQuotaList.class, new ResourceQuotaStrategy(),
                Map.of("status", new ResourceQuotaStatusStrategy()), new ResourceQuotaTable());
    }
}

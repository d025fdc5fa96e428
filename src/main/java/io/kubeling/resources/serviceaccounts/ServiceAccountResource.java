package io.kubeling.resources.serviceaccounts;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class ServiceAccountResource {

    @Bean
    public ResourceDefinition<ServiceAccount> serviceaccounts() {
        return new ResourceDefinition<>("", "v1", "serviceaccounts", "serviceaccount", "ServiceAccount", true,
                List.of("sa"), List.of(), ServiceAccount.class, ServiceAccountList.class, new ServiceAccountStrategy(),
                Map.of(), new ServiceAccountTable());
    }
}

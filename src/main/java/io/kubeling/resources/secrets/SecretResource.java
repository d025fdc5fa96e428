package io.kubeling.resources.secrets;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class SecretResource {

    @Bean
    public ResourceDefinition<Secret> secrets() {
        return new ResourceDefinition<>("", "v1", "secrets", "secret", "Secret", true, List.of(), List.of(),
                Secret.class, SecretList.class, new SecretStrategy(), Map.of(), new SecretTable());
    }
}

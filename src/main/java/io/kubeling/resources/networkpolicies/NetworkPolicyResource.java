package io.kubeling.resources.networkpolicies;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class NetworkPolicyResource {

    @Bean
    public ResourceDefinition<NetworkPolicy> networkpolicies() {
        return new ResourceDefinition<>("networking.k8s.io", "v1", "networkpolicies", "networkpolicy",
                "NetworkPolicy", true, List.of("netpol"), List.of(), NetworkPolicy.class, NetworkPolicyList.class,
                new NetworkPolicyStrategy(), Map.of(), new NetworkPolicyTable());
    }
}

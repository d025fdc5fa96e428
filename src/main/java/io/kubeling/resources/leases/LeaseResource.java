package io.kubeling.resources.leases;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class LeaseResource {

    @Bean
    public ResourceDefinition<Lease> leases() {
        return new ResourceDefinition<>("coordination.k8s.io", "v1", "leases", "lease", "Lease", true, List.of(),
                List.of(), Lease.class, LeaseList.class, new LeaseStrategy(), Map.of(), new LeaseTable());
    }
}

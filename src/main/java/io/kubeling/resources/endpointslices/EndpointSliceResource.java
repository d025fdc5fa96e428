package io.kubeling.resources.endpointslices;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class EndpointSliceResource {

    @Bean
    public ResourceDefinition<EndpointSlice> endpointslices() {
        return new ResourceDefinition<>("discovery.k8s.io", "v1", "endpointslices", "endpointslice", "EndpointSlice",
                true, List.of(), List.of(), EndpointSlice.class, EndpointSliceList.class, new EndpointSliceStrategy(),
                Map.of(), new EndpointSliceTable());
    }
}

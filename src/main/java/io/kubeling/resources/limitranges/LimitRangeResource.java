package io.kubeling.resources.limitranges;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeList;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.resources.common.CreatedAtTable;

@Configuration(proxyBeanMethods = false)
public class LimitRangeResource {

    @Bean
    public ResourceDefinition<LimitRange> limitRanges() {
        return new ResourceDefinition<>("", "v1", "limitranges", "limitrange", "LimitRange", true, List.of("limits"),
                List.of(), LimitRange.class, LimitRangeList.class, new LimitRangeStrategy(), Map.of(),
                new CreatedAtTable<>());
    }
}

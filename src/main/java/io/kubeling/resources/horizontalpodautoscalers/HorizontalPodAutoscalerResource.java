package io.kubeling.resources.horizontalpodautoscalers;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerList;
import io.kubeling.registry.ResourceDefinition;

/**
 * autoscaling/v2 HorizontalPodAutoscalers, the version stored and preferred, and the same objects served as
 * autoscaling/v1, converted as kube converts them.
 */
@Configuration(proxyBeanMethods = false)
public class HorizontalPodAutoscalerResource {

    private static final List<String> SHORT_NAMES = List.of("hpa");
    private static final List<String> CATEGORIES = List.of("all");

    @Bean
    public ResourceDefinition<HorizontalPodAutoscaler> horizontalpodautoscalers() {
        return new ResourceDefinition<>("autoscaling", "v2", "horizontalpodautoscalers", "horizontalpodautoscaler",
                "HorizontalPodAutoscaler", true, SHORT_NAMES, CATEGORIES, HorizontalPodAutoscaler.class,
                HorizontalPodAutoscalerList.class, new HpaStrategy(), Map.of("status", new HpaStatusStrategy()),
                new HpaTable());
    }

    @Bean
    public ResourceDefinition<io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler>
            horizontalpodautoscalersV1() {
        HpaV1Conversion conversion = new HpaV1Conversion();
        return new ResourceDefinition<>("autoscaling", "v1", "horizontalpodautoscalers", "horizontalpodautoscaler",
                "HorizontalPodAutoscaler", true, SHORT_NAMES, CATEGORIES,
                io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler.class,
                io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscalerList.class,
                new HpaV1Strategy(conversion, new HpaStrategy()),
                Map.of("status", new HpaV1Strategy(conversion, new HpaStatusStrategy())),
                new HpaV1Table(conversion, new HpaTable())).storedAs(conversion);
    }
}

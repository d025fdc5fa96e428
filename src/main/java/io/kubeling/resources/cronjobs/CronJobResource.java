package io.kubeling.resources.cronjobs;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class CronJobResource {

    @Bean
    public ResourceDefinition<CronJob> cronjobs() {
        return new ResourceDefinition<>("batch", "v1", "cronjobs", "cronjob", "CronJob", true, List.of("cj"),
                List.of("all"), CronJob.class, CronJobList.class, new CronJobStrategy(),
                Map.of("status", new CronJobStatusStrategy()), new CronJobTable());
    }
}

package io.kubeling.resources.jobs;

import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import io.kubeling.registry.ResourceDefinition;

@Configuration(proxyBeanMethods = false)
public class JobResource {

    @Bean
    public ResourceDefinition<Job> jobs() {
        return new ResourceDefinition<>("batch", "v1", "jobs", "job", "Job", true, List.of(), List.of("all"),
                Job.class, JobList.class, new JobStrategy(), Map.of("status", new JobStatusStrategy()), new JobTable());
    }
}

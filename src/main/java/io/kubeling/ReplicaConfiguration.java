package io.kubeling;

import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.AbstractApplicationContext;

import io.kubeling.config.LeaderElectionProperties;
import io.kubeling.controllers.LeaderElection;
import io.kubeling.registry.Registry;
import io.kubeling.storage.LogStore;

/** Leader election among replicas that share one database; on H2 it never starts. */
@Configuration(proxyBeanMethods = false)
class ReplicaConfiguration {

    @Bean
    LeaderElection leaderElection(Registry registry, LeaderElectionProperties properties) {
        return new LeaderElection(registry, ElectedComponents.realClock(), properties.leaseDuration(),
                properties.renewDeadline(), properties.retryPeriod());
    }

    @Bean(name = AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME)
    ElectedComponents lifecycleProcessor(LogStore store, LeaderElection election, LifecycleProperties properties) {
        return new ElectedComponents(store, election, properties);
    }
}

package io.kubeling.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How replicas on one shared database elect the one that runs the simulation, under
 * {@code kubeling.leader-election.*}, with client-go's meaning: a leader that has not renewed its Lease
 * for {@code leaseDuration} (as another candidate observes it) is replaced; a leader that cannot renew
 * for {@code renewDeadline} stops leading; candidates try every {@code retryPeriod}. Shorter than
 * kube's 15, 10 and 2 s so that a new leader runs the simulation within 15 s of the old one's death.
 */
@ConfigurationProperties("kubeling.leader-election")
public record LeaderElectionProperties(
        @DefaultValue("10s") Duration leaseDuration,
        @DefaultValue("7s") Duration renewDeadline,
        @DefaultValue("2s") Duration retryPeriod) {
}

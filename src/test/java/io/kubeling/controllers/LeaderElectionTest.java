package io.kubeling.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.Lifecycle;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;

import io.kubeling.registry.StatusException;
import io.kubeling.support.ManualClock;

/** client-go's leader election over a Lease, between two candidates on one registry, on a manual clock. */
class LeaderElectionTest {

    private static final Duration LEASE = Duration.ofSeconds(10);
    private static final Duration RENEW_DEADLINE = Duration.ofSeconds(7);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final StoppedCluster cluster = new StoppedCluster();
    private final ManualClock clock = new ManualClock(StoppedCluster.START);

    @AfterEach
    void close() {
        cluster.close();
    }

    /** A component that only records whether it runs. */
    static final class Component implements Lifecycle {
        volatile boolean running;
        int starts;

        @Override
        public void start() {
            running = true;
            starts++;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }

    private LeaderElection candidate(Component component) {
        LeaderElection election = new LeaderElection(cluster.registry, clock, LEASE, RENEW_DEADLINE, RETRY);
        election.campaign("kube-controller-manager", Managers.CONTROLLER_MANAGER, List.of(component));
        return election;
    }

    private Lease lease() {
        return cluster.get(Lease.class, "kube-system", "kube-controller-manager");
    }

    private void kubeSystem() {
        try {
            cluster.create(null, Namespace.class, """
                    {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"kube-system"}}""");
        } catch (StatusException e) {
            assertThat(e.code()).isEqualTo(409);
        }
    }

    @Test
    void oneCandidateLeadsAndAnotherTakesOverOnlyOnceTheLeaseHasExpired() {
        kubeSystem();
        Component first = new Component();
        Component second = new Component();
        LeaderElection a = candidate(first);
        LeaderElection b = candidate(second);

        a.tick();
        b.tick();
        assertThat(first.running).isTrue();
        assertThat(second.running).isFalse();
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(a.identity());
        assertThat(lease().getSpec().getLeaseDurationSeconds()).isEqualTo(10);
        assertThat(lease().getSpec().getLeaseTransitions()).isZero();

        // the leader renews; the other sees the record move on and keeps waiting
        for (int i = 0; i < 10; i++) {
            clock.advance(RETRY);
            a.tick();
            b.tick();
        }
        assertThat(second.running).isFalse();
        assertThat(a.leads("kube-controller-manager")).isTrue();

        // the leader dies: the other takes the Lease once it has seen it unchanged for the lease's duration
        clock.advance(RETRY);
        b.tick();
        clock.advance(LEASE.minus(RETRY).minusMillis(1));
        b.tick();
        assertThat(second.running).as("before the lease expired").isFalse();
        clock.advance(Duration.ofMillis(1));
        b.tick();
        assertThat(second.running).isTrue();
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(b.identity());
        assertThat(lease().getSpec().getLeaseTransitions()).isEqualTo(1);
        assertThat(lease().getSpec().getAcquireTime().toInstant()).isEqualTo(clock.instant());

        // the old leader, back from a pause longer than the renew deadline, cannot renew and stops at once
        a.tick();
        assertThat(first.running).isFalse();
        assertThat(a.leads("kube-controller-manager")).isFalse();
        assertThat(lease().getSpec().getHolderIdentity()).isEqualTo(b.identity());
    }
}

package io.kubeling.controllers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.Lifecycle;
import org.springframework.context.SmartLifecycle;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;

import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;

/**
 * client-go's leader election over coordination.k8s.io Leases in kube-system, for replicas that share
 * one database: the components of each Lease ({@code kube-scheduler}, {@code kube-controller-manager})
 * run on the replica holding it, and only there. A candidate takes a Lease whose record it has seen
 * unchanged for the lease's duration, by a write conditional on that record's resourceVersion; a leader
 * renews every retry period and stops its components when it has not renewed for the renew deadline.
 * Time here is the real clock's: a Lease tells whether a process is alive, which simulated time does not.
 */
public final class LeaderElection {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);
    static final String NAMESPACE = "kube-system";

    private final Registry registry;
    private final Clock clock;
    private final String identity;
    private final Duration leaseDuration;
    private final Duration renewDeadline;
    private final Duration retryPeriod;
    private final List<Candidate> candidates = new ArrayList<>();
    private ScheduledExecutorService executor;

    public LeaderElection(Registry registry, Clock clock, Duration leaseDuration, Duration renewDeadline,
            Duration retryPeriod) {
        this.registry = registry;
        this.clock = clock;
        this.identity = hostName() + "_" + UUID.randomUUID();
        this.leaseDuration = leaseDuration;
        this.renewDeadline = renewDeadline;
        this.retryPeriod = retryPeriod;
    }

    /** This replica's name in the Leases it holds, as kube's components name theirs: host name and a UUID. */
    public String identity() {
        return identity;
    }

    /** Runs {@code members} only while this replica holds the Lease {@code lease}, written as {@code writer}. */
    public synchronized void campaign(String lease, WriteOptions writer, List<? extends Lifecycle> members) {
        candidates.add(new Candidate(lease, writer, members));
    }

    /** Whether this replica holds {@code lease} now. */
    public synchronized boolean leads(String lease) {
        return candidates.stream().anyMatch(c -> c.lease.equals(lease) && c.leading);
    }

    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kubeling-leader-election");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::tick, 0, retryPeriod.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops campaigning and stops the components this replica runs. The Leases stay as they are, as a
     * killed process leaves them: the others take them over once they expire.
     */
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running == null) {
            return;
        }
        running.shutdownNow();
        try {
            running.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Candidate> all;
        synchronized (this) {
            all = List.copyOf(candidates);
        }
        for (Candidate c : all) {
            c.resign();
        }
    }

    /** One round of every campaign: what the election's thread runs each retry period. */
    void tick() {
        List<Candidate> all;
        synchronized (this) {
            all = List.copyOf(candidates);
        }
        for (Candidate c : all) {
            c.tick();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "kubeling";
        }
    }

    /** One Lease and the components it guards. */
    private final class Candidate {

        final String lease;
        final WriteOptions writer;
        final List<Lifecycle> members;
        volatile boolean leading;
        Instant renewed;
        // the record last read, and when it was first seen: client-go's observedRecord and observedTime
        String observedVersion;
        Instant observedAt;

        Candidate(String lease, WriteOptions writer, List<? extends Lifecycle> members) {
            this.lease = lease;
            this.writer = writer;
            this.members = new ArrayList<>(members);
            this.members.sort(Comparator.comparingInt(Candidate::phase));
        }

        void tick() {
            boolean held;
            try {
                held = tryAcquireOrRenew();
            } catch (StatusException e) {
                // kube-system not made yet, at the start
                log.debug("cannot acquire or renew the {} lease: {}", lease, e.getMessage());
                held = false;
            } catch (RuntimeException e) {
                log.warn("cannot acquire or renew the {} lease", lease, e);
                held = false;
            }
            Instant now = clock.instant();
            if (held) {
                renewed = now;
                if (!leading) {
                    leading = true;
                    log.info("{} acquired the {} lease: starting {} components", identity, lease, members.size());
                    members.forEach(this::startQuietly);
                }
            } else if (leading && Duration.between(renewed, now).compareTo(renewDeadline) > 0) {
                log.warn("{} could not renew the {} lease for {}: stopping its components", identity, lease,
                        renewDeadline);
                resign();
            }
        }

        synchronized void resign() {
            if (leading) {
                leading = false;
                for (int i = members.size() - 1; i >= 0; i--) {
                    try {
                        // as Spring's lifecycle processor: only what runs is stopped
                        if (members.get(i).isRunning()) {
                            members.get(i).stop();
                        }
                    } catch (RuntimeException e) {
                        log.warn("cannot stop {}", members.get(i), e);
                    }
                }
            }
        }

        private void startQuietly(Lifecycle member) {
            try {
                if (!member.isRunning()) {
                    member.start();
                }
            } catch (RuntimeException e) {
                log.error("cannot start {}", member, e);
            }
        }

        private boolean tryAcquireOrRenew() {
            ResourceStore<Lease> leases = registry.store(Lease.class);
            Instant now = clock.instant();
            ZonedDateTime time = now.atZone(ZoneOffset.UTC);
            Lease current;
            try {
                current = leases.get(NAMESPACE, lease);
            } catch (StatusException e) {
                if (e.code() != 404) {
                    throw e;
                }
                return create(leases, time);
            }
            String version = current.getMetadata().getResourceVersion();
            if (!version.equals(observedVersion)) {
                observedVersion = version;
                observedAt = now;
            }
            LeaseSpec spec = current.getSpec() == null ? new LeaseSpec() : current.getSpec();
            boolean mine = identity.equals(spec.getHolderIdentity());
            boolean held = spec.getHolderIdentity() != null && !spec.getHolderIdentity().isEmpty();
            Duration duration = spec.getLeaseDurationSeconds() == null ? leaseDuration
                    : Duration.ofSeconds(spec.getLeaseDurationSeconds());
            if (!mine && held && now.isBefore(observedAt.plus(duration))) {
                return false;
            }
            try {
                Lease written = leases.update(NAMESPACE, lease, null, l -> {
                    // the write holds only if the record is still the one judged above
                    l.getMetadata().setResourceVersion(version);
                    LeaseSpec next = l.getSpec() == null ? new LeaseSpec() : l.getSpec();
                    if (!mine) {
                        next.setHolderIdentity(identity);
                        next.setAcquireTime(time);
                        next.setLeaseTransitions((next.getLeaseTransitions() == null ? 0 : next.getLeaseTransitions())
                                + (held ? 1 : 0));
                    }
                    next.setLeaseDurationSeconds(seconds(leaseDuration));
                    next.setRenewTime(time);
                    l.setSpec(next);
                    return l;
                }, writer).object();
                observedVersion = written.getMetadata().getResourceVersion();
                observedAt = now;
                return true;
            } catch (StatusException e) {
                if (e.code() == 409 || e.code() == 404) {
                    return false;
                }
                throw e;
            }
        }

        private boolean create(ResourceStore<Lease> leases, ZonedDateTime time) {
            Lease fresh = new Lease();
            ObjectMeta meta = new ObjectMeta();
            meta.setName(lease);
            meta.setNamespace(NAMESPACE);
            fresh.setMetadata(meta);
            LeaseSpec spec = new LeaseSpec();
            spec.setHolderIdentity(identity);
            spec.setLeaseDurationSeconds(seconds(leaseDuration));
            spec.setAcquireTime(time);
            spec.setRenewTime(time);
            spec.setLeaseTransitions(0);
            fresh.setSpec(spec);
            try {
                Lease written = leases.create(NAMESPACE, fresh, writer);
                observedVersion = written.getMetadata().getResourceVersion();
                observedAt = clock.instant();
                return true;
            } catch (StatusException e) {
                if (e.code() == 409) {
                    return false;
                }
                throw e;
            }
        }

        private static int seconds(Duration d) {
            return (int) Math.max(1, (d.toMillis() + 999) / 1000);
        }

        private static int phase(Lifecycle member) {
            return member instanceof SmartLifecycle smart ? smart.getPhase() : 0;
        }
    }
}

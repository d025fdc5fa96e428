package io.kubeling.resources.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.WriteHook;
import io.kubeling.resources.common.KubeTime;

/**
 * The time each Event may live, as the leases kube's event storage attaches in etcd (its TTLFunc
 * returns {@code --event-ttl} on every create and update): every write of an Event grants it the TTL
 * from then on. {@link EventExpiry} deletes the Events whose lease has run out. A TTL of zero keeps
 * Events for good, as kube attaches no lease then.
 */
@Component
public class EventLeases implements WriteHook<Event> {

    private final Clock clock;
    private final Duration ttl;
    private final ConcurrentMap<String, Lease> leases = new ConcurrentHashMap<>();

    @Autowired
    EventLeases(Clock clock, KubelingProperties properties) {
        this(clock, properties.eventTtl() == null ? Duration.ofHours(1) : properties.eventTtl());
    }

    EventLeases(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public Class<Event> type() {
        return Event.class;
    }

    @Override
    public Pending beforeCreate(Event event, boolean dryRun) {
        return granting(event, dryRun);
    }

    @Override
    public Pending beforeUpdate(Event event, Event old, boolean dryRun) {
        return granting(event, dryRun);
    }

    @Override
    public void afterDelete(Event event) {
        ObjectMeta meta = event.getMetadata();
        forget(meta.getNamespace(), meta.getName(), revision(meta));
    }

    boolean enabled() {
        return !ttl.isNegative() && !ttl.isZero();
    }

    /** The lease is granted once the write is stored, when the event has its new resourceVersion. */
    private Pending granting(Event event, boolean dryRun) {
        if (dryRun || !enabled()) {
            return Pending.NONE;
        }
        return new Pending() {
            @Override
            public void commit() {
                ObjectMeta meta = event.getMetadata();
                grant(meta.getNamespace(), meta.getName(), revision(meta));
            }

            @Override
            public void revert() {
            }
        };
    }

    /** A write at {@code revision}: the event lives the TTL from now. */
    void grant(String namespace, String name, long revision) {
        Lease lease = new Lease(namespace, name, revision, clock.instant().plus(ttl));
        // Two writes of one event may commit in either order; the later revision holds the lease.
        leases.merge(key(namespace, name), lease, (held, granted) -> granted.revision() >= held.revision()
                ? granted : held);
    }

    /**
     * An event found in storage when the server starts, whose lease was not kept: it lives the TTL
     * from the latest time it carries (its last occurrence, its last write by a manager, its creation).
     */
    void adopt(Event event) {
        if (!enabled()) {
            return;
        }
        ObjectMeta meta = event.getMetadata();
        Instant last = latest(event);
        Instant expires = (last == null ? clock.instant() : last).plus(ttl);
        leases.putIfAbsent(key(meta.getNamespace(), meta.getName()),
                new Lease(meta.getNamespace(), meta.getName(), revision(meta), expires));
    }

    /** The event is gone at {@code revision}: its lease goes, unless a later write made the event again. */
    void forget(String namespace, String name, long revision) {
        leases.computeIfPresent(key(namespace, name), (k, held) -> held.revision() <= revision ? null : held);
    }

    /** The leases that have run out by {@code now}. */
    List<Lease> expired(Instant now) {
        List<Lease> out = new ArrayList<>();
        for (Lease lease : leases.values()) {
            if (!lease.expires().isAfter(now)) {
                out.add(lease);
            }
        }
        return out;
    }

    /** When the event's lease runs out, if it holds one. */
    public Optional<Instant> expiry(String namespace, String name) {
        Lease lease = leases.get(key(namespace, name));
        return lease == null ? Optional.empty() : Optional.of(lease.expires());
    }

    int size() {
        return leases.size();
    }

    private static Instant latest(Event event) {
        ObjectMeta meta = event.getMetadata();
        Instant latest = KubeTime.parse(meta.getCreationTimestamp());
        latest = later(latest, KubeTime.parse(event.getLastTimestamp()));
        latest = later(latest, micro(event.getEventTime()));
        if (event.getSeries() != null) {
            latest = later(latest, micro(event.getSeries().getLastObservedTime()));
        }
        for (ManagedFieldsEntry entry : meta.getManagedFields()) {
            latest = later(latest, KubeTime.parse(entry.getTime()));
        }
        return latest;
    }

    private static Instant micro(MicroTime time) {
        return time == null ? null : KubeTime.parse(time.getTime());
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }

    private static long revision(ObjectMeta meta) {
        String rv = meta.getResourceVersion();
        return rv == null || rv.isEmpty() ? 0 : Long.parseLong(rv);
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    record Lease(String namespace, String name, long revision, Instant expires) {
    }
}

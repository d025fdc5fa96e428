package io.kubeling.resources.events;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Event;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;

/**
 * Deletes Events whose lease ({@link EventLeases}) has run out, as etcd drops the keys of an expired
 * lease: watchers see them DELETED. A deletion names the revision the lease was granted at, so an
 * Event written again meanwhile stays.
 */
@Component
class EventExpiry {

    private static final Logger log = LoggerFactory.getLogger(EventExpiry.class);

    private final Registry registry;
    private final EventLeases leases;
    private final Clock clock;
    private boolean adopted;

    EventExpiry(Registry registry, EventLeases leases, Clock clock) {
        this.registry = registry;
        this.leases = leases;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = 5, initialDelay = 5, timeUnit = TimeUnit.SECONDS)
    void run() {
        if (!adopted) {
            adoptStored();
            adopted = true;
        }
        int deleted = expire();
        if (deleted > 0) {
            log.debug("{} expired events deleted", deleted);
        }
    }

    /** Deletes the Events expired by now; how many went. */
    synchronized int expire() {
        if (!leases.enabled()) {
            return 0;
        }
        ResourceStore<Event> store = registry.store(Event.class);
        int deleted = 0;
        for (EventLeases.Lease lease : leases.expired(clock.instant())) {
            DeleteOptions exactly = new DeleteOptions(false, null, null, Long.toString(lease.revision()), null);
            try {
                store.delete(lease.namespace(), lease.name(), exactly);
                leases.forget(lease.namespace(), lease.name(), lease.revision());
                deleted++;
            } catch (StatusException e) {
                if (e.code() == 404) {
                    leases.forget(lease.namespace(), lease.name(), lease.revision());
                } else if (e.code() == 409) {
                    renewAfterUnseenWrite(store, lease);
                } else {
                    log.debug("expired event {}/{} not deleted: {}", lease.namespace(), lease.name(), e.getMessage());
                }
            }
        }
        return deleted;
    }

    /** Leases are not stored: the Events kept from an earlier run get theirs from their own times. */
    void adoptStored() {
        if (!leases.enabled()) {
            return;
        }
        for (Event event : registry.store(Event.class).list(null, ListOptions.ALL).items()) {
            leases.adopt(event);
        }
    }

    /** The event was written at a revision its lease has not heard of (yet): that write renews it. */
    private void renewAfterUnseenWrite(ResourceStore<Event> store, EventLeases.Lease lease) {
        Event current;
        try {
            current = store.peek(lease.namespace(), lease.name());
        } catch (StatusException e) {
            leases.forget(lease.namespace(), lease.name(), lease.revision());
            return;
        }
        long revision = Long.parseLong(current.getMetadata().getResourceVersion());
        if (revision > lease.revision()) {
            leases.grant(lease.namespace(), lease.name(), revision);
        }
    }
}

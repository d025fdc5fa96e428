package io.kubeling.resources.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.WriteOptions;
import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.WatchClient;
import tools.jackson.databind.JsonNode;
import io.kubeling.support.ManualClock;

@KubelingTest
class EventExpiryTest {

    @Autowired
    Registry registry;

    @Autowired
    EventLeases serverLeases;

    @LocalServerPort
    int port;

    private static Event event(String namespace, String name) {
        return new EventBuilder().withNewMetadata().withName(name).endMetadata().withNewInvolvedObject()
                .withKind("Pod").withNamespace(namespace).withName("p").endInvolvedObject().withReason("Tested").withMessage("once")
                .withType("Normal").build();
    }

    @Test
    void theServerLeasesEveryEventWrittenForTheTtlAndDropsTheLeaseOfADeletedOne() {
        String ns = new HttpApi(port).newNamespace("lease");
        ResourceStore<Event> events = registry.store(Event.class);
        Instant before = Instant.now();
        events.create(ns, event(ns, "leased"), WriteOptions.DEFAULT);

        assertThat(serverLeases.expiry(ns, "leased")).hasValueSatisfying(expires -> assertThat(expires)
                .isCloseTo(before.plus(Duration.ofHours(1)), within(1, ChronoUnit.MINUTES)));
        events.delete(ns, "leased", DeleteOptions.DEFAULT);
        assertThat(serverLeases.expiry(ns, "leased")).isEmpty();
    }

    @Test
    void anEventIsDeletedOnceTheTtlHasPassedSinceItsLastWriteAndWatchersSeeItGo() {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("ttl");
        ManualClock clock = new ManualClock(Instant.now());
        EventLeases leases = new EventLeases(clock, Duration.ofHours(1));
        EventExpiry expiry = new EventExpiry(registry, leases, clock);
        ResourceStore<Event> events = registry.store(Event.class);

        Event created = events.create(ns, event(ns, "old"), WriteOptions.DEFAULT);
        leases.beforeCreate(created, false).commit();
        clock.advance(Duration.ofMinutes(30));
        Event bumped = events.update(ns, "old", null, e -> {
            e.setCount(2);
            return e;
        }, WriteOptions.DEFAULT).object();
        leases.beforeUpdate(bumped, created, false).commit();

        try (WatchClient watch = new WatchClient(port, "/api/v1/namespaces/" + ns + "/events?watch=true&resourceVersion="
                + bumped.getMetadata().getResourceVersion())) {
            clock.advance(Duration.ofMinutes(45));
            assertThat(expiry.expire()).isZero();
            assertThat(api.get("/api/v1/namespaces/" + ns + "/events/old").code()).isEqualTo(200);

            clock.advance(Duration.ofMinutes(15));
            assertThat(expiry.expire()).isEqualTo(1);
            assertThat(api.get("/api/v1/namespaces/" + ns + "/events/old").code()).isEqualTo(404);
            JsonNode gone = watch.nextChange(Duration.ofSeconds(5));
            assertThat(gone.get("type").asString()).isEqualTo("DELETED");
            assertThat(gone.get("object").get("metadata").get("name").asString()).isEqualTo("old");
            assertThat(leases.expiry(ns, "old")).isEmpty();
        }
    }

    @Test
    void anEventWrittenAgainUnbeknownToItsLeaseIsKeptAndItsLeaseRenewed() {
        String ns = new HttpApi(port).newNamespace("renew");
        ManualClock clock = new ManualClock(Instant.now());
        EventLeases leases = new EventLeases(clock, Duration.ofHours(1));
        EventExpiry expiry = new EventExpiry(registry, leases, clock);
        ResourceStore<Event> events = registry.store(Event.class);
        Event created = events.create(ns, event(ns, "busy"), WriteOptions.DEFAULT);
        leases.beforeCreate(created, false).commit();
        clock.advance(Duration.ofMinutes(59));
        events.update(ns, "busy", null, e -> {
            e.setCount(2);
            return e;
        }, WriteOptions.DEFAULT);

        clock.advance(Duration.ofMinutes(2));
        assertThat(expiry.expire()).isZero();
        assertThat(events.peek(ns, "busy").getCount()).isEqualTo(2);
        assertThat(leases.expiry(ns, "busy")).contains(clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void eventsFoundInStorageAreLeasedFromTheLatestTimeTheyCarry() {
        String ns = new HttpApi(port).newNamespace("adopt");
        ResourceStore<Event> events = registry.store(Event.class);
        Event stale = event(ns, "stale");
        stale.setLastTimestamp("2020-01-01T00:00:00Z");
        events.create(ns, stale, WriteOptions.DEFAULT);
        ManualClock clock = new ManualClock(Instant.now());
        EventLeases leases = new EventLeases(clock, Duration.ofHours(1));

        new EventExpiry(registry, leases, clock).adoptStored();

        assertThat(leases.expiry(ns, "stale")).hasValueSatisfying(expires -> assertThat(expires)
                .isCloseTo(Instant.now().plus(Duration.ofHours(1)), within(1, ChronoUnit.MINUTES)));
    }
}

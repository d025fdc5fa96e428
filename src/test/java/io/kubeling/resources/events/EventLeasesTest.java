package io.kubeling.resources.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.kubeling.support.ManualClock;

class EventLeasesTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final ManualClock clock = new ManualClock(START);
    private final EventLeases leases = new EventLeases(clock, Duration.ofHours(1));

    private static Event event(String name, long revision) {
        return new EventBuilder().withNewMetadata().withNamespace("ns").withName(name)
                .withResourceVersion(Long.toString(revision)).endMetadata().build();
    }

    /** What the store does around a write: the hook before, its commit once the write is stored. */
    private void written(Event event, boolean created) {
        (created ? leases.beforeCreate(event, false) : leases.beforeUpdate(event, event, false)).commit();
    }

    @Test
    void anEventLivesTheTtlFromItsLastWrite() {
        written(event("a", 10), true);
        clock.advance(Duration.ofMinutes(40));
        written(event("a", 20), false);

        clock.advance(Duration.ofMinutes(59));
        assertThat(leases.expired(clock.instant())).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(leases.expired(clock.instant())).containsExactly(
                new EventLeases.Lease("ns", "a", 20, START.plus(Duration.ofMinutes(100))));
    }

    @Test
    void aDryRunOrAFailedWriteGrantsNothing() {
        leases.beforeCreate(event("dry", 0), true).commit();
        leases.beforeCreate(event("failed", 0), false).revert();
        assertThat(leases.size()).isZero();
    }

    @Test
    void anOlderWriteCommittingLateDoesNotTakeTheLeaseBack() {
        written(event("a", 20), false);
        clock.advance(Duration.ofMinutes(5));
        written(event("a", 10), false);
        assertThat(leases.expiry("ns", "a")).contains(START.plus(Duration.ofHours(1)));
    }

    @Test
    void aDeletionDropsTheLeaseUnlessTheEventWasWrittenAgainSince() {
        written(event("gone", 10), true);
        leases.afterDelete(event("gone", 11));
        assertThat(leases.expiry("ns", "gone")).isEmpty();

        written(event("back", 30), true);
        leases.afterDelete(event("back", 25));
        assertThat(leases.expiry("ns", "back")).isPresent();
    }

    @Test
    void aStoredEventFromAnEarlierRunLivesTheTtlFromTheLatestTimeItCarries() {
        Event kept = new EventBuilder().withNewMetadata().withNamespace("ns").withName("kept").withResourceVersion("7")
                .withCreationTimestamp("2025-12-31T22:00:00Z")
                .withManagedFields(new ManagedFieldsEntryBuilder().withTime("2025-12-31T23:10:00Z").build())
                .endMetadata().withLastTimestamp("2025-12-31T23:20:00Z").build();
        Event series = new EventBuilder().withNewMetadata().withNamespace("ns").withName("series")
                .withResourceVersion("8").withCreationTimestamp("2025-12-31T22:00:00Z").endMetadata()
                .withEventTime(new MicroTime("2025-12-31T22:00:00.000000Z")).withNewSeries()
                .withLastObservedTime(new MicroTime("2025-12-31T23:30:00.000000Z")).endSeries().build();
        leases.adopt(kept);
        leases.adopt(series);

        assertThat(leases.expiry("ns", "kept")).contains(Instant.parse("2026-01-01T00:20:00Z"));
        assertThat(leases.expiry("ns", "series")).contains(Instant.parse("2026-01-01T00:30:00Z"));
    }

    @Test
    void adoptionLeavesALeaseGrantedByAWriteAlone() {
        written(event("a", 10), true);
        leases.adopt(new EventBuilder(event("a", 10)).editMetadata().withCreationTimestamp("2025-01-01T00:00:00Z")
                .endMetadata().build());
        assertThat(leases.expiry("ns", "a")).contains(START.plus(Duration.ofHours(1)));
    }

    @Test
    void aTtlOfZeroKeepsEventsForGood() {
        EventLeases forever = new EventLeases(clock, Duration.ZERO);
        forever.beforeCreate(event("a", 10), false).commit();
        forever.adopt(event("b", 11));
        assertThat(forever.enabled()).isFalse();
        assertThat(forever.size()).isZero();
    }
}

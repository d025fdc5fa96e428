package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class EventHistoryTest {

    private static final int MIB = 1 << 20;

    private static StorageEvent update(long revision, int size) {
        return new StorageEvent(StorageEvent.Type.UPDATED, "/configmaps/ns/big", revision, 1, revision - 1,
                new byte[size], null);
    }

    @Test
    void largeValuesAreBoundedByBytesLongBeforeTheCount() {
        EventHistory history = new EventHistory(4096, 8L * MIB);
        for (long r = 1; r <= 449; r++) {
            history.append(update(r, MIB));
        }
        assertThat(history.bytes()).isLessThanOrEqualTo(8L * MIB);
        assertThat(history.size()).isEqualTo(7);
        assertThat(history.between(442, 449, "/configmaps/")).hasValueSatisfying(events -> assertThat(events)
                .extracting(StorageEvent::revision).containsExactly(443L, 444L, 445L, 446L, 447L, 448L, 449L));
        assertThat(history.between(441, 449, "/configmaps/")).isEmpty();
    }

    @Test
    void smallValuesAreBoundedByTheCount() {
        EventHistory history = new EventHistory(100, 64L * MIB);
        for (long r = 1; r <= 1000; r++) {
            history.append(update(r, 100));
        }
        assertThat(history.size()).isEqualTo(100);
        assertThat(history.bytes()).isEqualTo(100 * EventHistory.cost(update(1, 100)));
        assertThat(history.between(900, 1000, "/")).hasValueSatisfying(events -> assertThat(events).hasSize(100));
        assertThat(history.between(899, 1000, "/")).isEmpty();
    }

    @Test
    void aValueLargerThanTheBudgetIsStillTheNewestEvent() {
        EventHistory history = new EventHistory(4096, MIB);
        history.append(update(1, 100));
        history.append(update(2, 2 * MIB));
        assertThat(history.size()).isEqualTo(1);
        assertThat(history.between(1, 2, "/")).hasValueSatisfying(events -> assertThat(events).hasSize(1));
        history.append(update(3, 100));
        assertThat(history.size()).isEqualTo(1);
        assertThat(history.bytes()).isEqualTo(EventHistory.cost(update(3, 100)));
    }

    @Test
    void aGapInRevisionsStartsTheWindowAfresh() {
        EventHistory history = new EventHistory(10, MIB);
        history.append(update(1, 10));
        history.append(update(2, 10));
        history.append(update(5, 10));
        assertThat(history.size()).isEqualTo(1);
        assertThat(history.bytes()).isEqualTo(EventHistory.cost(update(5, 10)));
        assertThat(history.between(4, 5, "/")).hasValueSatisfying(events -> assertThat(events).hasSize(1));
        assertThat(history.between(1, 5, "/")).isEmpty();
        assertThat(history.between(5, 5, "/")).hasValue(List.of());
    }
}

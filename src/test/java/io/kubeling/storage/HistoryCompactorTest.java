package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class HistoryCompactorTest {

    private final KeyValueStore store = Mockito.mock(KeyValueStore.class);
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);

    private HistoryCompactor compactor(long minRevisions, Duration minAge) {
        return new HistoryCompactor(store, minRevisions, minAge, clock);
    }

    @Test
    void keepsTheLastNRevisionsWhenTheyAreOlderThanTheAgeBound() {
        Mockito.when(store.currentRevision()).thenReturn(1000L);
        long cutoff = clock.millis() - Duration.ofMinutes(15).toMillis();
        Mockito.when(store.lastRevisionWrittenBy(cutoff)).thenReturn(990L);
        assertThat(compactor(100, Duration.ofMinutes(15)).compactionTarget()).isEqualTo(900);
    }

    @Test
    void keepsEverythingWrittenWithinTheAgeBound() {
        Mockito.when(store.currentRevision()).thenReturn(1000L);
        long cutoff = clock.millis() - Duration.ofMinutes(15).toMillis();
        Mockito.when(store.lastRevisionWrittenBy(cutoff)).thenReturn(400L);
        assertThat(compactor(100, Duration.ofMinutes(15)).compactionTarget()).isEqualTo(400);
    }

    @Test
    void compactsNothingWhileTheLogIsShorterThanN() {
        Mockito.when(store.currentRevision()).thenReturn(50L);
        Mockito.when(store.lastRevisionWrittenBy(Mockito.anyLong())).thenReturn(50L);
        assertThat(compactor(100, Duration.ZERO).compactionTarget()).isZero();
        compactor(100, Duration.ZERO).run();
        Mockito.verify(store).compact(0);
    }
}

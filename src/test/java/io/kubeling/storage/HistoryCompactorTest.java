package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.util.unit.DataSize;

import io.kubeling.config.KubelingProperties;

class HistoryCompactorTest {

    private final KeyValueStore store = Mockito.mock(KeyValueStore.class);
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T12:00:00Z"), ZoneOffset.UTC);

    private HistoryCompactor compactor(long minRevisions, Duration minAge) {
        KubelingProperties properties = new KubelingProperties(null, "127.0.0.1", 0, false,
                new KubelingProperties.History(minRevisions, minAge, Duration.ofMinutes(1), 1024,
                        DataSize.ofMegabytes(64)),
                new KubelingProperties.Api(1024, 4, Duration.ofSeconds(60), 12000, null),
                new KubelingProperties.Watch(Duration.ofMinutes(1), Duration.ofMinutes(30), 100, Duration.ofSeconds(3), 1,
                        Duration.ofMillis(5), Duration.ofSeconds(2)), null, "v1.32.4", null, null, null);
        return new HistoryCompactor(store, properties, clock);
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

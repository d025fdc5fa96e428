package io.kubeling.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;

/** The newest revision written by a time, which the history compactor keeps the log's last minutes by. */
class RevisionsByAgeTest {

    @Test
    void theNewestRevisionWrittenByATimeIsFoundAcrossGapsLeftByCompaction() {
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        long start = clock.millis();
        try (InMemoryStorage storage = InMemoryStorage.open(clock)) {
            KeyValueStore store = storage.store();
            assertThat(store.lastRevisionWrittenBy(start + 1_000_000)).isZero();

            // three writes a second for a minute, the first key rewritten each time so compaction leaves gaps
            List<Long> revisions = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            KeyValue churn = store.create("/registry/test/churn", bytes("0"));
            revisions.add(churn.revision());
            times.add(clock.millis());
            for (int second = 0; second < 60; second++) {
                clock.advance(Duration.ofSeconds(1));
                churn = store.update("/registry/test/churn", churn.revision(), bytes("" + second));
                store.create("/registry/test/a-" + second, bytes("a"));
                KeyValue last = store.create("/registry/test/b-" + second, bytes("b"));
                revisions.add(last.revision());
                times.add(clock.millis());
            }
            assertThat(store.lastRevisionWrittenBy(start - 1)).isZero();
            for (int i = 0; i < times.size(); i++) {
                assertThat(store.lastRevisionWrittenBy(times.get(i))).as("by second %d", i).isEqualTo(revisions.get(i));
                assertThat(store.lastRevisionWrittenBy(times.get(i) + 999)).isEqualTo(revisions.get(i));
            }

            store.compact(revisions.get(30));
            for (int i = 30; i < times.size(); i++) {
                assertThat(store.lastRevisionWrittenBy(times.get(i))).as("by second %d", i).isEqualTo(revisions.get(i));
            }
            assertThat(store.lastRevisionWrittenBy(clock.millis() + 60_000)).isEqualTo(store.currentRevision());
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

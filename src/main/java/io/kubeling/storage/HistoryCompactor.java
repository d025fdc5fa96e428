package io.kubeling.storage;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** Compacts the revision log, keeping at least the last N revisions and the last T of history. */
public final class HistoryCompactor {

    private static final Logger log = LoggerFactory.getLogger(HistoryCompactor.class);

    private final KeyValueStore store;
    private final long minRevisions;
    private final Duration minAge;
    private final Clock clock;

    public HistoryCompactor(KeyValueStore store, long minRevisions, Duration minAge, Clock clock) {
        this.store = store;
        this.minRevisions = minRevisions;
        this.minAge = minAge;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kubeling.history.compaction-interval:1m}", initialDelayString = "${kubeling.history.compaction-interval:1m}")
    void run() {
        long target = compactionTarget();
        int removed = store.compact(target);
        if (removed > 0) {
            log.info("compacted revision log to {} ({} rows removed)", target, removed);
        }
    }

    /** The highest revision both retention bounds allow to drop. */
    long compactionTarget() {
        long byCount = store.currentRevision() - minRevisions;
        long byAge = store.lastRevisionWrittenBy(clock.millis() - minAge.toMillis());
        return Math.max(0, Math.min(byCount, byAge));
    }
}

package io.kubeling.storage;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.kubeling.config.KubelingProperties;

/** Compacts the revision log, keeping at least the last N revisions and the last T of history. */
@Component
class HistoryCompactor {

    private static final Logger log = LoggerFactory.getLogger(HistoryCompactor.class);

    private final KeyValueStore store;
    private final KubelingProperties.History history;
    private final Clock clock;

    HistoryCompactor(KeyValueStore store, KubelingProperties properties, Clock clock) {
        this.store = store;
        this.history = properties.history();
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
        long byCount = store.currentRevision() - history.minRevisions();
        long byAge = store.lastRevisionWrittenBy(clock.millis() - history.minAge().toMillis());
        return Math.max(0, Math.min(byCount, byAge));
    }
}

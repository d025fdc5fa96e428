package io.kubeling.storage;

import java.util.HashMap;
import java.util.Map;

/**
 * The live keys as the writes of one group commit see them: the store's, with the group's earlier
 * writes laid over them, so that each write's compare-and-swap is checked against what the writes
 * committed before it in the same transaction left.
 */
final class StagedKeys {

    private final Map<String, KeyValue> live;
    private final Map<String, Long> deletedAt;
    // the group's writes: a key's value after them, null where one deleted it
    private final Map<String, KeyValue> written = new HashMap<>();
    private final Map<String, Long> deleted = new HashMap<>();
    private long revision;

    StagedKeys(Map<String, KeyValue> live, Map<String, Long> deletedAt, long revision) {
        this.live = live;
        this.deletedAt = deletedAt;
        this.revision = revision;
    }

    /** The last revision taken, by the store or by the group. */
    long revision() {
        return revision;
    }

    KeyValue get(String key) {
        return written.containsKey(key) ? written.get(key) : live.get(key);
    }

    /** The revision of the key's last deletion still in the log, or 0: a create's previous revision. */
    long deletedAt(String key) {
        if (written.containsKey(key)) {
            return deleted.getOrDefault(key, 0L);
        }
        return deletedAt.getOrDefault(key, 0L);
    }

    /** Whether the key is still at the revision the caller read. */
    boolean holds(KeyValue current) {
        KeyValue now = get(current.key());
        return now != null && now.revision() == current.revision();
    }

    /** Why a compare-and-swap failed: the key moved on, or it is gone. */
    StorageException lost(String key) {
        KeyValue now = get(key);
        return now != null ? new StorageException(StorageException.Kind.CONFLICT, key, now.revision())
                : new StorageException(StorageException.Kind.KEY_NOT_FOUND, key, revision);
    }

    /** Lays a row appended in the group's transaction over the keys. */
    void apply(LogRow row) {
        revision = row.revision;
        if (row.deleted) {
            written.put(row.key, null);
            deleted.put(row.key, row.revision);
        } else {
            written.put(row.key, new KeyValue(row.key, row.value, row.revision, row.createRevision));
            deleted.remove(row.key);
        }
    }
}

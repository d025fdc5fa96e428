package io.kubeling.storage;

import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The etcd stand-in the registry sees, as kine's Backend: keys to opaque values, one global
 * revision per write, compare-and-swap on the revision a writer read, ranges of a prefix now or at
 * a past revision, and watches that resume from a revision. It knows no resource types.
 * {@link #start()} opens it: before, it holds nothing and refuses writes.
 */
public interface KeyValueStore extends AutoCloseable {

    /** Opens the store on its database: reads the compacted and current revisions and the live keys. */
    void start();

    /** Stops delivering events; the database is the caller's. */
    @Override
    void close();

    /** The revision of the last committed write. */
    long currentRevision();

    /**
     * The revision of the last committed write, once this store has read what other writers of its log appended
     * if {@code requested} is past its own: a client may name a revision it was given by another replica.
     */
    default long currentRevision(long requested) {
        return currentRevision();
    }

    /**
     * The revision of the last write the log had committed when called, once this store has read it: what a read
     * without a resourceVersion must reflect, as kube's consistent read, which reads etcd's current revision first.
     * A store that is its log's only writer knows it without asking.
     */
    default long consistentRevision() {
        return currentRevision();
    }

    /** False from a failure to reach the database until it has been read again: the readiness checks' storage. */
    default boolean reachable() {
        return true;
    }

    /** Revisions at or below this one are no longer in the log. */
    long compactedRevision();

    /**
     * The current revision, read so that every event at or below it has already reached the
     * watches: what a bookmark may safely promise.
     */
    long settledRevision();

    Optional<KeyValue> get(String key);

    /**
     * Up to {@code limit} live keys under {@code prefix} after {@code startAfter}, as of now
     * ({@code atRevision} 0) or as of a past revision still in the log.
     */
    Range list(String prefix, String startAfter, int limit, long atRevision);

    /** How many live keys lie under {@code prefix} after {@code startAfter}. */
    default long count(String prefix, String startAfter) {
        return count(prefix, startAfter, 0);
    }

    /**
     * How many keys lay under {@code prefix} after {@code startAfter} as of now ({@code atRevision} 0)
     * or as of a past revision still in the log.
     */
    long count(String prefix, String startAfter, long atRevision);

    default KeyValue create(String key, byte[] value) {
        return create(key, value, revision -> {
        });
    }

    /**
     * Creates the key; {@code written} is told the new revision once it is committed and before its
     * event goes out, so that what the writer leaves for that revision is there for every reader of it.
     */
    KeyValue create(String key, byte[] value, LongConsumer written);

    /** Replaces the value if the key is still at {@code expectedRevision}. */
    KeyValue update(String key, long expectedRevision, byte[] value);

    /**
     * Replaces {@code current}, as the caller read it, with {@code value}: compare-and-swap on its
     * revision, so a write in between makes this one fail with CONFLICT.
     */
    default KeyValue update(KeyValue current, byte[] value) {
        return update(current, value, revision -> {
        });
    }

    /** As {@link #update(KeyValue, byte[])}; {@code written} is told the new revision before its event goes out. */
    KeyValue update(KeyValue current, byte[] value, LongConsumer written);

    /** Removes the key if it is still at {@code expectedRevision}; the result carries the last value. */
    KeyValue delete(String key, long expectedRevision);

    /** Removes {@code current}, as the caller read it, if the key has not been written since. */
    KeyValue delete(KeyValue current);

    /**
     * The events after {@code afterRevision}, oldest first, at most {@code max}.
     * Answers COMPACTED when the log no longer holds them all.
     */
    List<StorageEvent> eventsAfter(long afterRevision, int max);

    /**
     * Starts a watch of the keys under {@code prefix}: subscribes {@code live} to every event
     * after the returned revision and returns what comes before it. With {@code initialState}
     * the backlog is the current state, one synthetic CREATED event per key; otherwise it is the
     * history after {@code afterRevision}. Nothing is missed or sent twice between the two. With {@code live} null
     * nothing is subscribed: the caller follows the later events through a listener subscribed before the call, by
     * their revisions.
     */
    WatchStart watch(String prefix, long afterRevision, boolean initialState, StorageListener live);

    /**
     * Subscribes {@code live} to every event under {@code prefix} after the current revision, reading no history: for
     * a caller that works out each watch's start itself ({@link #watch} with no listener) and skips by revision.
     */
    void follow(String prefix, StorageListener live);

    void unwatch(String prefix, StorageListener live);

    /** Every later event, in revision order, on the one thread that delivers them: listeners must not block. */
    void subscribe(StorageListener listener);

    void unsubscribe(StorageListener listener);

    /**
     * Drops the history at or below {@code target}, keeping every key's latest value.
     * Returns the number of log rows removed.
     */
    int compact(long target);

    /** The highest revision written at or before the given time, for age-based retention. */
    long lastRevisionWrittenBy(long epochMillis);
}

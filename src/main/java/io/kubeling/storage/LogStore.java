package io.kubeling.storage;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import jakarta.persistence.EntityManagerFactory;

import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The store over the revision log, as kine's log-structured backend: writes are serialized so that
 * revisions commit in order, and every event is published only after its transaction has committed.
 * The log is the only table: a key's current value is its latest row. The live keys are also held
 * in memory, as etcd serves reads from memory, so reads of current state touch no database. The
 * compare-and-swap is checked there, under the writers' lock; the log's unique (key, previous
 * revision) pair backs it. Two locks: the writers' lock serializes everything that changes the log
 * (writes, compaction, following other replicas) and is held through its database transaction; the
 * read-write lock's write lock is taken, always after the writers' lock, only for the in-memory step
 * after a commit, so readers never wait for the database and see the state before or after a whole
 * group of writes, never part of it. The database is any one the log's Flyway migrations have set up,
 * reached through JPA: an H2 file by default, an in-memory H2 database for an embedded server, or
 * PostgreSQL, which several replicas may share: each then follows what the others append
 * ({@link LogFollower}), and a write whose revision or compare-and-swap another replica won first
 * catches up with the log and is tried again, against the state it now holds.
 */
public final class LogStore implements KeyValueStore {

    /** The classes the log maps, for an EntityManagerFactory built without Spring Boot's scanning. */
    public static final List<Class<?>> ENTITIES = List.of(LogRow.class, MarkerRow.class);

    /** The hook of a writer that leaves nothing for its revision's readers. */
    private static final LongConsumer NOTHING = revision -> {
    };
    /** Rows read from the log at once while following it. */
    private static final int FOLLOW_PAGE = 1000;
    /** Tries of one write that other replicas keep winning. */
    private static final int MAX_ATTEMPTS = 100;
    /** How long a gap in a shared log is waited for before it is taken as final, as kine does. */
    private static final long GAP_NANOS = 1_000_000_000L;
    /** Bounds of one group commit: its writes, and their values' bytes. */
    private static final int GROUP_WRITES = 256;
    private static final long GROUP_BYTES = 8L << 20;

    private final LogQueries queries;
    private final LogWriter writer;
    private final TransactionTemplate tx;
    private final TransactionTemplate readTx;
    private final EventFanOut fanOut;
    private final CommitDurability durability;
    private final DataSource dataSource;
    private final Clock clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    // held through a change to the log's database, taken before the write lock when both are
    private final ReentrantLock writers = new ReentrantLock();
    private final ConcurrentSkipListMap<String, KeyValue> liveKeys = new ConcurrentSkipListMap<>();
    // the same keys hashed, for lookups of one key: the sorted map compares long common prefixes
    private final ConcurrentHashMap<String, KeyValue> byKey = new ConcurrentHashMap<>();
    private final RangeCounts rangeCounts = new RangeCounts();
    // the revision of each absent key's last deletion still in the log: a new create's previous revision;
    // guarded by the writers' lock
    private final Map<String, Long> deletedAt = new HashMap<>();
    // writes waiting for the next group commit
    private final ConcurrentLinkedQueue<PendingWrite> queued = new ConcurrentLinkedQueue<>();
    // whether a writer is committing the queue; its monitor is where the others wait
    private final AtomicBoolean leading = new AtomicBoolean();
    // transactions the writes committed in; guarded by the writers' lock
    private long commits;
    private volatile long revision;
    private volatile long compacted;
    private volatile boolean started;
    // false from a failure to reach the database until it next answers a read or a write
    private volatile boolean reachable = true;
    // set while a start runs on a thread of its own: calls made meanwhile wait for it
    private volatile CompletableFuture<Void> starting;
    // set on a shared log: follows what the other replicas append
    private LogFollower follower;
    // where consistent reads that lag the log queue to read what they lack, one at a time
    private final Object consistentReads = new Object();
    // the first revision found missing in a shared log, and when; guarded by the writers' lock
    private long gap;
    private long gapSince;

    /**
     * A store on the log that {@code factory} maps; {@code dataSource} is the same database, for the
     * settings JPA does not reach. Nothing is read until {@link #start()}.
     */
    public LogStore(EntityManagerFactory factory, DataSource dataSource, Clock clock, StorageSettings settings) {
        JpaTransactionManager txManager = new JpaTransactionManager(factory);
        this.queries = new LogQueries(SharedEntityManagerCreator.createSharedEntityManager(factory));
        this.writer = new LogWriter(dataSource);
        this.tx = new TransactionTemplate(txManager);
        this.readTx = new TransactionTemplate(txManager);
        this.readTx.setReadOnly(true);
        this.fanOut = new EventFanOut(settings.historyWindow(), settings.historyBytes());
        this.durability = new CommitDurability(dataSource, settings.fsync());
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the store has started already");
        }
        Dialect dialect = durability.start();
        writer.writeTo(dialect);
        LogLoader.Revisions read = LogLoader.load(dataSource, dialect.shared(), this::putLive, (key, at) -> {
            if (!byKey.containsKey(key)) {
                deletedAt.put(key, at);
            }
        });
        compacted = read.compacted();
        revision = Math.max(compacted, read.logged());
        fanOut.startAt(revision);
        started = true;
        if (dialect.shared()) {
            follower = new LogFollower(dataSource, this::catchUp, () -> revision, e -> {
                if (Unreachable.cause(e)) {
                    reachable = false;
                }
            });
            follower.start();
        }
    }

    /**
     * Starts the store on a thread of its own and returns at once, so that the database's first
     * transaction and the reading of the live keys overlap whatever the caller builds meanwhile;
     * every call made before the start has ended waits for it, and {@link #awaitStarted()} rethrows
     * its failure.
     */
    public void startInBackground() {
        startInBackground(() -> {
        });
    }

    /** The same, after {@code first} (such as the schema's migration) has run on the start's thread. */
    public synchronized void startInBackground(Runnable first) {
        if (started || starting != null) {
            throw new IllegalStateException("the store has started already");
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        starting = future;
        Thread thread = new Thread(() -> {
            try {
                first.run();
                start();
                future.complete(null);
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "kubeling-store-start");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for a start begun by {@link #startInBackground()}, and throws what it threw. */
    public void awaitStarted() {
        CompletableFuture<Void> future = starting;
        if (future == null) {
            return;
        }
        try {
            future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new IllegalStateException("the store did not start", e.getCause());
        }
    }

    /** Waits for a start under way, if any. */
    private void opened() {
        if (!started) {
            awaitStarted();
        }
    }

    @Override
    public synchronized void close() {
        if (started) {
            if (follower != null) {
                follower.stop();
                follower = null;
            }
            fanOut.stop();
            writer.close();
            started = false;
        }
    }

    /** Stops following a shared log until {@link #followAgain()}, as a lagging follower would: for tests. */
    void pauseFollowing() {
        follower.stop();
    }

    void followAgain() {
        follower.start();
    }

    /** Whether other replicas may write this store's log (PostgreSQL), once it has started. */
    public boolean shared() {
        opened();
        return follower != null;
    }

    @Override
    public long currentRevision() {
        opened();
        return revision;
    }

    @Override
    public long currentRevision(long requested) {
        opened();
        awaitFollowed(requested);
        return revision;
    }

    /**
     * On a shared log, asks the database for its latest revision and, when this replica has not followed it yet,
     * reads the rows it lacks itself rather than wait for the follower, as kube reads etcd when its watch cache
     * lags. One reader at a time reads them: those queued behind it find them read. On a log of its own the
     * store's revision is the log's, and nothing is asked.
     */
    @Override
    public long consistentRevision() {
        opened();
        if (follower == null) {
            return revision;
        }
        long logged;
        try {
            logged = LogLoader.latest(dataSource);
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
        reachable = true;
        if (logged > revision) {
            synchronized (consistentReads) {
                if (logged > revision) {
                    catchUp();
                }
            }
        }
        return revision;
    }

    @Override
    public boolean reachable() {
        return reachable;
    }

    @Override
    public long compactedRevision() {
        opened();
        return compacted;
    }

    @Override
    public Optional<KeyValue> get(String key) {
        opened();
        KeyValue found = byKey.get(key);
        if (found == null && follower != null) {
            // another replica may have just created it, for a client that reads its own writes
            catchUp();
            found = byKey.get(key);
        }
        return Optional.ofNullable(found);
    }

    @Override
    public Range list(String prefix, String startAfter, int limit, long atRevision) {
        opened();
        String after = startAfter == null || startAfter.compareTo(prefix) < 0 ? prefix : startAfter;
        String end = rangeEnd(prefix);
        int max = limit <= 0 ? Integer.MAX_VALUE : limit + 1;
        awaitFollowed(atRevision);
        if (atRevision <= 0) {
            lock.readLock().lock();
            try {
                List<KeyValue> items = new ArrayList<>();
                for (KeyValue kv : liveRange(after, end).values()) {
                    if (items.size() == max) {
                        break;
                    }
                    items.add(kv);
                }
                return range(items, limit, revision);
            } finally {
                lock.readLock().unlock();
            }
        }
        lock.readLock().lock();
        try {
            if (atRevision > compacted && atRevision <= revision) {
                Optional<List<KeyValue>> recent = rangeFromMemory(prefix, after, end, max, atRevision);
                if (recent.isPresent()) {
                    return range(recent.get(), limit, atRevision);
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return read(() -> {
            requireUncompacted(atRevision, prefix);
            if (atRevision > revision) {
                throw new StorageException(StorageException.Kind.FUTURE_REVISION, prefix, revision);
            }
            List<KeyValue> items = new ArrayList<>();
            for (LogRow row : queries.rangeAt(after, end, atRevision, max)) {
                items.add(new KeyValue(row.key, row.value, row.revision, row.createRevision));
            }
            // a compaction that ran meanwhile may have taken some of the rows read
            requireUncompacted(atRevision, prefix);
            return range(items, limit, atRevision);
        });
    }

    /**
     * The keys in (after, end) as of {@code atRevision}, from memory when the event history still
     * reaches back to it: the live keys with every write since undone, each key written since
     * taking the value its first later event replaced. Called under the read lock, which holds the
     * live keys and the history at the same revision. Empty when the history does not reach back,
     * or an event lacks the value it replaced.
     */
    private Optional<List<KeyValue>> rangeFromMemory(String prefix, String after, String end, int max,
            long atRevision) {
        Optional<TreeMap<String, KeyValue>> since = changedSince(prefix, after, end, atRevision);
        if (since.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<String, KeyValue> then = since.get();
        List<KeyValue> items = new ArrayList<>();
        Iterator<KeyValue> live = liveRange(after, end).values().iterator();
        Iterator<Map.Entry<String, KeyValue>> changed = then.entrySet().iterator();
        KeyValue nextLive = live.hasNext() ? live.next() : null;
        Map.Entry<String, KeyValue> nextChanged = changed.hasNext() ? changed.next() : null;
        while (items.size() < max && (nextLive != null || nextChanged != null)) {
            int order = nextLive == null ? 1
                    : nextChanged == null ? -1 : nextLive.key().compareTo(nextChanged.getKey());
            if (order < 0) {
                items.add(nextLive);
                nextLive = live.hasNext() ? live.next() : null;
                continue;
            }
            if (nextChanged.getValue() != null) {
                items.add(nextChanged.getValue());
            }
            if (order == 0) {
                nextLive = live.hasNext() ? live.next() : null;
            }
            nextChanged = changed.hasNext() ? changed.next() : null;
        }
        return Optional.of(items);
    }

    /**
     * Each key in (after, end) written after {@code atRevision}, with its state then: null where it
     * did not exist. Empty when the history does not reach back, or an event lacks the value it replaced.
     */
    private Optional<TreeMap<String, KeyValue>> changedSince(String prefix, String after, String end,
            long atRevision) {
        Optional<List<StorageEvent>> since = fanOut.history().between(atRevision, revision, prefix);
        if (since.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<String, KeyValue> then = new TreeMap<>();
        for (StorageEvent e : since.get()) {
            String key = e.key();
            if (key.compareTo(after) <= 0 || key.compareTo(end) >= 0 || then.containsKey(key)) {
                continue;
            }
            if (e.type() == StorageEvent.Type.CREATED) {
                then.put(key, null);
            } else if (e.previousValue() == null) {
                return Optional.empty();
            } else {
                then.put(key, new KeyValue(key, e.previousValue(), e.previousRevision(), e.createRevision()));
            }
        }
        return Optional.of(then);
    }

    private static Range range(List<KeyValue> items, int limit, long at) {
        boolean more = limit > 0 && items.size() > limit;
        return new Range(more ? List.copyOf(items.subList(0, limit)) : items, at, more);
    }

    /** The live keys in (after, end). */
    private NavigableMap<String, KeyValue> liveRange(String after, String end) {
        return after.compareTo(end) >= 0 ? new TreeMap<>() : liveKeys.subMap(after, false, end, false);
    }

    @Override
    public long count(String prefix, String startAfter, long atRevision) {
        opened();
        String after = startAfter == null || startAfter.compareTo(prefix) < 0 ? prefix : startAfter;
        String end = rangeEnd(prefix);
        lock.readLock().lock();
        try {
            long at = atRevision <= 0 ? revision : atRevision;
            if (at > compacted && at <= revision) {
                String[] keys = rangeCounts.get(prefix, at);
                if (keys == null && at == revision) {
                    keys = liveRange(prefix, end).keySet().toArray(new String[0]);
                    rangeCounts.put(prefix, at, keys);
                }
                if (keys != null) {
                    return RangeCounts.countAfter(keys, after);
                }
            }
            long live = liveRange(after, end).size();
            if (atRevision <= 0) {
                return live;
            }
            if (atRevision > compacted && atRevision <= revision) {
                Optional<TreeMap<String, KeyValue>> then = changedSince(prefix, after, end, atRevision);
                if (then.isPresent()) {
                    for (Map.Entry<String, KeyValue> changed : then.get().entrySet()) {
                        live += (changed.getValue() != null ? 1 : 0) - (byKey.containsKey(changed.getKey()) ? 1 : 0);
                    }
                    return live;
                }
            }
        } finally {
            lock.readLock().unlock();
        }
        return list(prefix, startAfter, 0, atRevision).items().size();
    }

    @Override
    public KeyValue create(String key, byte[] value, LongConsumer written) {
        if (follower != null && byKey.containsKey(key)) {
            // another replica may have deleted it since this one last read the log
            catchUp();
        }
        return write(value.length, written, at -> {
            if (at.get(key) != null) {
                throw new StorageException(StorageException.Kind.KEY_EXISTS, key, at.revision());
            }
            long rev = at.revision() + 1;
            LogRow row = new LogRow(rev, key, true, false, rev, at.deletedAt(key), clock.millis(), value, null);
            writer.append(row);
            return row;
        });
    }

    @Override
    public KeyValue update(String key, long expectedRevision, byte[] value) {
        return update(expect(key, expectedRevision), value);
    }

    @Override
    public KeyValue update(KeyValue current, byte[] value, LongConsumer written) {
        String key = current.key();
        return write(value.length, written, at -> {
            long rev = at.revision() + 1;
            if (!at.holds(current)) {
                throw lost(at, key);
            }
            LogRow row = new LogRow(rev, key, false, false, current.createRevision(), current.revision(),
                    clock.millis(), value, current.value());
            writer.append(row);
            return row;
        });
    }

    @Override
    public KeyValue delete(String key, long expectedRevision) {
        return delete(expect(key, expectedRevision));
    }

    @Override
    public KeyValue delete(KeyValue current) {
        String key = current.key();
        return write(0, NOTHING, at -> {
            long rev = at.revision() + 1;
            if (!at.holds(current)) {
                throw lost(at, key);
            }
            LogRow row = new LogRow(rev, key, false, true, current.createRevision(), current.revision(),
                    clock.millis(), null, current.value());
            writer.append(row);
            return row;
        });
    }

    private KeyValue expect(String key, long expectedRevision) {
        if (follower != null && get(key).map(KeyValue::revision).orElse(0L) != expectedRevision) {
            // the caller may have read the key on another replica, ahead of this one
            catchUp();
        }
        KeyValue current = get(key)
                .orElseThrow(() -> new StorageException(StorageException.Kind.KEY_NOT_FOUND, key, revision));
        if (current.revision() != expectedRevision) {
            throw new StorageException(StorageException.Kind.CONFLICT, key, current.revision());
        }
        return current;
    }

    /**
     * Why a compare-and-swap failed: the key moved on, or it is gone. On a shared log, where writes
     * commit one at a time, a key gone here may have been written again on another replica.
     */
    private StorageException lost(StagedKeys at, String key) {
        if (follower == null) {
            return at.lost(key);
        }
        return get(key)
                .map(kv -> new StorageException(StorageException.Kind.CONFLICT, key, kv.revision()))
                .orElseGet(() -> new StorageException(StorageException.Kind.KEY_NOT_FOUND, key, revision));
    }

    @Override
    public List<StorageEvent> eventsAfter(long afterRevision, int max) {
        // the log may hold a group committed but not yet applied: its events are not out yet
        return eventsBetween(afterRevision, revision, max);
    }

    /** The events in (afterRevision, upTo], in revision order, at most {@code max}. */
    private List<StorageEvent> eventsBetween(long afterRevision, long upTo, int max) {
        return read(() -> {
            requireUncompacted(afterRevision, "");
            List<LogRow> rows = queries.logBetween(afterRevision, upTo, max);
            Map<Long, byte[]> previous = queries.valuesAt(
                    rows.stream().filter(LogRow::lacksPreviousValue).map(row -> row.prevRevision).toList());
            // a compaction that ran meanwhile may have taken some of the rows read
            requireUncompacted(afterRevision, "");
            List<StorageEvent> events = new ArrayList<>(rows.size());
            for (LogRow row : rows) {
                events.add(row.lacksPreviousValue() ? row.toEvent(previous.get(row.prevRevision)) : row.toEvent());
            }
            return events;
        });
    }

    /**
     * Refuses a read of the state at {@code revision} or of the changes after it once compaction has gone past it, as
     * some of its rows may be gone: compaction keeps every row after the compaction point and each key's last row at
     * or before it (a tombstone's key has none), so both reads are whole from the compaction point on, as etcd reads
     * them.
     */
    private void requireUncompacted(long revision, String key) {
        if (revision < compacted) {
            throw new StorageException(StorageException.Kind.COMPACTED, key, compacted);
        }
    }

    /**
     * Raises the compacted revision before the rows go. The reads of the log's past take no lock: each checks the
     * compaction point before its query and again after it, so one that overlaps the deletion is refused rather than
     * answered with rows missing, and none waits for it. The write lock, for that step alone, keeps the compaction
     * point still for the reads from memory, which check it under the read lock.
     */
    @Override
    public int compact(long target) {
        opened();
        writers.lock();
        try {
            long to = Math.min(target, revision);
            if (to <= compacted) {
                return 0;
            }
            lock.writeLock().lock();
            try {
                compacted = to;
            } finally {
                lock.writeLock().unlock();
            }
            Integer removed = tx.execute(s -> {
                int n = queries.compact(to);
                queries.raiseMarker(MarkerRow.COMPACTED, to);
                if (follower != null) {
                    queries.notifyReplicas("compacted");
                }
                return n;
            });
            deletedAt.values().removeIf(deleted -> deleted <= to);
            return removed == null ? 0 : removed;
        } finally {
            writers.unlock();
        }
    }

    @Override
    public WatchStart watch(String prefix, long afterRevision, boolean initialState, StorageListener live) {
        opened();
        if (!initialState) {
            awaitFollowed(afterRevision);
        }
        long at;
        List<StorageEvent> backlog = new ArrayList<>();
        lock.readLock().lock();
        try {
            at = revision;
            if (initialState) {
                for (KeyValue kv : liveRange(prefix, rangeEnd(prefix)).values()) {
                    backlog.add(new StorageEvent(StorageEvent.Type.CREATED, kv.key(), kv.revision(),
                            kv.createRevision(), 0, kv.value(), null));
                }
            } else {
                if (afterRevision > at) {
                    throw new StorageException(StorageException.Kind.FUTURE_REVISION, prefix, at);
                }
                requireUncompacted(afterRevision, prefix);
            }
            if (live != null) {
                fanOut.subscribe(prefix, at, live);
            }
        } finally {
            lock.readLock().unlock();
        }
        if (!initialState) {
            backlog.addAll(history(prefix, afterRevision, at));
        }
        return new WatchStart(backlog, at);
    }

    @Override
    public void follow(String prefix, StorageListener live) {
        opened();
        // under the lock, so that no commit falls between the revision read and the subscription
        lock.readLock().lock();
        try {
            fanOut.subscribe(prefix, revision, live);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void unwatch(String prefix, StorageListener live) {
        opened();
        fanOut.unsubscribe(prefix, live);
    }

    @Override
    public void subscribe(StorageListener listener) {
        opened();
        fanOut.subscribe(listener);
    }

    @Override
    public void unsubscribe(StorageListener listener) {
        opened();
        fanOut.unsubscribe(listener);
    }

    @Override
    public long settledRevision() {
        opened();
        return fanOut.dispatchedRevision();
    }

    /** The events under {@code prefix} in (after, upTo], from memory when recent, else from the log. */
    private List<StorageEvent> history(String prefix, long after, long upTo) {
        java.util.Optional<List<StorageEvent>> recent = fanOut.history().between(after, upTo, prefix);
        if (recent.isPresent()) {
            return recent.get();
        }
        List<StorageEvent> out = new ArrayList<>();
        long end = Math.min(upTo, revision);
        long from = after;
        while (from < end) {
            List<StorageEvent> batch = eventsBetween(from, end, 1000);
            if (batch.isEmpty()) {
                break;
            }
            for (StorageEvent e : batch) {
                if (e.key().startsWith(prefix)) {
                    out.add(e);
                }
                from = e.revision();
            }
        }
        return out;
    }

    /**
     * Read as every read of the log's past is, under no lock: the compaction point needs no view consistent with the
     * writes under way, as compaction never goes past the current revision.
     */
    @Override
    public long lastRevisionWrittenBy(long epochMillis) {
        return read(() -> queries.lastRevisionWrittenBy(epochMillis));
    }

    /**
     * Commits one write, then, outside the write lock so that the writes queued behind it can commit
     * meanwhile and share the flush, waits until the write is as durable as promised.
     */
    private KeyValue write(int size, LongConsumer beforePublish, Function<StagedKeys, LogRow> step) {
        KeyValue written = commit(new PendingWrite(step, beforePublish, size));
        durability.awaitOnDisk(written.revision(), this::currentRevision);
        return written;
    }

    /**
     * Group commit: a write joins the queue, and one writer at a time leads: it takes the writers'
     * lock and commits every write queued by then in one transaction, so that one commit (one chunk of
     * H2's file) carries them all, each checked against the state the writes before it leave. Each
     * is then applied, published and acknowledged, in revision order, only after that commit and under
     * the write lock, so nothing a reader or watcher sees can be taken back, and no reader waits for
     * the database. The others wait for their outcome, not for the lock, so a group's writers all wake
     * at once rather than each after the one before.
     */
    private KeyValue commit(PendingWrite write) {
        opened();
        if (!started) {
            // its revision would not follow the log's
            throw new IllegalStateException("the store has not started");
        }
        if (writers.isHeldByCurrentThread()) {
            // a write made from a writer's hook: the locks are this thread's already
            commitAlone(write);
            return write.result();
        }
        queued.add(write);
        while (!write.done) {
            if (leading.compareAndSet(false, true)) {
                try {
                    writers.lock();
                    try {
                        while (!write.done) {
                            commitQueued();
                        }
                    } catch (RuntimeException | Error e) {
                        // a group before this write failed as a whole: the write was never tried
                        if (queued.remove(write)) {
                            throw e;
                        }
                    } finally {
                        writers.unlock();
                    }
                } finally {
                    leading.set(false);
                    // the writes queued meanwhile need a leader
                    wakeWriters();
                }
            } else {
                awaitLeader(write);
            }
        }
        return write.result();
    }

    /** Waits until the write is done or no writer leads; a leader's release or group wakes it. */
    private void awaitLeader(PendingWrite write) {
        synchronized (leading) {
            while (!write.done && leading.get()) {
                try {
                    leading.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a group commit");
                }
            }
        }
    }

    private void wakeWriters() {
        synchronized (leading) {
            leading.notifyAll();
        }
    }

    /** Commits the writes queued now, up to a group's bounds; called under the writers' lock. */
    private void commitQueued() {
        // on a shared log another replica may take any of the group's revisions: one at a time there
        int most = follower == null ? GROUP_WRITES : 1;
        List<PendingWrite> group = new ArrayList<>();
        long bytes = 0;
        PendingWrite next;
        while (group.size() < most && bytes < GROUP_BYTES && (next = queued.poll()) != null) {
            group.add(next);
            bytes += next.size;
        }
        try {
            if (group.size() == 1 || !commitTogether(group)) {
                for (PendingWrite write : group) {
                    commitAlone(write);
                }
            }
        } catch (RuntimeException | Error e) {
            for (PendingWrite write : group) {
                if (!write.done) {
                    write.fail(e);
                }
            }
            throw e;
        } finally {
            wakeWriters();
        }
    }

    /**
     * The group in one transaction; false, with nothing committed, when the transaction failed, and
     * each write is then tried alone, so that a failure is only the write's own. A write whose
     * compare-and-swap fails appends nothing and fails alone.
     */
    private boolean commitTogether(List<PendingWrite> group) {
        StagedKeys at = new StagedKeys(byKey, deletedAt, revision);
        Object[] outcomes = new Object[group.size()];
        try {
            writer.inTransaction(() -> {
                for (int i = 0; i < group.size(); i++) {
                    try {
                        LogRow row = group.get(i).step.apply(at);
                        at.apply(row);
                        outcomes[i] = row;
                    } catch (StorageException e) {
                        outcomes[i] = e;
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            return false;
        }
        reachable = true;
        commits++;
        lock.writeLock().lock();
        try {
            for (int i = 0; i < group.size(); i++) {
                if (outcomes[i] instanceof LogRow row) {
                    apply(group.get(i), row);
                } else {
                    group.get(i).fail((StorageException) outcomes[i]);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
        return true;
    }

    private void commitAlone(PendingWrite write) {
        LogRow row;
        try {
            row = append(() -> write.step.apply(new StagedKeys(byKey, deletedAt, revision)));
        } catch (RuntimeException e) {
            write.fail(e);
            if (!(e instanceof StorageException)) {
                followWhatWentThrough();
            }
            return;
        }
        commits++;
        lock.writeLock().lock();
        try {
            apply(write, row);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * After a commit that failed in its caller's eyes, reads whether it went through all the same (its
     * thread interrupted while H2 wrote the file), so that readers and watchers see it now rather than
     * at the next write. An unreachable database is not asked: the next write's append reads the log.
     */
    private void followWhatWentThrough() {
        try {
            catchUp();
        } catch (RuntimeException unreadable) {
            // the next write's append reads the log again
        }
    }

    /**
     * Makes a committed row the live state, runs its writer's hook and publishes its event; called under
     * both locks, so that a reader sees the row with the rest of its group.
     */
    private void apply(PendingWrite write, LogRow row) {
        revision = row.revision;
        KeyValue written = new KeyValue(row.key, row.deleted ? row.oldValue : row.value, row.revision,
                row.createRevision);
        if (row.deleted) {
            removeLive(row.key);
            deletedAt.put(row.key, row.revision);
        } else {
            putLive(written);
            deletedAt.remove(row.key);
        }
        try {
            write.published.accept(row.revision);
            write.complete(written);
        } catch (RuntimeException e) {
            write.fail(e);
        } finally {
            // committed is committed: its event goes out whatever the writer's hook did
            fanOut.publish(row.toEvent());
        }
    }

    /** How many transactions the writes have committed in: fewer than the writes when they were grouped. */
    long commits() {
        writers.lock();
        try {
            return commits;
        } finally {
            writers.unlock();
        }
    }

    /** How many writes wait for the writers' lock to be committed. */
    int queuedWrites() {
        return queued.size();
    }

    /** A write waiting in the group commit's queue, and then its outcome. */
    private static final class PendingWrite {

        final Function<StagedKeys, LogRow> step;
        final LongConsumer published;
        final int size;
        // set under the writers' lock by the group's leader, read by the writer waiting for it
        volatile boolean done;
        private KeyValue written;
        private Throwable failure;

        PendingWrite(Function<StagedKeys, LogRow> step, LongConsumer published, int size) {
            this.step = step;
            this.published = published;
            this.size = size;
        }

        void complete(KeyValue kv) {
            written = kv;
            done = true;
        }

        void fail(Throwable e) {
            failure = e;
            done = true;
        }

        KeyValue result() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return written;
        }
    }

    /**
     * Appends the row {@code step} makes. On a shared log another replica may have taken its revision,
     * or the key's next revision, first; on a log of its own, a commit that failed in its caller's eyes
     * (its thread interrupted while H2 wrote the file) may have gone through all the same. Either way
     * the store then reads what it missed and runs the step again, which checks the compare-and-swap
     * against the state it now holds. Called under the writers' lock.
     */
    private LogRow append(Supplier<LogRow> step) {
        for (int attempt = 1;; attempt++) {
            try {
                LogRow row = writer.inTransaction(step);
                reachable = true;
                return row;
            } catch (LogWriter.Taken e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException("the revision log refused a write " + attempt + " times", e);
                }
                catchUp();
            } catch (RuntimeException e) {
                throw unreachable(e);
            }
        }
    }

    /**
     * A failure to reach the database as the store's UNREACHABLE, which the registry answers as kube
     * answers an unreachable etcd; any other failure as it is.
     */
    private RuntimeException unreachable(RuntimeException e) {
        if (e instanceof StorageException || !Unreachable.cause(e)) {
            return e;
        }
        reachable = false;
        return new StorageException(StorageException.Kind.UNREACHABLE, revision, e);
    }

    /**
     * Reads what other replicas appended after this one's revision and applies it as this replica's
     * own writes are applied: live keys, deletions, the compacted revision, and an event for watchers,
     * in revision order. Revisions are the log's primary key and each writer takes the one after the
     * last it has read, so the log has no gaps but those compaction leaves behind; a gap is waited for
     * all the same, for a second, as kine waits for the rows of transactions still under way.
     */
    void catchUp() {
        if (!started) {
            return;
        }
        while (true) {
            LogLoader.Appended read;
            try {
                read = LogLoader.after(dataSource, revision, FOLLOW_PAGE);
            } catch (RuntimeException e) {
                throw unreachable(e);
            }
            reachable = true;
            boolean whole;
            // the writers' lock first: a write of this replica's own, committed but not yet applied, is not
            // followed as another's
            writers.lock();
            try {
                lock.writeLock().lock();
                try {
                    if (read.compacted() > compacted) {
                        long to = read.compacted();
                        compacted = to;
                        deletedAt.values().removeIf(deleted -> deleted <= to);
                    }
                    whole = applyFollowed(read.rows());
                } finally {
                    lock.writeLock().unlock();
                }
            } finally {
                writers.unlock();
            }
            if (!whole || read.rows().size() < FOLLOW_PAGE) {
                return;
            }
        }
    }

    /** Applies the rows that follow this replica's revision; false when it stopped at a gap. */
    private boolean applyFollowed(List<LogRow> rows) {
        for (LogRow row : rows) {
            if (row.revision <= revision) {
                continue;
            }
            if (row.revision != revision + 1 && row.revision - 1 > compacted && !gapWaitedFor(revision + 1)) {
                return false;
            }
            KeyValue before = byKey.get(row.key);
            StorageEvent event = row.toEvent(row.deleted ? row.oldValue
                    : row.created || before == null ? null : before.value());
            if (row.deleted) {
                removeLive(row.key);
                deletedAt.put(row.key, row.revision);
            } else {
                putLive(new KeyValue(row.key, row.value, row.revision, row.createRevision));
                deletedAt.remove(row.key);
            }
            // the revision last, so that a reader who sees it sees the keys written at it
            revision = row.revision;
            fanOut.publish(event);
        }
        return true;
    }

    /** Whether the missing revision has been missing long enough to be taken as never committed. */
    private boolean gapWaitedFor(long missing) {
        long now = System.nanoTime();
        if (gap != missing) {
            gap = missing;
            gapSince = now;
            return false;
        }
        if (now - gapSince < GAP_NANOS) {
            return false;
        }
        org.slf4j.LoggerFactory.getLogger(LogStore.class).error("revision {} is missing from the log; going on past it",
                missing);
        return true;
    }

    /**
     * On a shared log, reads what this replica has not followed yet when a caller names a revision
     * past its own, as a client may that read it on another replica: the revision is the same
     * everywhere, and it is in the future only when no replica has written it.
     */
    private void awaitFollowed(long atRevision) {
        if (follower != null && atRevision > revision) {
            catchUp();
        }
    }

    /** Keeps the sorted and the hashed view of the live keys in step. */
    private void putLive(KeyValue kv) {
        liveKeys.put(kv.key(), kv);
        byKey.put(kv.key(), kv);
    }

    private void removeLive(String key) {
        liveKeys.remove(key);
        byKey.remove(key);
    }

    /**
     * A read of the log's database, under no lock, so that it neither waits for a commit nor holds the
     * next one's in-memory step up. Compaction raises the compacted revision before it deletes rows, so
     * a read of the past checks it again once read, and refuses what a compaction may have cut short.
     */
    private <T> T read(Supplier<T> body) {
        opened();
        try {
            T read = readTx.execute(s -> body.get());
            reachable = true;
            return read;
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** The first key after every key that starts with {@code prefix}, which ends with '/'. */
    static String rangeEnd(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }
}

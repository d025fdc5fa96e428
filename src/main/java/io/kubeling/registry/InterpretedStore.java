package io.kubeling.registry;

import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import io.kubeling.storage.KeyValue;
import io.kubeling.storage.KeyValueStore;
import io.kubeling.storage.Range;
import io.kubeling.storage.StorageEvent;
import io.kubeling.storage.StorageException;
import io.kubeling.storage.StorageListener;
import io.kubeling.storage.WatchStart;

/**
 * One resource's view of the store in which an unreachable database is kube's ServerTimeout for the
 * operation that met it, as storeerr.Interpret*Error answers an unreachable etcd: whatever the store
 * refused for another reason reaches the resource store as it was.
 */
final class InterpretedStore implements KeyValueStore {

    /** What kube tells clients to wait before trying again. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final KeyValueStore kv;
    private final GroupResource resource;

    InterpretedStore(KeyValueStore kv, GroupResource resource) {
        this.kv = kv;
        this.resource = resource;
    }

    private <R> R interpret(String operation, Supplier<R> call) {
        try {
            return call.get();
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.UNREACHABLE) {
                throw Errors.serverTimeout(resource, operation, RETRY_AFTER_SECONDS);
            }
            throw e;
        }
    }

    @Override
    public void start() {
        kv.start();
    }

    @Override
    public void close() {
        kv.close();
    }

    @Override
    public boolean reachable() {
        return kv.reachable();
    }

    @Override
    public long currentRevision() {
        return kv.currentRevision();
    }

    @Override
    public long currentRevision(long requested) {
        return interpret("list", () -> kv.currentRevision(requested));
    }

    @Override
    public long consistentRevision() {
        return consistentRevision("list");
    }

    /** The store's consistent revision, for the request {@code operation} names when the database is out of reach. */
    long consistentRevision(String operation) {
        return interpret(operation, kv::consistentRevision);
    }

    @Override
    public long compactedRevision() {
        return kv.compactedRevision();
    }

    @Override
    public long settledRevision() {
        return kv.settledRevision();
    }

    @Override
    public Optional<KeyValue> get(String key) {
        return interpret("get", () -> kv.get(key));
    }

    @Override
    public Range list(String prefix, String startAfter, int limit, long atRevision) {
        return interpret("list", () -> kv.list(prefix, startAfter, limit, atRevision));
    }

    @Override
    public long count(String prefix, String startAfter, long atRevision) {
        return interpret("list", () -> kv.count(prefix, startAfter, atRevision));
    }

    @Override
    public KeyValue create(String key, byte[] value, LongConsumer written) {
        return interpret("create", () -> kv.create(key, value, written));
    }

    @Override
    public KeyValue update(String key, long expectedRevision, byte[] value) {
        return interpret("update", () -> kv.update(key, expectedRevision, value));
    }

    @Override
    public KeyValue update(KeyValue current, byte[] value, LongConsumer written) {
        return interpret("update", () -> kv.update(current, value, written));
    }

    @Override
    public KeyValue delete(String key, long expectedRevision) {
        return interpret("delete", () -> kv.delete(key, expectedRevision));
    }

    @Override
    public KeyValue delete(KeyValue current) {
        return interpret("delete", () -> kv.delete(current));
    }

    @Override
    public List<StorageEvent> eventsAfter(long afterRevision, int max) {
        return interpret("watch", () -> kv.eventsAfter(afterRevision, max));
    }

    @Override
    public WatchStart watch(String prefix, long afterRevision, boolean initialState, StorageListener live) {
        return interpret("watch", () -> kv.watch(prefix, afterRevision, initialState, live));
    }

    @Override
    public void follow(String prefix, StorageListener live) {
        kv.follow(prefix, live);
    }

    @Override
    public void unwatch(String prefix, StorageListener live) {
        kv.unwatch(prefix, live);
    }

    @Override
    public void subscribe(StorageListener listener) {
        kv.subscribe(listener);
    }

    @Override
    public void unsubscribe(StorageListener listener) {
        kv.unsubscribe(listener);
    }

    @Override
    public int compact(long target) {
        return kv.compact(target);
    }

    @Override
    public long lastRevisionWrittenBy(long epochMillis) {
        return interpret("list", () -> kv.lastRevisionWrittenBy(epochMillis));
    }
}

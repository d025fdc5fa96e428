package io.kubeling.registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.kubeling.registry.fields.FieldManager;
import io.kubeling.registry.selection.FieldSelector;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.storage.KeyValue;
import io.kubeling.storage.KeyValueStore;
import io.kubeling.storage.Range;
import io.kubeling.storage.StorageEvent;
import io.kubeling.storage.StorageException;
import io.kubeling.storage.StorageListener;

/**
 * The generic store of one resource, as kube's genericregistry.Store: metadata, validation
 * through the strategy, optimistic concurrency, selectors, paging, finalizers and graceful
 * deletion. Knows nothing of HTTP or SQL.
 */
public final class ResourceStore<T extends HasMetadata> {

    private static final Logger log = LoggerFactory.getLogger(ResourceStore.class);
    private static final int GENERATE_NAME_ATTEMPTS = 8;
    private static final int LIST_BATCH = 500;
    private static final java.util.concurrent.atomic.AtomicInteger STORES = new java.util.concurrent.atomic.AtomicInteger();

    private final ResourceDefinition<T> def;
    private final InterpretedStore kv;
    private final ObjectCodec codec;
    private final Clock clock;
    private final NameGenerator names;
    private final List<Admission> admissions;
    private final List<WriteHook<T>> hooks;
    private final ValueTransformer transformer;
    private final WriteAudit audit;
    private final DecodedObjects decoded;
    private final EncodedObjects encoded;
    /** Names this store, whose version and definition its objects are encoded under, in the encoded objects. */
    private final int id = STORES.incrementAndGet();
    // learnt from an object decoded for the purpose on the first field selector, not at start: decoding builds
    // the model's deserializers for the type, the bulk of the registry's construction
    private volatile java.util.Set<String> supportedFields;
    private final FieldManager fields;
    /**
     * Prefixes the revisions under which decoded objects and encoded events are shared: empty for built-in
     * resources, the version for custom resources, whose versions read the same keys as different objects.
     */
    private final String tag;
    /** The top-level fields a write may leave out of field tracking, by name. */
    private final Map<String, TopLevelField> topLevel = new HashMap<>();
    /** Each open watch's subscription to the store, by the watch's listener. */
    private final Map<ChangeListener, StorageListener> watching = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<ChangeListener> subscribers = new CopyOnWriteArrayList<>();
    // the one subscription to the store that feeds the subscribers, while there are any; guarded by subscribers
    private StorageListener feed;
    /** Counts the writes committed through this store, each counted before the write returns. */
    private final AtomicLong writes = new AtomicLong();

    ResourceStore(ResourceDefinition<T> def, KeyValueStore kv, ObjectCodec codec, Clock clock, NameGenerator names,
            List<Admission> admissions, List<WriteHook<T>> hooks, ValueTransformer transformer,
            DecodedObjects decoded, EncodedObjects encoded, WriteAudit audit) {
        this.def = def;
        this.audit = audit;
        this.encoded = encoded;
        this.hooks = List.copyOf(hooks);
        this.transformer = transformer;
        this.kv = new InterpretedStore(kv, def.groupResource());
        this.codec = codec;
        this.decoded = decoded;
        this.clock = clock;
        this.names = names;
        this.admissions = admissions;
        this.tag = def.type() == GenericKubernetesResource.class || def.conversion() != null
                || def.storedShape() != null ? def.apiVersion() + "#" : "";
        this.fields = new FieldManager(def.type(), def.isCustom() ? def.custom().openApiSchema() : null,
                def.apiVersion(), def.subresources().containsKey("status"), clock);
        for (String part : List.of("spec", "status")) {
            TopLevelField field = TopLevelField.of(def.type(), part);
            if (field != null) {
                topLevel.put(part, field);
            }
        }
    }

    public ResourceDefinition<T> definition() {
        return def;
    }

    /**
     * How many writes this store has committed, each counted before it returns: while the count stays the same,
     * what was read through the store is still current. Lets readers of a few objects on every request (the
     * admission chain's configurations) keep what they built from them rather than list them again.
     */
    public long writes() {
        return writes.get();
    }

    // ---- read

    /**
     * Brings this replica up to every write committed before the call, as kube-apiserver makes a get, a list or a
     * watch without a resourceVersion a consistent read; free where this server is its log's only writer.
     * {@code operation} names the request in the ServerTimeout of a database out of reach.
     */
    public void awaitConsistentRead(String operation) {
        kv.consistentRevision(operation);
    }

    /**
     * Readies this replica for a get at {@code resourceVersion}, as kube-apiserver serves one: none is a consistent
     * read, "0" is whatever this replica holds, and a revision is served once the replica has reached it, refused
     * as too large when no replica has written it.
     */
    public void awaitGetRevision(String resourceVersion) {
        if (resourceVersion == null || resourceVersion.isEmpty()) {
            awaitConsistentRead("get");
            return;
        }
        long requested = parseResourceVersion(resourceVersion);
        if (requested != 0) {
            awaitRevision(requested);
        }
    }

    /** Reads what this replica lacks up to {@code requested}, refused as too large when no replica wrote it. */
    private void awaitRevision(long requested) {
        long current = kv.currentRevision(requested);
        if (requested > current) {
            throw Errors.timeout("Too large resource version: " + requested + ", current: " + current, 1);
        }
    }

    public T get(String namespace, String name) {
        KeyValue value = kv.get(def.key(namespace, name)).orElseThrow(() -> Errors.notFound(def.groupResource(), name));
        return decode(value);
    }

    /**
     * The current object as the API sends it in JSON, encoded once per revision and shared with every
     * response that sends it.
     */
    public EncodedObject getEncoded(String namespace, String name) {
        KeyValue value = kv.get(def.key(namespace, name)).orElseThrow(() -> Errors.notFound(def.groupResource(), name));
        return encoded(value, null);
    }

    /**
     * The object a write returned as the API sends it in JSON. When it is its key's current revision it becomes
     * that revision's encoding, so the gets and lists that follow send it rather than decode and encode the stored
     * value again; anything else (a dry run's object, one another write has overtaken, one converted from its
     * storage version) is encoded on its own.
     */
    public EncodedObject encodedWritten(String namespace, T written) {
        ObjectMeta meta = written.getMetadata();
        String version = meta == null ? null : meta.getResourceVersion();
        if (!converts() && version != null && !version.isEmpty() && meta.getName() != null) {
            KeyValue current = kv.get(def.key(namespace, meta.getName())).orElse(null);
            if (current != null && version.equals(Long.toString(current.revision()))) {
                return encoded(current, written);
            }
        }
        return codec.encodeForResponse(written);
    }

    /**
     * The answer of a delete that is gone: the encoding of the revision it removed, with the delete's
     * resourceVersion; null unless that encoding is cached.
     */
    public EncodedObject encodedDeleted(DeleteResult<T> result) {
        if (!result.deleted() || result.removedRevision() <= 0 || converts()) {
            return null;
        }
        return encoded.find(new EncodedObjects.Key(id, result.removedRevision()),
                result.object().getMetadata().getResourceVersion());
    }

    /**
     * A stored value as the API sends it, encoded once per revision; {@code object}, when given, is the value
     * already decoded.
     */
    private EncodedObject encoded(KeyValue value, T object) {
        if (def.isCustom() && def.custom().conversion() != null && !def.custom().conversion().repeatable()) {
            return codec.encodeForResponse(object != null ? object : decode(value));
        }
        return encoded.get(new EncodedObjects.Key(id, value.revision()),
                () -> codec.encodeForResponse(object != null ? object : sharedOrDecoded(value)));
    }

    /** The shared object of a revision when one is at hand (a write's, before its answer is kept), else decoded. */
    private T sharedOrDecoded(KeyValue value) {
        T shared = decoded.find(tag + "r" + value.revision());
        return shared != null ? shared : decode(value);
    }

    /**
     * The current object, decoded once per revision and shared with every other reader of that
     * revision (watches, controllers): callers must not change it. For lookups that only read.
     */
    public T peek(String namespace, String name) {
        KeyValue value = kv.get(def.key(namespace, name)).orElseThrow(() -> Errors.notFound(def.groupResource(), name));
        return shared(value.value(), value.revision());
    }

    /**
     * Every current object of this resource, each the shared object of its revision, as {@link #peek}: for
     * lookups that only read a few objects (the admission webhooks' configurations).
     */
    public List<T> peekAll() {
        List<T> items = new ArrayList<>();
        DecodedObjects.Scan scan = decoded.scan();
        for (KeyValue value : kv.list(def.keyPrefix(null), null, 0, 0).items()) {
            items.add(scanned(scan, value.value(), value.revision()));
        }
        return items;
    }

    /**
     * The current objects of a namespace (of every namespace when null) whose labels match, each the shared object
     * of its revision, as {@link #peek}: for controllers that read the objects a selector picks, as kube's read their
     * informers' caches. The labels are read without decoding the rest where no shared object is at hand.
     */
    public List<T> peekAll(String namespace, io.kubeling.registry.selection.LabelSelector labels) {
        ListOptions options = new ListOptions(labels, FieldSelector.EVERYTHING, 0, null, null, null);
        DecodedObjects.Scan scan = decoded.scan();
        return list(namespace, options, value -> labels.isEmpty()
                || labels.matches(metadata(value.value(), value.revision()).getLabels())
                ? scanned(scan, value.value(), value.revision()) : null).items();
    }

    /**
     * Makes an object just written the shared object of its revision, before the revision's event
     * goes out, so that watchers and controllers take it rather than decode it again.
     */
    private void share(T written, int size, long revision) {
        written.getMetadata().setResourceVersion(Long.toString(revision));
        decoded.put(tag + "r" + revision, size, written);
    }

    /**
     * Makes the written form the encoding of its revision, so that the answer and the gets that follow send it
     * without encoding the object again. Done once the write is back, outside the log's locks, which the writes
     * behind it wait for: a get or list that encodes the revision meanwhile, from its shared object, leaves the same
     * bytes.
     */
    private void keepAnswer(KeyValue written, WrittenForm form) {
        if (form != null) {
            encoded.keep(new EncodedObjects.Key(id, written.revision()), form);
        }
    }

    private T scanned(DecodedObjects.Scan scan, byte[] bytes, long revision) {
        return scan.get(tag + "r" + revision, bytes.length, () -> decode(bytes, revision));
    }

    /** A stored value at its revision, decoded once for every reader of that revision; not to be changed. */
    public T shared(byte[] bytes, long revision) {
        return decoded.get(tag + "r" + revision, bytes.length, () -> decode(bytes, revision));
    }

    /**
     * The metadata of a stored value at its revision, read without decoding the rest, or taken from
     * the shared object when there is one; not to be changed.
     */
    public ObjectMeta metadata(byte[] bytes, long revision) {
        T shared = decoded.find(tag + "r" + revision);
        if (shared != null) {
            return shared.getMetadata();
        }
        ObjectMeta meta = codec.decodeMetadata(transformer.fromStorage(bytes));
        meta.setResourceVersion(Long.toString(revision));
        return meta;
    }

    public ListResult<T> list(String namespace, ListOptions options) {
        return list(namespace, options, value -> {
            T object = decode(value);
            return matches(object, options) ? object : null;
        });
    }

    /**
     * As {@link #list}, each item the object as the API sends it in JSON, encoded once per revision and shared
     * by every response that sends it: a page of unchanged objects is copied, not encoded again.
     */
    public ListResult<EncodedObject> listEncoded(String namespace, ListOptions options) {
        if (options.fieldSelector().isEmpty() && options.labelSelector().isEmpty()) {
            return list(namespace, options, value -> encoded(value, null));
        }
        if (options.fieldSelector().isEmpty()) {
            // labels are metadata, read without decoding the rest
            return list(namespace, options, value -> options.labelSelector()
                    .matches(metadata(value.value(), value.revision()).getLabels()) ? encoded(value, null) : null);
        }
        return list(namespace, options, value -> {
            T object = decode(value);
            return matches(object, options) ? encoded(value, object) : null;
        });
    }

    /**
     * Reads a page, {@code read} giving each stored value's item, or null where it does not match the
     * options' selectors.
     */
    private <R> ListResult<R> list(String namespace, ListOptions options, java.util.function.Function<KeyValue, R> read) {
        checkSelectors(options);
        FieldSelector fields = options.fieldSelector();
        String prefix = def.keyPrefix(namespace);
        String nameFilter = fields.requiredValue("metadata.name");
        long atRevision = readRevision(options);
        String startAfter = null;
        ContinueToken token = null;
        if (options.continueToken() != null && !options.continueToken().isEmpty()) {
            token = ContinueToken.decode(options.continueToken());
            atRevision = token.latest() ? 0 : token.revision();
            startAfter = prefix + token.startAfter();
            // the state at the compaction point itself is still whole, as etcd still ranges at its compacted revision
            if (!token.latest() && atRevision < kv.compactedRevision()) {
                throw continueExpired(token);
            }
        }
        long limit = options.limit();
        boolean filtering = !options.labelSelector().isEmpty() || !fields.isEmpty();
        List<R> items = new ArrayList<>();
        long revision;
        String lastKey = null;
        boolean more;
        try {
            while (true) {
                // A filtered page reads ahead in batches, since not every key will match; an unlimited list reads all.
                int batch = limit <= 0 ? 0 : filtering ? LIST_BATCH
                        : (int) Math.max(Math.min(limit - items.size(), LIST_BATCH), 1);
                Range range = kv.list(prefix, startAfter, batch, atRevision);
                revision = range.revision();
                atRevision = revision;
                more = range.more();
                List<KeyValue> page = range.items();
                for (int i = 0; i < page.size(); i++) {
                    KeyValue value = page.get(i);
                    lastKey = value.key();
                    if (nameFilter != null && !lastKey.endsWith("/" + nameFilter)) {
                        continue;
                    }
                    R item = read.apply(value);
                    if (item != null) {
                        items.add(item);
                        if (limit > 0 && items.size() >= limit) {
                            more = more || i < page.size() - 1;
                            break;
                        }
                    }
                }
                if (!more || limit <= 0 || items.size() >= limit) {
                    break;
                }
                startAfter = lastKey;
            }
        } catch (StorageException e) {
            if (e.kind() == StorageException.Kind.COMPACTED && token != null) {
                throw continueExpired(token);
            }
            throw translateListError(e, options);
        }
        String next = null;
        Long remaining = null;
        if (limit > 0 && more && lastKey != null) {
            next = new ContinueToken(revision, lastKey.substring(prefix.length())).encode();
            if (!filtering) {
                try {
                    remaining = kv.count(prefix, lastKey, revision);
                } catch (StorageException e) {
                    throw token != null && e.kind() == StorageException.Kind.COMPACTED ? continueExpired(token)
                            : translateListError(e, options);
                }
            }
        }
        return new ListResult<>(items, revision, next, remaining);
    }

    public boolean matches(T object, ListOptions options) {
        if (!options.labelSelector().matches(object.getMetadata().getLabels())) {
            return false;
        }
        return options.fieldSelector().isEmpty() || options.fieldSelector().matches(fieldsOf(object));
    }

    public Map<String, String> fieldsOf(T object) {
        Map<String, String> fields = new HashMap<>(def.strategy().selectableFields(object));
        fields.put("metadata.name", nullToEmpty(object.getMetadata().getName()));
        if (def.namespaced()) {
            fields.put("metadata.namespace", nullToEmpty(object.getMetadata().getNamespace()));
        }
        return fields;
    }

    /** The field selector fields this resource offers, learned once from its strategy. */
    private java.util.Set<String> supportedFields() {
        java.util.Set<String> fields = supportedFields;
        if (fields == null) {
            fields = selectableFieldNames();
            supportedFields = fields;
        }
        return fields;
    }

    private java.util.Set<String> selectableFieldNames() {
        java.util.Set<String> supported = new java.util.HashSet<>(def.strategy().selectableFields(emptyObject()).keySet());
        supported.add("metadata.name");
        if (def.namespaced()) {
            supported.add("metadata.namespace");
        }
        return java.util.Set.copyOf(supported);
    }

    private long readRevision(ListOptions options) {
        String rv = options.resourceVersion();
        String match = options.resourceVersionMatch();
        if (options.continueToken() != null && !options.continueToken().isEmpty() && rv != null && !rv.isEmpty()
                && !rv.equals("0")) {
            throw Errors.badRequest("specifying resource version is not allowed when using continue");
        }
        if (rv == null || rv.isEmpty() || rv.equals("0")) {
            return 0;
        }
        long requested = parseResourceVersion(rv);
        if (match == null || match.isEmpty() || match.equals("NotOlderThan")) {
            awaitRevision(requested);
            return 0;
        }
        return requested;
    }

    /**
     * The 410 of a continue token whose snapshot is compacted, as kube's: it carries a token for the
     * rest of the list at the latest revision, which the client may take knowing the list is then inconsistent.
     */
    private static StatusException continueExpired(ContinueToken token) {
        StatusException expired = Errors.expired("The provided continue parameter is too old to display a consistent "
                + "list result. You can start a new list without the continue parameter, or use the continue token "
                + "in this response to retrieve the remainder of the results. Continuing with the provided token "
                + "results in an inconsistent list - objects that were created, modified, or deleted between the time "
                + "the first chunk was returned and now may show up in the list.");
        expired.status().getMetadata().setContinue(new ContinueToken(ContinueToken.LATEST, token.startAfter()).encode());
        return expired;
    }

    private RuntimeException translateListError(StorageException e, ListOptions options) {
        return switch (e.kind()) {
            case COMPACTED -> Errors.expired("The resourceVersion for the provided list is too old.");
            case FUTURE_REVISION -> Errors.timeout("Too large resource version: " + options.resourceVersion()
                    + ", current: " + kv.currentRevision(), 1);
            default -> Errors.internal(e.getMessage());
        };
    }

    public static long parseResourceVersion(String rv) {
        try {
            long value = Long.parseLong(rv);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw Errors.badRequest("invalid resource version: " + rv);
        }
    }

    // ---- watch

    /**
     * Tells {@code live} of every later change to this resource in {@code namespace} (or everywhere when null), in
     * revision order on the store's one delivering thread; {@link #watchStart} works out where each watch begins.
     */
    public void follow(String namespace, ChangeListener live) {
        StorageListener delivered = event -> live.onChange(change(event));
        watching.put(live, delivered);
        try {
            kv.follow(def.keyPrefix(namespace), delivered);
        } catch (RuntimeException e) {
            watching.remove(live);
            throw e;
        }
    }

    /**
     * How a watch of this resource in {@code namespace} begins, subscribing nothing: for a watch that reads the later
     * changes from a listener started before this call, skipping those up to the returned revision.
     */
    public WatchStart watchStart(String namespace, long afterRevision, boolean initialState) {
        try {
            io.kubeling.storage.WatchStart start = kv.watch(def.keyPrefix(namespace), afterRevision, initialState,
                    null);
            List<StoredChange> backlog = new ArrayList<>(start.backlog().size());
            start.backlog().forEach(event -> backlog.add(StoredChange.of(event)));
            return new WatchStart(backlog, start.revision());
        } catch (StorageException e) {
            throw translateWatchError(e, afterRevision);
        }
    }

    /**
     * The change of a storage event, one for every watch it goes to (the store hands an event to its watches one
     * after the other, on one thread), so that what is worked out from it once (its encoding) serves them all.
     */
    private StoredChange change(StorageEvent event) {
        LastChange last = lastChange;
        if (last != null && last.event() == event) {
            return last.change();
        }
        StoredChange change = StoredChange.of(event);
        lastChange = new LastChange(event, change);
        return change;
    }

    private record LastChange(StorageEvent event, StoredChange change) {
    }

    private volatile LastChange lastChange;

    /** Stops telling {@code live}, which {@link #follow} subscribed. */
    public void unfollow(String namespace, ChangeListener live) {
        StorageListener delivered = watching.remove(live);
        if (delivered != null) {
            kv.unwatch(def.keyPrefix(namespace), delivered);
        }
    }

    /**
     * Tells {@code listener} of every later committed change to this resource, in revision order,
     * on the store's one delivering thread, as an informer's handlers hear of them: the registry's
     * change feed, which controllers follow. One subscription to the store serves every listener.
     */
    public Subscription subscribe(ChangeListener listener) {
        synchronized (subscribers) {
            if (feed == null) {
                String prefix = def.keyPrefix(null);
                feed = event -> {
                    if (event.key().startsWith(prefix)) {
                        publish(StoredChange.of(event));
                    }
                };
                kv.subscribe(feed);
            }
            subscribers.add(listener);
        }
        return () -> unsubscribe(listener);
    }

    private void unsubscribe(ChangeListener listener) {
        synchronized (subscribers) {
            if (subscribers.remove(listener) && subscribers.isEmpty()) {
                kv.unsubscribe(feed);
                feed = null;
            }
        }
    }

    private void publish(StoredChange change) {
        for (ChangeListener subscriber : subscribers) {
            try {
                subscriber.onChange(change);
            } catch (RuntimeException e) {
                log.warn("{} change listener failed on revision {}", def.plural(), change.revision(), e);
            }
        }
    }

    /**
     * What a stored change means to a watcher with these selectors, as kube's watch cache
     * decides: an object that starts matching arrives as ADDED, one that stops matching as
     * DELETED (its previous state at the new revision), others as they happened; null when the
     * watcher does not see it.
     */
    public WatchEvent<T> translate(StoredChange event, ListOptions filter) {
        if (filter.labelSelector().isEmpty() && filter.fieldSelector().isEmpty()) {
            return unfiltered(event);
        }
        T current = event.value() == null ? null : shared(event.value(), event.revision());
        T previous = event.previousValue() == null ? null : shared(event.previousValue(), event.previousRevision());
        boolean now = current != null && matches(current, filter);
        boolean before = previous != null && event.type() != StoredChange.Type.CREATED && matches(previous, filter);
        return switch (event.type()) {
            case CREATED -> now ? new WatchEvent<>(WatchEvent.Type.ADDED, current, tag + "r" + event.revision()) : null;
            case UPDATED -> {
                if (now && before) {
                    yield new WatchEvent<>(WatchEvent.Type.MODIFIED, current, tag + "r" + event.revision());
                } else if (now) {
                    yield new WatchEvent<>(WatchEvent.Type.ADDED, current, tag + "r" + event.revision());
                } else if (before) {
                    yield new WatchEvent<>(WatchEvent.Type.DELETED, lastState(event), tag + "d" + event.revision());
                }
                yield null;
            }
            case DELETED -> before ? new WatchEvent<>(WatchEvent.Type.DELETED, lastState(event), tag + "d" + event.revision())
                    : null;
        };
    }

    /** What a change means to a watcher without selectors: what happened, without deciding the previous state. */
    private WatchEvent<T> unfiltered(StoredChange event) {
        return switch (event.type()) {
            case CREATED -> new WatchEvent<>(WatchEvent.Type.ADDED, shared(event.value(), event.revision()),
                    tag + "r" + event.revision());
            case UPDATED -> new WatchEvent<>(WatchEvent.Type.MODIFIED, shared(event.value(), event.revision()),
                    tag + "r" + event.revision());
            case DELETED -> event.previousValue() == null ? null
                    : new WatchEvent<>(WatchEvent.Type.DELETED, lastState(event), tag + "d" + event.revision());
        };
    }

    /** The previous state of the object stamped with the event's revision, as DELETED events carry it. */
    private T lastState(StoredChange event) {
        return decoded.get(tag + "d" + event.revision(), event.previousValue().length,
                () -> decode(event.previousValue(), event.revision()));
    }

    /** An object of this kind that carries only a resourceVersion, for BOOKMARK events. */
    public T bookmark(long revision, boolean initialEventsEnd) {
        T object;
        try {
            object = def.type().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        object.setApiVersion(def.apiVersion());
        if (object instanceof GenericKubernetesResource custom) {
            // as kube's unstructured bookmark, made with its kind: clients (fabric8's informers) refuse one without
            custom.setKind(def.kind());
        }
        ObjectMeta meta = new ObjectMeta();
        meta.setResourceVersion(Long.toString(revision));
        if (initialEventsEnd) {
            meta.setAnnotations(Map.of("k8s.io/initial-events-end", "true"));
        }
        object.setMetadata(meta);
        return object;
    }

    /** Checks a watch's selectors, so that bad ones fail before the stream starts. */
    public void checkSelectors(ListOptions options) {
        if (options.fieldSelector().isEmpty()) {
            // nothing to check: the selectable fields, learnt by decoding an empty object, wait for a selector
            return;
        }
        try {
            options.fieldSelector().checkSupported(supportedFields());
        } catch (io.kubeling.registry.selection.SelectorException e) {
            throw Errors.badRequest(e.getMessage());
        }
    }

    public long currentRevision() {
        return kv.currentRevision();
    }

    /** The same, once the store has read what other writers of its log appended, if {@code requested} is past it. */
    public long currentRevision(long requested) {
        return kv.currentRevision(requested);
    }

    public long settledRevision() {
        return kv.settledRevision();
    }

    private RuntimeException translateWatchError(StorageException e, long afterRevision) {
        return switch (e.kind()) {
            case COMPACTED -> Errors.expired("too old resource version: " + afterRevision + " (" + e.revision() + ")");
            case FUTURE_REVISION -> Errors.timeout("Too large resource version: " + afterRevision + ", current: "
                    + e.revision(), 1);
            default -> Errors.internal(e.getMessage());
        };
    }

    // ---- create

    /**
     * Creates {@code object} and returns it as stored. From then on it is shared with watchers and
     * controllers, as the object of its revision: neither it nor anything it holds may be changed.
     */
    public T create(String namespace, T object, WriteOptions options) {
        return WriteAudit.record(audit, () -> request(options.user(), "create", null, namespace,
                object.getMetadata() == null ? "" : object.getMetadata().getName()),
                () -> create(namespace, object, options, true), created -> created, created -> 201);
    }

    /** What a component's request for this write would have asked, for the audit log. */
    private WriteAudit.Request request(UserInfo user, String verb, String subresource, String namespace, String name) {
        return new WriteAudit.Request(user, verb, def.group(), def.version(), def.plural(), subresource,
                def.namespaced() ? namespace : null, name);
    }

    /** A create whose managedFields are recorded as an Update by the options' manager, unless already worked out. */
    private T create(String namespace, T object, WriteOptions options, boolean trackFields) {
        ObjectMeta meta = metadata(object);
        checkNamespace(namespace, meta);
        if (meta.getResourceVersion() != null && !meta.getResourceVersion().isEmpty()) {
            throw Errors.internal("resourceVersion should not be set on objects to be created");
        }
        // as kube's create handler: the decoded, defaulted object is the writer's, recorded before mutating
        // admission, so that nothing admission or the strategy adds is owned
        def.strategy().applyDefaults(object);
        if (trackFields) {
            recordUpdate(null, object, options, null);
        }
        object = mutated(new AdmissionRequest<>(Admission.Operation.CREATE, def, null, namespace, meta.getName(),
                object, null, options.dryRun(), options.fieldManager(), options.user()));
        meta = metadata(object);
        checkNamespace(namespace, meta);
        boolean generated = (meta.getName() == null || meta.getName().isEmpty())
                && meta.getGenerateName() != null && !meta.getGenerateName().isEmpty();
        if (generated) {
            meta.setName(names.generate(meta.getGenerateName()));
        }
        object.setApiVersion(def.apiVersion());
        meta.setUid(Uids.next());
        meta.setCreationTimestamp(Timestamps.now(clock));
        meta.setDeletionTimestamp(null);
        meta.setDeletionGracePeriodSeconds(null);
        meta.setSelfLink(null);
        // kube's create leaves metadata.generation to the strategy: kinds that track it start at 1, the others keep
        // what the client sent (a zero, which kube's JSON omits, is none)
        if (def.strategy().tracksGeneration()) {
            meta.setGeneration(1L);
        } else if (meta.getGeneration() != null && meta.getGeneration() == 0) {
            meta.setGeneration(null);
        }
        def.strategy().prepareForCreate(object);
        admit(Admission.Operation.CREATE, namespace, object);
        List<FieldError> errs = new ArrayList<>(MetadataValidation.validate(meta, def.namespaced(),
                def.strategy().nameRule()));
        errs.addAll(def.strategy().validate(object));
        if (!errs.isEmpty()) {
            throw invalid(meta.getName(), errs);
        }
        def.strategy().canonicalize(object);
        validated(new AdmissionRequest<>(Admission.Operation.CREATE, def, null, namespace, meta.getName(), object,
                null, options.dryRun(), options.fieldManager(), options.user()));
        WriteHook.Pending pending = beforeCreate(object, options.dryRun());
        if (options.dryRun()) {
            pending.revert();
            return converts() ? asStored(plain(object), object) : object;
        }
        boolean stored = false;
        try {
            T created = store(namespace, object, meta, generated);
            stored = true;
            return created;
        } finally {
            if (stored) {
                pending.commit();
            } else {
                pending.revert();
            }
        }
    }

    private T store(String namespace, T object, ObjectMeta meta, boolean generated) {
        for (int attempt = 1; ; attempt++) {
            try {
                WrittenForm form = form(object);
                byte[] bytes = form == null ? encode(object) : transformer.toStorage(form.plain());
                keepAnswer(kv.create(def.key(namespace, meta.getName()), bytes,
                        revision -> share(object, bytes.length, revision)), form);
                writes.incrementAndGet();
                return object;
            } catch (StorageException e) {
                if (e.kind() != StorageException.Kind.KEY_EXISTS) {
                    throw Errors.internal(e.getMessage());
                }
                if (!generated || attempt >= GENERATE_NAME_ATTEMPTS) {
                    throw Errors.alreadyExists(def.groupResource(), meta.getName());
                }
                meta.setName(names.generate(meta.getGenerateName()));
            }
        }
    }

    // ---- update

    /**
     * Reads the current object, lets {@code change} produce the new one, and writes it if the
     * object has not moved on meanwhile. A change that names a resourceVersion other than the
     * current one gets 409; one that names none is retried on a concurrent write. The object
     * returned, and whatever {@code change} put into it, is shared with watchers and controllers
     * from then on, and may not be changed.
     */
    public UpdateResult<T> update(String namespace, String name, String subresource, UnaryOperator<T> change,
            WriteOptions options) {
        return update(namespace, name, subresource, strategyFor(subresource), change, options, UpdateMode.EDIT);
    }

    /**
     * An update whose change replaces parts of the object rather than editing them in place: it is
     * handed a shallow copy of the current object, metadata included, whose fields it may set, but
     * whose values it must leave as they are, for they are shared with every reader of the current
     * revision. It spares the writer a decoded copy; the kubelet posts each new status this way.
     */
    public UpdateResult<T> replaceParts(String namespace, String name, String subresource, UnaryOperator<T> change,
            WriteOptions options) {
        return update(namespace, name, subresource, strategyFor(subresource), change, options, UpdateMode.REPLACE);
    }

    /**
     * How an update treats its change: whether it may create the object, whether the writer's fields
     * are recorded in managedFields, and whether the change edits a copy of its own or only replaces
     * parts of a shallow one.
     */
    private record UpdateMode(boolean forceCreate, boolean trackFields, boolean shallow) {
        static final UpdateMode EDIT = new UpdateMode(false, true, false);
        static final UpdateMode REPLACE = new UpdateMode(false, true, true);
        static final UpdateMode UNTRACKED = new UpdateMode(false, false, true);
        static final UpdateMode APPLY = new UpdateMode(true, false, true);
    }

    /**
     * An update to {@code object} as sent, whatever the current object is (a PUT): as the change reads nothing of
     * the current object, it is not decoded into a copy of the writer's own.
     */
    public UpdateResult<T> replace(String namespace, String name, String subresource, T object, WriteOptions options) {
        return update(namespace, name, subresource, strategyFor(subresource), current -> object, options,
                UpdateMode.REPLACE);
    }

    /**
     * An update under a strategy of the caller's own, for writes that no path serves as the object
     * itself: {@code pods/binding} sets the node name that the pod's own rules keep fixed. As kube's
     * binding, which writes to storage directly, it leaves managedFields as they were. As with
     * {@link #replaceParts}, the change gets a shallow copy, whose parts it replaces rather than edits.
     */
    public UpdateResult<T> updateUnder(String namespace, String name, Strategy<T> strategy, UnaryOperator<T> change,
            WriteOptions options) {
        return update(namespace, name, null, strategy, change, options, UpdateMode.UNTRACKED);
    }

    /**
     * Server-side apply of {@code config} (a partial object tree) by the options' field manager: merged
     * into the current object, or creating it; 409 on conflicts with other managers unless {@code force}.
     */
    public UpdateResult<T> apply(String namespace, String name, String subresource,
            tools.jackson.databind.node.ObjectNode config, boolean force, WriteOptions options) {
        boolean preconditioned = config.path("metadata").hasNonNull("resourceVersion");
        return update(namespace, name, subresource, strategyFor(subresource), current -> {
            tools.jackson.databind.JsonNode live = current == null ? null : codec.mapper().valueToTree(current);
            FieldManager.Applied applied = fields.apply(live, config, options.fieldManager(), subresource, force);
            T object = codec.fromTree(applied.object(), def.type());
            if (!preconditioned && object.getMetadata() != null) {
                object.getMetadata().setResourceVersion(null);
            }
            return object;
        }, options, UpdateMode.APPLY);
    }

    private UpdateResult<T> update(String namespace, String name, String subresource, Strategy<T> strategy,
            UnaryOperator<T> change, WriteOptions options, UpdateMode mode) {
        return WriteAudit.record(audit, () -> request(options.user(), mode == UpdateMode.APPLY ? "patch"
                : "update", subresource, namespace, name),
                () -> updateOnce(namespace, name, subresource, strategy, change, options, mode), UpdateResult::object,
                result -> result.created() ? 201 : 200);
    }

    private UpdateResult<T> updateOnce(String namespace, String name, String subresource, Strategy<T> strategy,
            UnaryOperator<T> change, WriteOptions options, UpdateMode mode) {
        while (true) {
            KeyValue current = kv.get(def.key(namespace, name)).orElse(null);
            if (current == null) {
                if (subresource == null && strategy == def.strategy()
                        && (mode.forceCreate() || def.strategy().allowCreateOnUpdate())) {
                    T created = change.apply(null);
                    if (created != null) {
                        ensureName(created, name);
                        ObjectMeta meta = metadata(created);
                        meta.setResourceVersion(null);
                        return new UpdateResult<>(create(namespace, created, options, mode.trackFields()), true);
                    }
                }
                throw Errors.notFound(def.groupResource(), name);
            }
            // old is only read, so it may be the shared object of its revision; change gets a copy of its
            // own, or a shallow one whose parts it replaces
            T old = shared(current.value(), current.revision());
            T updated = change.apply(mode.shallow() ? view(old) : copyForChange(current, old));
            if (updated == null) {
                throw Errors.notFound(def.groupResource(), name);
            }
            ObjectMeta meta = metadata(updated);
            String requestedVersion = meta.getResourceVersion();
            boolean conditional = requestedVersion != null && !requestedVersion.isEmpty();
            if (conditional && !requestedVersion.equals(Long.toString(current.revision()))) {
                throw Errors.staleResourceVersion(def.groupResource(), name);
            }
            // writes under a strategy of the caller's own (a binding) are not the object's own updates
            boolean admitted = mode != UpdateMode.UNTRACKED;
            // as kube's update and patch handlers: the fields are recorded on the defaulted object, before
            // mutating admission and the strategy
            strategy.applyDefaults(updated);
            if (mode.trackFields()) {
                recordUpdate(old, updated, options, subresource);
            }
            if (admitted) {
                updated = mutated(new AdmissionRequest<>(Admission.Operation.UPDATE, def, subresource, namespace,
                        name, updated, old, options.dryRun(), options.fieldManager(), options.user()));
            }
            T prepared = prepareUpdate(namespace, name, updated, old, strategy);
            if (admitted) {
                validated(new AdmissionRequest<>(Admission.Operation.UPDATE, def, subresource, namespace, name,
                        prepared, old, options.dryRun(), options.fieldManager(), options.user()));
            }
            WriteHook.Pending pending = beforeUpdate(prepared, old, options.dryRun());
            boolean written = false;
            try {
                UpdateResult<T> result = write(current, old, prepared, options, name);
                if (result != null) {
                    written = !options.dryRun() && result.object() != old;
                    return result;
                }
            } finally {
                if (written) {
                    pending.commit();
                } else {
                    pending.revert();
                }
                decoded.recheck(tag + "r" + current.revision());
            }
        }
    }

    /** Writes a prepared update; null when a concurrent write means the change must be made again. */
    private UpdateResult<T> write(KeyValue current, T old, T prepared, WriteOptions options, String name) {
        WrittenForm form = form(prepared);
        byte[] plain = form == null ? plain(prepared) : form.plain();
        // An unchanged object is not written again, unless its stored form is stale (an old encryption key).
        if (Arrays.equals(plain, transformer.fromStorage(current.value())) && !transformer.isStale(current.value())) {
            return new UpdateResult<>(old, false);
        }
        byte[] bytes = transformer.toStorage(plain);
        if (finalizersReleased(prepared)) {
            if (options.dryRun()) {
                return new UpdateResult<>(prepared, false);
            }
            try {
                KeyValue gone = kv.delete(current);
                writes.incrementAndGet();
                metadata(prepared).setResourceVersion(Long.toString(gone.revision()));
                afterDelete(prepared);
                return new UpdateResult<>(prepared, false);
            } catch (StorageException e) {
                retryOrFail(e, name);
                return null;
            }
        }
        if (options.dryRun()) {
            metadata(prepared).setResourceVersion(Long.toString(current.revision()));
            return new UpdateResult<>(asStored(plain, prepared), false);
        }
        try {
            keepAnswer(kv.update(current, bytes, revision -> share(prepared, bytes.length, revision)), form);
            writes.incrementAndGet();
            return new UpdateResult<>(prepared, false);
        } catch (StorageException e) {
            retryOrFail(e, name);
            return null;
        }
    }

    private T prepareUpdate(String namespace, String name, T updated, T old, Strategy<T> strategy) {
        ObjectMeta meta = metadata(updated);
        ObjectMeta oldMeta = old.getMetadata();
        checkNamespace(namespace, meta);
        ensureName(updated, name);
        updated.setApiVersion(def.apiVersion());
        if (meta.getUid() == null || meta.getUid().isEmpty()) {
            meta.setUid(oldMeta.getUid());
        }
        meta.setCreationTimestamp(oldMeta.getCreationTimestamp());
        meta.setSelfLink(null);
        if (oldMeta.getDeletionTimestamp() != null) {
            meta.setDeletionTimestamp(oldMeta.getDeletionTimestamp());
        } else {
            meta.setDeletionTimestamp(null);
        }
        if (oldMeta.getDeletionGracePeriodSeconds() != null) {
            meta.setDeletionGracePeriodSeconds(oldMeta.getDeletionGracePeriodSeconds());
        } else {
            meta.setDeletionGracePeriodSeconds(null);
        }
        meta.setGeneration(oldMeta.getGeneration());
        strategy.prepareForUpdate(updated, old);
        if (def.strategy().tracksGeneration() && strategy.specChanged(updated, old)) {
            long generation = oldMeta.getGeneration() == null ? 0 : oldMeta.getGeneration();
            meta.setGeneration(generation + 1);
        }
        admit(Admission.Operation.UPDATE, namespace, updated);
        List<FieldError> errs = new ArrayList<>(MetadataValidation.validateUpdate(meta, oldMeta));
        List<FieldError> metaErrs = MetadataValidation.validate(meta, def.namespaced(), def.strategy().nameRule());
        for (FieldError e : metaErrs) {
            if (!e.field().equals("metadata.name") && !e.field().equals("metadata.namespace")) {
                errs.add(e);
            }
        }
        errs.addAll(strategy.validateUpdate(updated, old));
        if (!errs.isEmpty()) {
            throw invalid(name, errs);
        }
        strategy.canonicalize(updated);
        meta.setResourceVersion(null);
        return updated;
    }

    /** An object being deleted whose last finalizer has just been removed goes for good. */
    private boolean finalizersReleased(T object) {
        ObjectMeta meta = object.getMetadata();
        if (meta.getDeletionTimestamp() == null || !meta.getFinalizers().isEmpty()
                || def.strategy().holdsDeletion(object)) {
            return false;
        }
        Long grace = meta.getDeletionGracePeriodSeconds();
        return grace == null || grace == 0;
    }

    /**
     * A lost compare-and-swap is retried against the new state, where a resourceVersion the caller
     * named is checked again: a stale one then gets 409, while one the change merely carried over from
     * the state it was handed matches the new state.
     */
    private void retryOrFail(StorageException e, String name) {
        switch (e.kind()) {
            case CONFLICT -> {
            }
            case KEY_NOT_FOUND -> throw Errors.notFound(def.groupResource(), name);
            default -> throw Errors.internal(e.getMessage());
        }
    }

    // ---- delete

    public DeleteResult<T> delete(String namespace, String name, DeleteOptions options) {
        return WriteAudit.record(audit, () -> request(options.user(), "delete", null, namespace, name),
                () -> deleteOnce(namespace, name, options), DeleteResult::object, result -> 200);
    }

    private DeleteResult<T> deleteOnce(String namespace, String name, DeleteOptions options) {
        while (true) {
            KeyValue current = kv.get(def.key(namespace, name))
                    .orElseThrow(() -> Errors.notFound(def.groupResource(), name));
            // the revision's shared object when it is decoded already, seen through a copy whose own metadata takes
            // the delete's revision; else a decoded copy of its own, not cached for an object about to go
            T cached = decoded.find(tag + "r" + current.revision());
            T object = cached != null ? view(cached) : decode(current);
            ObjectMeta meta = object.getMetadata();
            checkPreconditions(name, meta, options);
            admit(Admission.Operation.DELETE, namespace, object);
            UserInfo deleter = options.user() != null ? options.user() : CurrentUser.get().orElse(null);
            AdmissionRequest<T> deletion = new AdmissionRequest<>(Admission.Operation.DELETE, def, null, namespace,
                    name, null, object, options.dryRun(), null, deleter);
            mutated(deletion);
            validated(deletion);
            OptionalLong grace = def.strategy().gracePeriod(object, options.gracePeriodSeconds());
            boolean graceful = grace.isPresent() && grace.getAsLong() > 0;
            List<String> finalizers = DeletionFinalizers.of(meta.getFinalizers(), options.propagationPolicy());
            boolean held = !finalizers.isEmpty() || def.strategy().holdsDeletion(object);
            try {
                if (graceful || held) {
                    T pending = pendingDeletion(object, graceful ? grace.getAsLong() : 0, finalizers);
                    if (pending == null) {
                        return new DeleteResult<>(object, false);
                    }
                    if (options.dryRun()) {
                        return new DeleteResult<>(pending, false);
                    }
                    KeyValue stored = kv.update(current, encode(pending));
                    writes.incrementAndGet();
                    metadata(pending).setResourceVersion(Long.toString(stored.revision()));
                    return new DeleteResult<>(pending, false);
                }
                if (options.dryRun()) {
                    return new DeleteResult<>(object, true);
                }
                KeyValue gone = kv.delete(current);
                writes.incrementAndGet();
                meta.setResourceVersion(Long.toString(gone.revision()));
                afterDelete(object);
                return new DeleteResult<>(object, true, current.revision());
            } catch (StorageException e) {
                if (e.kind() == StorageException.Kind.KEY_NOT_FOUND) {
                    throw Errors.notFound(def.groupResource(), name);
                }
                if (e.kind() != StorageException.Kind.CONFLICT) {
                    throw Errors.internal(e.getMessage());
                }
            }
        }
    }

    /**
     * Marks the object as being deleted; null when it already is and nothing would change
     * (a second delete may only shorten a grace period).
     */
    private T pendingDeletion(T object, long graceSeconds, List<String> finalizers) {
        T pending = codec.copy(object);
        ObjectMeta meta = pending.getMetadata();
        java.time.Instant now = clock.instant();
        boolean finalizersChanged = !new java.util.HashSet<>(finalizers).equals(new java.util.HashSet<>(meta.getFinalizers()));
        meta.setFinalizers(finalizers);
        if (meta.getDeletionTimestamp() != null) {
            Long current = meta.getDeletionGracePeriodSeconds();
            if (current == null || graceSeconds >= current) {
                if (!finalizersChanged) {
                    return null;
                }
                meta.setResourceVersion(null);
                return pending;
            }
        }
        // as kube's BeforeDelete and markAsDeleting, the deletion's start moves a generation on, so that controllers
        // comparing observedGeneration see it; kinds that hold their own deletion (kube's namespace and CRD storage
        // mark the object themselves) keep theirs
        Long generation = meta.getGeneration();
        if (meta.getDeletionTimestamp() == null && generation != null && generation > 0
                && !def.strategy().holdsDeletion(object)) {
            meta.setGeneration(generation + 1);
        }
        meta.setDeletionTimestamp(Timestamps.format(now.plusSeconds(graceSeconds)));
        meta.setDeletionGracePeriodSeconds(graceSeconds);
        def.strategy().prepareForDeletion(pending);
        meta.setResourceVersion(null);
        return pending;
    }

    private void checkPreconditions(String name, ObjectMeta meta, DeleteOptions options) {
        if (options.preconditionUid() != null && !options.preconditionUid().equals(meta.getUid())) {
            throw Errors.conflict(def.groupResource(), name, "Precondition failed: UID in precondition: "
                    + options.preconditionUid() + ", UID in object meta: " + meta.getUid());
        }
        if (options.preconditionResourceVersion() != null
                && !options.preconditionResourceVersion().equals(meta.getResourceVersion())) {
            throw Errors.conflict(def.groupResource(), name, "Precondition failed: ResourceVersion in precondition: "
                    + options.preconditionResourceVersion() + ", ResourceVersion in object meta: "
                    + meta.getResourceVersion());
        }
    }

    public List<T> deleteCollection(String namespace, ListOptions listOptions, DeleteOptions options) {
        return WriteAudit.record(audit, () -> request(options.user(), "deletecollection", null, namespace, ""),
                () -> deleteEach(namespace, listOptions, options), deleted -> null, deleted -> 200);
    }

    private List<T> deleteEach(String namespace, ListOptions listOptions, DeleteOptions options) {
        List<T> deleted = new ArrayList<>();
        for (T object : list(namespace, listOptions).items()) {
            try {
                deleted.add(delete(namespace, object.getMetadata().getName(), options).object());
            } catch (StatusException e) {
                if (e.code() != 404) {
                    throw e;
                }
            }
        }
        return deleted;
    }

    // ---- helpers

    /** Records the fields this write changed as owned by its manager, as kube's field manager does for updates. */
    private void recordUpdate(T old, T updated, WriteOptions options, String subresource) {
        List<ManagedFieldsEntry> sent = updated.getMetadata().getManagedFields();
        List<TopLevelField> unowned = unowned(subresource);
        if (old != null) {
            // a part equal in both holds no changed field: neither tree needs it, and it need not be compared
            for (Map.Entry<String, TopLevelField> part : topLevel.entrySet()) {
                TopLevelField field = part.getValue();
                if (!unowned.contains(field) && field.get(old) != null
                        && Objects.equals(field.get(old), field.get(updated))) {
                    unowned = new ArrayList<>(unowned);
                    unowned.add(field);
                }
            }
        }
        updated.getMetadata().setManagedFields(fields.update(old == null ? null : ownableTree(view(old), unowned),
                old == null ? null : old.getMetadata().getManagedFields(), ownableTree(updated, unowned), sent,
                options.fieldManager(), subresource));
    }

    /** A shallow copy of a shared object, metadata included, whose parts can be set aside without changing it. */
    private T view(T shared) {
        T view = ShallowCopy.of(shared);
        if (shared.getMetadata() != null) {
            view.setMetadata(ShallowCopy.of(shared.getMetadata()));
        }
        return view;
    }

    /** The top-level part a write through this endpoint cannot own: status through the main resource, spec through status. */
    private List<TopLevelField> unowned(String subresource) {
        String part = fields.unownedPart(subresource);
        TopLevelField unowned = part == null ? null : topLevel.get(part);
        return unowned == null ? List.of() : List.of(unowned);
    }

    /** The object as a tree, leaving out what the field manager reads apart (the managed fields) and {@code left}. */
    private tools.jackson.databind.JsonNode ownableTree(T object, List<TopLevelField> left) {
        ObjectMeta meta = object.getMetadata();
        List<ManagedFieldsEntry> managed = meta.getManagedFields();
        meta.setManagedFields(null);
        try {
            return TopLevelField.without(object, left, () -> codec.mapper().valueToTree(object));
        } finally {
            meta.setManagedFields(managed);
        }
    }

    private Strategy<T> strategyFor(String subresource) {
        if (subresource == null) {
            return def.strategy();
        }
        Strategy<T> strategy = def.subresources().get(subresource);
        if (strategy == null) {
            throw Errors.notFoundPath();
        }
        return strategy;
    }

    private void checkNamespace(String namespace, ObjectMeta meta) {
        if (!def.namespaced()) {
            meta.setNamespace(null);
            return;
        }
        if (meta.getNamespace() == null || meta.getNamespace().isEmpty()) {
            meta.setNamespace(namespace);
        } else if (!meta.getNamespace().equals(namespace)) {
            throw Errors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private void ensureName(T object, String name) {
        ObjectMeta meta = metadata(object);
        if (meta.getName() == null || meta.getName().isEmpty()) {
            meta.setName(name);
        } else if (!meta.getName().equals(name)) {
            throw Errors.badRequest("the name of the object (" + meta.getName()
                    + ") does not match the name on the URL (" + name + ")");
        }
    }

    private WriteHook.Pending beforeCreate(T object, boolean dryRun) {
        List<WriteHook.Pending> done = new ArrayList<>();
        try {
            for (WriteHook<T> hook : hooks) {
                done.add(hook.beforeCreate(object, dryRun));
            }
        } catch (RuntimeException e) {
            all(done).revert();
            throw e;
        }
        return all(done);
    }

    private WriteHook.Pending beforeUpdate(T object, T old, boolean dryRun) {
        List<WriteHook.Pending> done = new ArrayList<>();
        try {
            for (WriteHook<T> hook : hooks) {
                done.add(hook.beforeUpdate(object, old, dryRun));
            }
        } catch (RuntimeException e) {
            all(done).revert();
            throw e;
        }
        return all(done);
    }

    private void afterDelete(T object) {
        for (WriteHook<T> hook : hooks) {
            hook.afterDelete(object);
        }
    }

    private static WriteHook.Pending all(List<WriteHook.Pending> parts) {
        if (parts.isEmpty()) {
            return WriteHook.Pending.NONE;
        }
        return new WriteHook.Pending() {
            @Override
            public void commit() {
                parts.forEach(WriteHook.Pending::commit);
            }

            @Override
            public void revert() {
                parts.forEach(WriteHook.Pending::revert);
            }
        };
    }

    private void admit(Admission.Operation operation, String namespace, T object) {
        for (Admission admission : admissions) {
            admission.admit(operation, def, namespace, object);
        }
    }

    /**
     * The object as mutating admission leaves it. As kube's managedFieldsValidatingAdmissionController, managed
     * fields that admission left invalid are put back as they were, with a warning.
     */
    private T mutated(AdmissionRequest<T> request) {
        T sent = request.object();
        List<ManagedFieldsEntry> before = sent == null || sent.getMetadata() == null ? null
                : sent.getMetadata().getManagedFields();
        for (Admission admission : admissions) {
            request = request.withObject(admission.mutate(request));
        }
        T object = request.object();
        if (object == null || object.getMetadata() == null) {
            return object;
        }
        List<ManagedFieldsEntry> after = object.getMetadata().getManagedFields();
        if (after != before && !Objects.equals(after, before)) {
            String invalid = FieldManager.invalidReason(after);
            if (invalid != null) {
                object.getMetadata().setManagedFields(before);
                RequestWarnings.add(".metadata.managedFields was in an invalid state after admission; this could be "
                        + "caused by an outdated mutating admission controller; please fix your requests: " + invalid);
            }
        }
        return object;
    }

    private void validated(AdmissionRequest<T> request) {
        for (Admission admission : admissions) {
            admission.validate(request);
        }
    }

    private StatusException invalid(String name, List<FieldError> errs) {
        return Errors.invalid(def.qualifiedKind(), def.kind(), def.group(), name, errs);
    }

    private ObjectMeta metadata(T object) {
        if (object.getMetadata() == null) {
            object.setMetadata(new ObjectMeta());
        }
        return object.getMetadata();
    }

    private byte[] encode(T object) {
        return transformer.toStorage(plain(object));
    }

    /**
     * The object encoded once for its stored form and its answer, where both are the same JSON but for the
     * resourceVersion; null where they differ more (a conversion, a stored shape of its own).
     */
    private WrittenForm form(T written) {
        return converts() || def.storedShape() != null ? null : codec.encodeWritten(written);
    }

    /**
     * The object's bytes before the transformer: without its resourceVersion, which storage keeps itself, and
     * for a custom resource in the storage version.
     */
    private byte[] plain(T written) {
        HasMetadata object = toStorage(written);
        String rv = object.getMetadata().getResourceVersion();
        object.getMetadata().setResourceVersion(null);
        try {
            byte[] bytes = codec.encode(object);
            return def.storedShape() == null ? bytes : def.storedShape().toStorage(bytes);
        } finally {
            object.getMetadata().setResourceVersion(rv);
        }
    }

    /**
     * What a dry run answers: the object as storage would give it back from {@code plain}, its stored form, so a
     * custom resource goes through its conversion to the storage version and back as a real write's does.
     */
    private T asStored(byte[] plain, T object) {
        if (!converts()) {
            return object;
        }
        T back = fromStorage(served(plain), false);
        back.getMetadata().setResourceVersion(object.getMetadata().getResourceVersion());
        return back;
    }

    /** Whether objects pass through a conversion between this version and the one they are stored in. */
    private boolean converts() {
        return def.conversion() != null || def.isCustom() && def.custom().conversion() != null;
    }

    @SuppressWarnings("unchecked")
    private HasMetadata toStorage(T written) {
        if (def.conversion() != null) {
            return ((VersionConversion<T, HasMetadata>) def.conversion()).toStorage(written);
        }
        CustomConversion conversion = def.isCustom() ? def.custom().conversion() : null;
        return conversion == null ? written : conversion.toStorage((GenericKubernetesResource) written);
    }

    /** Decodes stored bytes (after the transformer) as an object of the served version. */
    @SuppressWarnings("unchecked")
    private T fromStorage(byte[] bytes, boolean withoutManagedFields) {
        if (def.conversion() != null) {
            VersionConversion<T, HasMetadata> conversion = (VersionConversion<T, HasMetadata>) def.conversion();
            HasMetadata stored = withoutManagedFields
                    ? codec.decodeWithoutManagedFields(bytes, conversion.storageType())
                    : codec.decode(bytes, conversion.storageType());
            return conversion.fromStorage(stored);
        }
        T object = withoutManagedFields ? codec.decodeWithoutManagedFields(bytes, def.type())
                : codec.decode(bytes, def.type());
        servedVersion(object);
        return object;
    }

    /**
     * A copy of the current object for an update to change. Its managedFields list is the shared
     * object's own: changes replace that list rather than edit it, and most leave it alone, so it is
     * not decoded a second time.
     */
    private T copyForChange(KeyValue current, T old) {
        T object = fromStorage(served(transformer.fromStorage(current.value())), true);
        object.getMetadata().setResourceVersion(Long.toString(current.revision()));
        object.getMetadata().setManagedFields(old.getMetadata().getManagedFields());
        return object;
    }

    /** Decodes a stored value, stamping the revision of its last write as its resourceVersion. */
    public T decode(KeyValue value) {
        return decode(value.value(), value.revision());
    }

    public T decode(byte[] bytes, long revision) {
        T object = fromStorage(served(transformer.fromStorage(bytes)), false);
        object.getMetadata().setResourceVersion(Long.toString(revision));
        return object;
    }

    /** Stored JSON in this resource's own shape. */
    private byte[] served(byte[] stored) {
        return def.storedShape() == null ? stored : def.storedShape().fromStorage(stored);
    }

    /**
     * A custom resource stored under one version is read under another: converted by its CRD's conversion, or
     * with its apiVersion rewritten when it has none.
     */
    private void servedVersion(T object) {
        if (tag.isEmpty()) {
            return;
        }
        CustomConversion conversion = def.isCustom() ? def.custom().conversion() : null;
        if (conversion != null) {
            conversion.fromStorage((GenericKubernetesResource) object);
        } else {
            object.setApiVersion(def.apiVersion());
        }
    }

    /** An object with empty parts, to learn which fields the strategy offers for selection. */
    private T emptyObject() {
        tools.jackson.databind.node.ObjectNode tree = codec.mapper().createObjectNode();
        for (String part : List.of("metadata", "spec", "status", "involvedObject", "source")) {
            tree.putObject(part);
        }
        return codec.fromTree(tree, def.type());
    }

    private static String nullToEmpty(String s) {
        return Objects.requireNonNullElse(s, "");
    }
}

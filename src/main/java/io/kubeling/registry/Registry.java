package io.kubeling.registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.config.KubelingProperties;
import io.kubeling.storage.KeyValueStore;

/** Every served resource and its store, found by group, version and plural name. */
@Component
public class Registry {

    // written under the registry's lock, read without it: a copy replaces each map on a change
    private volatile Map<Id, ResourceStore<?>> stores = new LinkedHashMap<>();
    private volatile Map<Class<?>, ResourceStore<?>> byType = new LinkedHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final KeyValueStore kv;
    private final ObjectCodec codec;
    private final Clock clock;
    private final NameGenerator names;
    private final List<Admission> admissions;
    private final List<WriteHook<?>> hooks;
    private final List<ValueTransformer> transformers;
    private final DecodedObjects decoded;
    private final EncodedObjects encoded;
    private final WriteAudit audit;

    /** Whether the store's database answered the last time it was used: kube-apiserver's etcd health check. */
    public boolean storageReachable() {
        return kv.reachable();
    }

    @Autowired
    Registry(List<ResourceDefinition<?>> definitions, KeyValueStore kv, ObjectCodec codec, Clock clock,
            NameGenerator names, List<Admission> admissions, List<WriteHook<?>> hooks,
            List<ValueTransformer> transformers, KubelingProperties properties,
            org.springframework.beans.factory.ObjectProvider<WriteAudit> audit) {
        this(definitions, kv, codec, clock, names, admissions, hooks, transformers, properties.cache(),
                audit.getIfAvailable(() -> WriteAudit.NONE));
    }

    /**
     * The stores of {@code definitions} on {@code kv}, which has started; {@code limits} bound the
     * objects kept decoded for watchers and controllers.
     */
    public Registry(List<ResourceDefinition<?>> definitions, KeyValueStore kv, ObjectCodec codec, Clock clock,
            NameGenerator names, List<Admission> admissions, List<WriteHook<?>> hooks,
            List<ValueTransformer> transformers, KubelingProperties.Cache limits) {
        this(definitions, kv, codec, clock, names, admissions, hooks, transformers, limits, WriteAudit.NONE);
    }

    /** The same, the components' writes recorded by {@code audit}. */
    public Registry(List<ResourceDefinition<?>> definitions, KeyValueStore kv, ObjectCodec codec, Clock clock,
            NameGenerator names, List<Admission> admissions, List<WriteHook<?>> hooks,
            List<ValueTransformer> transformers, KubelingProperties.Cache limits, WriteAudit audit) {
        this.audit = audit;
        this.kv = kv;
        this.codec = codec;
        this.clock = clock;
        this.names = names;
        this.admissions = admissions;
        this.hooks = hooks;
        this.transformers = transformers;
        this.decoded = new DecodedObjects(limits.decodedObjects(),
                limits.decodedBytesOr(Runtime.getRuntime().maxMemory()), codec::encode);
        // the serializations gets and lists send again: 64 MiB, some 30,000 pods, or a sixteenth of a smaller heap
        this.encoded = new EncodedObjects(Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16));
        for (ResourceDefinition<?> def : definitions) {
            ResourceStore<?> store = newStore(def);
            stores.put(id(def.group(), def.version(), def.plural()), store);
            byType.put(def.type(), store);
        }
    }

    private ResourceStore<?> newStore(ResourceDefinition<?> def) {
        ValueTransformer transformer = transformers.stream().filter(t -> t.appliesTo(def.groupResource()))
                .findFirst().orElse(ValueTransformer.IDENTITY);
        return newStore(def, kv, codec, clock, names, admissions, hooks, transformer, decoded, encoded, audit);
    }

    /** Puts a create on a subresource served by its own code to admission: a StatusException refuses it. */
    public void admitSubresource(GroupResource resource, String subresource, SubresourceCall call) {
        for (Admission admission : admissions) {
            admission.validateSubresource(resource, subresource, call);
        }
    }

    /**
     * Serves {@code def} from now on, in place of any definition of the same group, version and plural (a
     * custom resource whose definition changed); stores of other resources, and their watches, are untouched.
     * Definitions added so are of {@code GenericKubernetesResource}s and are found by name only, not by type.
     */
    public synchronized void serve(ResourceDefinition<?> def) {
        Map<Id, ResourceStore<?>> next = new LinkedHashMap<>(stores);
        next.put(id(def.group(), def.version(), def.plural()), newStore(def));
        stores = next;
        generation.incrementAndGet();
    }

    /** Stops serving a group, version and plural added by {@link #serve}; returns whether it was served. */
    public synchronized boolean withdraw(String group, String version, String plural) {
        Id id = id(group, version, plural);
        ResourceStore<?> store = stores.get(id);
        if (store == null || byType.get(store.definition().type()) == store) {
            return false;
        }
        Map<Id, ResourceStore<?>> next = new LinkedHashMap<>(stores);
        next.remove(id);
        stores = next;
        generation.incrementAndGet();
        return true;
    }

    /** Whether {@code store} is still the one serving its resource (not withdrawn or replaced since). */
    public boolean serves(ResourceStore<?> store) {
        ResourceDefinition<?> def = store.definition();
        return stores.get(id(def.group(), def.version(), def.plural())) == store;
    }

    /** Counts the changes to what is served, so that documents built from it (OpenAPI) know when to build again. */
    public long generation() {
        return generation.get();
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> ResourceStore<T> newStore(ResourceDefinition<T> def, KeyValueStore kv,
            ObjectCodec codec, Clock clock, NameGenerator names, List<Admission> admissions, List<WriteHook<?>> hooks,
            ValueTransformer transformer, DecodedObjects decoded, EncodedObjects encoded, WriteAudit audit) {
        List<WriteHook<T>> own = new ArrayList<>();
        for (WriteHook<?> hook : hooks) {
            if (hook.type() == def.type()) {
                own.add((WriteHook<T>) hook);
            }
        }
        return new ResourceStore<>(def, kv, codec, clock, names, admissions, own, transformer, decoded, encoded,
                audit);
    }

    public Optional<ResourceStore<?>> find(String group, String version, String plural) {
        return Optional.ofNullable(stores.get(id(group, version, plural)));
    }

    /** The store of a typed resource, for controllers that act through the registry. */
    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> ResourceStore<T> store(Class<T> type) {
        ResourceStore<T> store = (ResourceStore<T>) byType.get(type);
        if (store == null) {
            throw new IllegalArgumentException("not served: " + type.getSimpleName());
        }
        return store;
    }

    public Collection<ResourceStore<?>> all() {
        return stores.values();
    }

    public List<ResourceDefinition<?>> definitions() {
        List<ResourceDefinition<?>> defs = new ArrayList<>();
        for (ResourceStore<?> store : stores.values()) {
            defs.add(store.definition());
        }
        return defs;
    }

    /** A served resource's key: a record, so that a lookup builds no string. */
    private record Id(String group, String version, String plural) {
    }

    private static Id id(String group, String version, String plural) {
        return new Id(group, version, plural);
    }
}

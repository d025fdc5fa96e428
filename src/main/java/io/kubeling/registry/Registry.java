package io.kubeling.registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.config.KubelingProperties;
import io.kubeling.storage.KeyValueStore;

/** Every served resource and its store, found by group, version and plural name. */
@Component
public class Registry {

    private final Map<String, ResourceStore<?>> stores = new LinkedHashMap<>();
    private final Map<Class<?>, ResourceStore<?>> byType = new LinkedHashMap<>();

    @Autowired
    Registry(List<ResourceDefinition<?>> definitions, KeyValueStore kv, ObjectCodec codec, Clock clock,
            NameGenerator names, List<Admission> admissions, List<WriteHook<?>> hooks,
            List<ValueTransformer> transformers, KubelingProperties properties) {
        this(definitions, kv, codec, clock, names, admissions, hooks, transformers, properties.cache());
    }

    /**
     * The stores of {@code definitions} on {@code kv}, which has started; {@code limits} bound the
     * objects kept decoded for watchers and controllers.
     */
    public Registry(List<ResourceDefinition<?>> definitions, KeyValueStore kv, ObjectCodec codec, Clock clock,
            NameGenerator names, List<Admission> admissions, List<WriteHook<?>> hooks,
            List<ValueTransformer> transformers, KubelingProperties.Cache limits) {
        DecodedObjects decoded = new DecodedObjects(limits.decodedObjects(),
                limits.decodedBytesOr(Runtime.getRuntime().maxMemory()), codec::encode);
        for (ResourceDefinition<?> def : definitions) {
            ValueTransformer transformer = transformers.stream().filter(t -> t.appliesTo(def.groupResource()))
                    .findFirst().orElse(ValueTransformer.IDENTITY);
            ResourceStore<?> store = newStore(def, kv, codec, clock, names, admissions, hooks, transformer, decoded);
            stores.put(id(def.group(), def.version(), def.plural()), store);
            byType.put(def.type(), store);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> ResourceStore<T> newStore(ResourceDefinition<T> def, KeyValueStore kv,
            ObjectCodec codec, Clock clock, NameGenerator names, List<Admission> admissions, List<WriteHook<?>> hooks,
            ValueTransformer transformer, DecodedObjects decoded) {
        List<WriteHook<T>> own = new ArrayList<>();
        for (WriteHook<?> hook : hooks) {
            if (hook.type() == def.type()) {
                own.add((WriteHook<T>) hook);
            }
        }
        return new ResourceStore<>(def, kv, codec, clock, names, admissions, own, transformer, decoded);
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

    private static String id(String group, String version, String plural) {
        return group + "/" + version + "/" + plural;
    }
}

package io.kubeling.controllers.gc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.WorkQueue;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.DeletionFinalizers;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;

/**
 * kube's garbage collector for ownerReferences of every resource: dependents whose owners are all
 * gone are deleted (Background); an owner being deleted with the {@code orphan} finalizer has its
 * dependents' references to it removed, one with {@code foregroundDeletion} waits until its blocking
 * dependents are gone. It keeps a graph of who owns whom, fed by every change, as kube's does.
 */
@Component
class GarbageCollector implements SmartLifecycle {

    private final Registry registry;
    private final ChangeFeed feed;
    private final WorkQueue queue = new WorkQueue("garbage-collector", this::sync);
    private final List<ChangeFeed.Subscription> subscriptions = new ArrayList<>();
    private final Graph graph = new Graph();
    private volatile boolean running;

    GarbageCollector(Registry registry, ChangeFeed feed) {
        this.registry = registry;
        this.feed = feed;
    }

    @Override
    public synchronized void start() {
        queue.start();
        graph.clear();
        // the built-in resources: custom resources, served and withdrawn as CRDs come and go, are not followed yet
        List<ResourceStore<?>> stores = registry.all().stream().filter(s -> !s.definition().isCustom()).toList();
        for (ResourceStore<?> store : stores) {
            subscribe(store);
        }
        running = true;
        for (ResourceStore<?> store : stores) {
            loadInto(store);
        }
    }

    private <T extends HasMetadata> void subscribe(ResourceStore<T> store) {
        subscriptions.add(feed.subscribeMetadata(store.definition().type(),
                change -> onChange(store.definition(), change)));
    }

    private <T extends HasMetadata> void loadInto(ResourceStore<T> store) {
        for (T object : store.list(null, ListOptions.ALL).items()) {
            Node node = Node.of(store.definition(), object.getMetadata());
            graph.put(node, object.getMetadata());
            if (!object.getMetadata().getOwnerReferences().isEmpty()) {
                queue.add(node.encode("d"));
            }
            if (object.getMetadata().getDeletionTimestamp() != null) {
                queue.add(node.encode("o"));
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        subscriptions.forEach(ChangeFeed.Subscription::close);
        subscriptions.clear();
        queue.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void onChange(ResourceDefinition<?> def, Change<ObjectMeta> change) {
        ObjectMeta meta = change.object();
        Node node = Node.of(def, meta);
        Set<String> owners = new HashSet<>(graph.ownersOf(node));
        if (change.deleted()) {
            graph.remove(node, meta.getUid());
            graph.dependentsOf(meta.getUid()).forEach(d -> queue.add(d.encode("d")));
        } else {
            graph.put(node, meta);
            owners.addAll(graph.ownersOf(node));
            if (!meta.getOwnerReferences().isEmpty()) {
                queue.add(node.encode("d"));
            }
            if (meta.getDeletionTimestamp() != null) {
                queue.add(node.encode("o"));
            }
        }
        // An owner waiting for its dependents looks again whenever one of them changes.
        for (String uid : owners) {
            Node owner = graph.node(uid);
            if (owner != null) {
                queue.add(owner.encode("o"));
            }
        }
    }

    private void sync(String key) {
        Node node = Node.decode(key);
        ResourceStore<?> store = registry.find(node.group(), node.version(), node.plural()).orElse(null);
        if (store == null) {
            return;
        }
        if (key.startsWith("d")) {
            attemptToDelete(store, node);
        } else {
            processDeletingOwner(store, node);
        }
    }

    private enum OwnerState { SOLID, DANGLING, WAITING }

    /** attemptToDeleteItem: a dependent whose owners are all gone or all waiting for it is deleted. */
    private <T extends HasMetadata> void attemptToDelete(ResourceStore<T> store, Node node) {
        T object = get(store, node);
        if (object == null || object.getMetadata().getOwnerReferences().isEmpty()) {
            return;
        }
        if (object.getMetadata().getDeletionTimestamp() != null
                && !object.getMetadata().getFinalizers().contains(DeletionFinalizers.FOREGROUND)) {
            return;
        }
        List<String> dangling = new ArrayList<>();
        int solid = 0;
        int waiting = 0;
        for (OwnerReference ref : object.getMetadata().getOwnerReferences()) {
            switch (ownerState(ref, node.namespace())) {
                case SOLID -> solid++;
                case WAITING -> waiting++;
                case DANGLING -> dangling.add(ref.getUid());
            }
        }
        if (solid > 0) {
            if (!dangling.isEmpty()) {
                update(store, node, current -> current.getMetadata().getOwnerReferences()
                        .removeIf(r -> dangling.contains(r.getUid())));
            }
            return;
        }
        if (object.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        String policy = "Background";
        if (object.getMetadata().getFinalizers().contains(DeletionFinalizers.ORPHAN)) {
            policy = "Orphan";
        }
        if (waiting > 0 && !graph.dependentsOf(object.getMetadata().getUid()).isEmpty()) {
            policy = "Foreground";
        }
        try {
            store.delete(node.namespace(), node.name(), new DeleteOptions(false, null, object.getMetadata().getUid(),
                    null, policy));
        } catch (StatusException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }

    private OwnerState ownerState(OwnerReference ref, String namespace) {
        ResourceStore<?> store = storeFor(ref);
        if (store == null) {
            // An owner of a kind not served cannot be looked up; kube keeps such dependents.
            return OwnerState.SOLID;
        }
        String ns = store.definition().namespaced() ? namespace : null;
        HasMetadata owner;
        try {
            owner = store.get(ns, ref.getName());
        } catch (StatusException e) {
            if (e.code() == 404) {
                return OwnerState.DANGLING;
            }
            throw e;
        }
        if (!Objects.equals(owner.getMetadata().getUid(), ref.getUid())) {
            return OwnerState.DANGLING;
        }
        if (owner.getMetadata().getDeletionTimestamp() != null
                && owner.getMetadata().getFinalizers().contains(DeletionFinalizers.FOREGROUND)) {
            return OwnerState.WAITING;
        }
        return OwnerState.SOLID;
    }

    private ResourceStore<?> storeFor(OwnerReference ref) {
        for (ResourceDefinition<?> def : registry.definitions()) {
            if (def.apiVersion().equals(ref.getApiVersion()) && def.kind().equals(ref.getKind())) {
                return registry.find(def.group(), def.version(), def.plural()).orElse(null);
            }
        }
        return null;
    }

    /** An owner being deleted: orphans its dependents, or waits for them to go. */
    private <T extends HasMetadata> void processDeletingOwner(ResourceStore<T> store, Node node) {
        T owner = get(store, node);
        if (owner == null || owner.getMetadata().getDeletionTimestamp() == null) {
            return;
        }
        String uid = owner.getMetadata().getUid();
        List<String> finalizers = owner.getMetadata().getFinalizers();
        if (finalizers.contains(DeletionFinalizers.ORPHAN)) {
            for (Node dependent : graph.dependentsOf(uid)) {
                orphan(dependent, uid);
            }
            removeFinalizer(store, node, uid, DeletionFinalizers.ORPHAN);
            return;
        }
        if (!finalizers.contains(DeletionFinalizers.FOREGROUND)) {
            return;
        }
        boolean blocked = false;
        for (Node dependent : graph.dependentsOf(uid)) {
            ResourceStore<?> depStore = registry.find(dependent.group(), dependent.version(), dependent.plural())
                    .orElse(null);
            HasMetadata object = depStore == null ? null : get(depStore, dependent);
            if (object == null) {
                continue;
            }
            for (OwnerReference ref : object.getMetadata().getOwnerReferences()) {
                if (uid.equals(ref.getUid()) && Boolean.TRUE.equals(ref.getBlockOwnerDeletion())) {
                    blocked = true;
                }
            }
            queue.add(dependent.encode("d"));
        }
        if (!blocked) {
            removeFinalizer(store, node, uid, DeletionFinalizers.FOREGROUND);
        }
    }

    private void orphan(Node dependent, String ownerUid) {
        ResourceStore<?> store = registry.find(dependent.group(), dependent.version(), dependent.plural()).orElse(null);
        if (store != null) {
            update(store, dependent, current -> current.getMetadata().getOwnerReferences()
                    .removeIf(r -> ownerUid.equals(r.getUid())));
        }
    }

    private <T extends HasMetadata> void removeFinalizer(ResourceStore<T> store, Node node, String uid, String finalizer) {
        update(store, node, current -> {
            if (uid.equals(current.getMetadata().getUid())) {
                current.getMetadata().getFinalizers().remove(finalizer);
            }
        });
    }

    private <T extends HasMetadata> void update(ResourceStore<T> store, Node node,
            java.util.function.Consumer<T> change) {
        try {
            store.update(node.namespace(), node.name(), null, current -> {
                current.getMetadata().setOwnerReferences(new ArrayList<>(current.getMetadata().getOwnerReferences()));
                current.getMetadata().setFinalizers(new ArrayList<>(current.getMetadata().getFinalizers()));
                change.accept(current);
                return current;
            }, Managers.CONTROLLER_MANAGER);
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    private static <T extends HasMetadata> T get(ResourceStore<T> store, Node node) {
        try {
            return store.get(node.namespace(), node.name());
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    /** One object, by resource and name. */
    record Node(String group, String version, String plural, String namespace, String name) {

        static Node of(ResourceDefinition<?> def, ObjectMeta meta) {
            return new Node(def.group(), def.version(), def.plural(), def.namespaced() ? meta.getNamespace() : null,
                    meta.getName());
        }

        String encode(String kind) {
            return String.join("|", kind, group, version, plural, namespace == null ? "" : namespace, name);
        }

        static Node decode(String key) {
            String[] p = key.split("\\|", -1);
            return new Node(p[1], p[2], p[3], p[4].isEmpty() ? null : p[4], p[5]);
        }
    }

    /** Who owns whom, by uid. */
    private static final class Graph {

        private final Map<String, Node> byUid = new HashMap<>();
        private final Map<Node, Set<String>> owners = new HashMap<>();
        private final Map<String, Set<Node>> dependents = new HashMap<>();

        synchronized void clear() {
            byUid.clear();
            owners.clear();
            dependents.clear();
        }

        synchronized void put(Node node, ObjectMeta meta) {
            byUid.put(meta.getUid(), node);
            Set<String> before = owners.getOrDefault(node, Set.of());
            Set<String> now = new HashSet<>();
            for (OwnerReference ref : meta.getOwnerReferences()) {
                if (ref.getUid() != null) {
                    now.add(ref.getUid());
                }
            }
            for (String uid : before) {
                if (!now.contains(uid)) {
                    Set<Node> set = dependents.get(uid);
                    if (set != null) {
                        set.remove(node);
                        if (set.isEmpty()) {
                            dependents.remove(uid);
                        }
                    }
                }
            }
            for (String uid : now) {
                dependents.computeIfAbsent(uid, k -> new HashSet<>()).add(node);
            }
            if (now.isEmpty()) {
                owners.remove(node);
            } else {
                owners.put(node, now);
            }
        }

        synchronized void remove(Node node, String uid) {
            byUid.remove(uid);
            Set<String> before = owners.remove(node);
            if (before != null) {
                for (String owner : before) {
                    Set<Node> set = dependents.get(owner);
                    if (set != null) {
                        set.remove(node);
                        if (set.isEmpty()) {
                            dependents.remove(owner);
                        }
                    }
                }
            }
        }

        synchronized Set<String> ownersOf(Node node) {
            return new HashSet<>(owners.getOrDefault(node, Set.of()));
        }

        synchronized List<Node> dependentsOf(String uid) {
            return new ArrayList<>(dependents.getOrDefault(uid, Set.of()));
        }

        synchronized Node node(String uid) {
            return byUid.get(uid);
        }
    }
}

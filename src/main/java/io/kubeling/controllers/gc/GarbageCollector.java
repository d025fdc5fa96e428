package io.kubeling.controllers.gc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.kubeling.registry.WriteOptions;
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

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("generic-garbage-collector");

    private final Registry registry;
    private final ChangeFeed feed;
    private final WorkQueue queue;
    private static final String RESCAN = "r";
    private static final String RESCAN_LATER = "r-later";
    // CRD changes reach the collector and the serving of custom resources in either order
    private static final Duration RESCAN_DELAY = Duration.ofMillis(500);

    // what is followed, by storage prefix; guarded by this
    private final Map<String, Followed> followed = new HashMap<>();
    private long followedGeneration = -1;
    private ChangeFeed.Subscription crdWatch;
    private final Graph graph = new Graph();
    // kube's absentOwnerCache holds 500 owners
    private final AbsentOwners absent = new AbsentOwners(500);
    private volatile boolean running;

    @Autowired
    GarbageCollector(Registry registry, ChangeFeed feed) {
        this(registry, feed, UnaryOperator.identity());
    }

    /** A collector whose worker runs each sync through {@code worker}, which tests use to hold it. */
    GarbageCollector(Registry registry, ChangeFeed feed, UnaryOperator<Consumer<String>> worker) {
        this.registry = registry;
        this.feed = feed;
        this.queue = new WorkQueue("garbage-collector", worker.apply(this::sync));
    }

    @Override
    public synchronized void start() {
        queue.start();
        graph.clear();
        absent.clear();
        running = true;
        // CRDs come and go while the collector runs: each change to one makes it look again at what is served
        registry.find("apiextensions.k8s.io", "v1", "customresourcedefinitions").ifPresent(crds ->
                crdWatch = feed.subscribeMetadata(crds, change -> {
                    queue.add(RESCAN);
                    queue.addAfter(RESCAN_LATER, RESCAN_DELAY);
                }));
        // the first look at what is served, and the listing of all of it, on the worker: as kube's monitors sync
        // after the controller starts, not on the thread that starts the server
        queue.add(RESCAN);
    }

    /**
     * Follows every resource served now, built-in or custom, once per storage prefix (the versions of one
     * resource share their objects), and stops following those withdrawn: a new store is subscribed before its
     * objects are listed, and before the store it replaces is left, so that no change falls between.
     */
    private synchronized void follow() {
        if (!running) {
            return;
        }
        long generation = registry.generation();
        if (generation == followedGeneration) {
            return;
        }
        followedGeneration = generation;
        Map<String, ResourceStore<?>> served = new LinkedHashMap<>();
        for (ResourceStore<?> store : registry.all()) {
            served.putIfAbsent(store.definition().keyPrefix(null), store);
        }
        List<ResourceStore<?>> added = new ArrayList<>();
        List<Followed> left = new ArrayList<>();
        for (Map.Entry<String, ResourceStore<?>> entry : served.entrySet()) {
            Followed before = followed.get(entry.getKey());
            if (before != null && before.store() == entry.getValue()) {
                continue;
            }
            followed.put(entry.getKey(), new Followed(entry.getValue(), subscribe(entry.getValue())));
            added.add(entry.getValue());
            if (before != null) {
                left.add(before);
            }
        }
        for (Iterator<Map.Entry<String, Followed>> it = followed.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Followed> entry = it.next();
            if (!served.containsKey(entry.getKey())) {
                left.add(entry.getValue());
                it.remove();
            }
        }
        for (ResourceStore<?> store : added) {
            loadInto(store);
        }
        left.forEach(f -> f.subscription().close());
    }

    private record Followed(ResourceStore<?> store, ChangeFeed.Subscription subscription) {
    }

    private <T extends HasMetadata> ChangeFeed.Subscription subscribe(ResourceStore<T> store) {
        return feed.subscribeMetadata(store, change -> onChange(store.definition(), change));
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
        if (crdWatch != null) {
            crdWatch.close();
            crdWatch = null;
        }
        followed.values().forEach(f -> f.subscription().close());
        followed.clear();
        followedGeneration = -1;
        queue.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void onChange(ResourceDefinition<?> def, Change<ObjectMeta> change) {
        ObjectMeta meta = change.object();
        Node node = Node.of(def, meta);
        Set<String> owners;
        if (change.deleted()) {
            owners = graph.ownersOf(node);
            graph.remove(node, meta.getUid());
            List<Node> dependents = graph.dependentsOf(meta.getUid());
            if (!dependents.isEmpty()) {
                // recorded before the owner's kind can be withdrawn (its CRD deleted), which events of later revisions do
                absent.add(def.group(), def.kind(), node.namespace(), meta.getName(), meta.getUid());
            }
            dependents.forEach(d -> queue.add(d.encode("d")));
        } else {
            // as kube's graph builder: a change that leaves the references, the deletion and the finalizers as they
            // were (a Lease renewed, a status written) asks nothing of the object or of its owners
            Set<String> before = graph.put(node, meta);
            if (before == null) {
                return;
            }
            owners = new HashSet<>(before);
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
        if (key.startsWith(RESCAN)) {
            follow();
            return;
        }
        Node node = Node.decode(key);
        ResourceStore<?> store = storeOf(node);
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
            store.delete(node.namespace(), node.name(), Managers.deleting(WRITER, new DeleteOptions(false, null, object.getMetadata().getUid(),
                    null, policy)));
        } catch (StatusException e) {
            if (e.code() != 404 && e.code() != 409) {
                throw e;
            }
        }
    }

    /** isDangling: known absent, else looked up by apiVersion and kind, as kube's RESTMapper resolves them. */
    private OwnerState ownerState(OwnerReference ref, String namespace) {
        if (absent.has(ref, namespace)) {
            return OwnerState.DANGLING;
        }
        ResourceStore<?> store = storeFor(ref);
        if (store == null) {
            // An owner of a kind not served cannot be looked up; kube keeps such dependents.
            return OwnerState.SOLID;
        }
        String ns = store.definition().namespaced() ? namespace : null;
        HasMetadata owner;
        try {
            owner = store.peek(ns, ref.getName());
        } catch (StatusException e) {
            if (e.code() == 404) {
                absent.add(ref, ns);
                return OwnerState.DANGLING;
            }
            throw e;
        }
        if (!Objects.equals(owner.getMetadata().getUid(), ref.getUid())) {
            absent.add(ref, ns);
            return OwnerState.DANGLING;
        }
        if (owner.getMetadata().getDeletionTimestamp() != null
                && owner.getMetadata().getFinalizers().contains(DeletionFinalizers.FOREGROUND)) {
            return OwnerState.WAITING;
        }
        return OwnerState.SOLID;
    }

    /** The store of a node's resource, in the version it was seen in or, that one withdrawn, another served. */
    private ResourceStore<?> storeOf(Node node) {
        ResourceStore<?> store = registry.find(node.group(), node.version(), node.plural()).orElse(null);
        if (store != null) {
            return store;
        }
        for (ResourceStore<?> other : registry.all()) {
            if (other.definition().group().equals(node.group()) && other.definition().plural().equals(node.plural())) {
                return other;
            }
        }
        return null;
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
            ResourceStore<?> depStore = storeOf(dependent);
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
        ResourceStore<?> store = storeOf(dependent);
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
            Consumer<T> change) {
        try {
            store.update(node.namespace(), node.name(), null, current -> {
                current.getMetadata().setOwnerReferences(new ArrayList<>(current.getMetadata().getOwnerReferences()));
                current.getMetadata().setFinalizers(new ArrayList<>(current.getMetadata().getFinalizers()));
                change.accept(current);
                return current;
            }, WRITER);
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    /** The shared object, as kube's collector reads its informers' caches: only looked at, never changed. */
    private static <T extends HasMetadata> T get(ResourceStore<T> store, Node node) {
        try {
            return store.peek(node.namespace(), node.name());
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
        // what the collector acts on of each object, to tell the changes that matter to it from the others
        private final Map<Node, Collected> collected = new HashMap<>();

        private record Collected(String uid, List<OwnerReference> references, String deletion, List<String> finalizers) {
        }

        synchronized void clear() {
            collected.clear();
            byUid.clear();
            owners.clear();
            dependents.clear();
        }

        /**
         * Records an object; the owners it had before when it is new or its references, deletion or finalizers
         * changed, else null, with the graph left as it was (its owners follow from what is unchanged).
         */
        synchronized Set<String> put(Node node, ObjectMeta meta) {
            Collected seen = new Collected(meta.getUid(), meta.getOwnerReferences(), meta.getDeletionTimestamp(),
                    meta.getFinalizers());
            if (seen.equals(collected.put(node, seen))) {
                return null;
            }
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
            return before;
        }

        synchronized void remove(Node node, String uid) {
            collected.remove(node);
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

package io.kubeling.controllers.namespaces;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.kubeling.registry.WriteOptions;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.DaemonThreads;
import io.kubeling.controllers.Managers;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.Timestamps;

/**
 * Empties a namespace being deleted, then clears its {@code kubernetes} finalizer so that the
 * namespace goes. Acts only through the registry, as kube's namespace controller acts through the API.
 */
@Component
class NamespaceController implements SmartLifecycle {

    /** Who this controller writes as. */
    static final WriteOptions WRITER = Managers.controller("namespace-controller");

    private static final Logger log = LoggerFactory.getLogger(NamespaceController.class);
    private static final String FINALIZER = "kubernetes";

    private final Registry registry;
    private final ChangeFeed feed;
    private final Clock clock;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private volatile ScheduledExecutorService worker;
    private volatile ChangeFeed.Subscription subscription;
    private volatile boolean running;

    NamespaceController(Registry registry, ChangeFeed feed, Clock clock) {
        this.registry = registry;
        this.feed = feed;
        this.clock = clock;
    }

    /** Starts, or starts again after a stop, and picks up namespaces left terminating meanwhile. */
    @Override
    public void start() {
        worker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("namespace-controller"));
        queued.clear();
        running = true;
        subscription = feed.subscribe(Namespace.class, this::onChange);
        worker.execute(this::resync);
    }

    @Override
    public void stop() {
        running = false;
        subscription.close();
        worker.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void resync() {
        for (Namespace ns : registry.store(Namespace.class).list(null, ListOptions.ALL).items()) {
            if (ns.getMetadata().getDeletionTimestamp() != null) {
                enqueue(ns.getMetadata().getName(), 0);
            }
        }
    }

    private void onChange(Change<Namespace> change) {
        if (change.deleted()) {
            return;
        }
        Namespace ns = change.object();
        if (ns.getMetadata().getDeletionTimestamp() != null) {
            enqueue(ns.getMetadata().getName(), 0);
        }
    }

    private void enqueue(String name, long delayMillis) {
        if (running && queued.add(name)) {
            worker.schedule(() -> sync(name), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void sync(String name) {
        queued.remove(name);
        try {
            Namespace ns = registry.store(Namespace.class).get(null, name);
            if (ns.getMetadata().getDeletionTimestamp() == null) {
                return;
            }
            Map<String, Integer> remaining = new TreeMap<>();
            Map<String, Integer> finalizers = new TreeMap<>();
            deleteContent(name, remaining, finalizers);
            reportConditions(name, remaining, finalizers);
            if (!remaining.isEmpty()) {
                enqueue(name, 500);
                return;
            }
            finalizeNamespace(name);
        } catch (StatusException e) {
            if (e.code() != 404) {
                log.warn("namespace {} cleanup failed: {}", name, e.getMessage());
                enqueue(name, 1000);
            }
        } catch (RuntimeException e) {
            log.warn("namespace {} cleanup failed", name, e);
            enqueue(name, 1000);
        }
    }

    /**
     * Deletes everything in the namespace, counting what is still there by resource and by finalizer. Each resource
     * is visited once, whatever the number of versions it is served in, as kube's deleter walks the preferred
     * version of each group and resource.
     */
    private void deleteContent(String namespace, Map<String, Integer> remaining, Map<String, Integer> finalizers) {
        Set<String> visited = new HashSet<>();
        for (ResourceStore<?> store : registry.all()) {
            if (store.definition().namespaced()
                    && visited.add(store.definition().plural() + "." + store.definition().group())) {
                deleteAll(store, namespace, remaining, finalizers);
            }
        }
    }

    private <T extends HasMetadata> void deleteAll(ResourceStore<T> store, String namespace,
            Map<String, Integer> remaining, Map<String, Integer> finalizers) {
        if (store.deleteCollection(namespace, ListOptions.ALL, Managers.deleting(WRITER)).isEmpty()) {
            return;
        }
        // Finalizers and grace periods keep some objects for a while.
        List<T> left = store.list(namespace, ListOptions.ALL).items();
        if (!left.isEmpty()) {
            remaining.merge(store.definition().plural() + "." + store.definition().group(), left.size(), Integer::sum);
        }
        for (T object : left) {
            for (String finalizer : object.getMetadata().getFinalizers()) {
                finalizers.merge(finalizer, 1, Integer::sum);
            }
        }
    }

    /** Writes kube's deletion conditions to the namespace's status when they change. */
    private void reportConditions(String name, Map<String, Integer> remaining, Map<String, Integer> finalizers) {
        ResourceStore<Namespace> store = registry.store(Namespace.class);
        String now = Timestamps.now(clock);
        store.update(null, name, "status", current -> {
            if (current.getStatus() == null) {
                current.setStatus(new io.fabric8.kubernetes.api.model.NamespaceStatus());
            }
            current.getStatus().setConditions(DeletionConditions.update(current.getStatus().getConditions(),
                    remaining, finalizers, now));
            return current;
        }, WRITER);
    }

    private void finalizeNamespace(String name) {
        ResourceStore<Namespace> store = registry.store(Namespace.class);
        Namespace ns = store.get(null, name);
        if (ns.getSpec() != null && ns.getSpec().getFinalizers().contains(FINALIZER)) {
            store.update(null, name, "finalize", current -> {
                current.getSpec().getFinalizers().remove(FINALIZER);
                return current;
            }, WRITER);
        }
        try {
            store.delete(null, name, Managers.deleting(WRITER));
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }
}

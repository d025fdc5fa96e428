package io.kubeling.controllers;


import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.awaitility.core.ConditionFactory;
import org.springframework.context.SmartLifecycle;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubeling.config.KubelingProperties;
import io.kubeling.config.SimulationProperties;
import io.kubeling.registry.Admission;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.configmaps.ConfigMapResource;
import io.kubeling.resources.controllerrevisions.ControllerRevisionResource;
import io.kubeling.resources.daemonsets.DaemonSetResource;
import io.kubeling.resources.deployments.DeploymentResource;
import io.kubeling.resources.cronjobs.CronJobResource;
import io.kubeling.resources.endpoints.EndpointsResource;
import io.kubeling.resources.endpointslices.EndpointSliceResource;
import io.kubeling.resources.events.EventResource;
import io.kubeling.resources.jobs.JobResource;
import io.kubeling.resources.leases.LeaseResource;
import io.kubeling.resources.limitranges.LimitRangeResource;
import io.kubeling.resources.persistentvolumeclaims.PersistentVolumeClaimResource;
import io.kubeling.resources.persistentvolumes.PersistentVolumeResource;
import io.kubeling.resources.replicationcontrollers.ReplicationControllerResource;
import io.kubeling.resources.resourcequotas.ResourceQuotaResource;
import io.kubeling.resources.storageclasses.StorageClassResource;
import io.kubeling.resources.namespaces.NamespaceResource;
import io.kubeling.resources.nodes.NodeResource;
import io.kubeling.resources.poddisruptionbudgets.PodDisruptionBudgetResource;
import io.kubeling.resources.pods.PodResource;
import io.kubeling.resources.replicasets.ReplicaSetResource;
import io.kubeling.resources.secrets.SecretResource;
import io.kubeling.resources.serviceaccounts.ServiceAccountResource;
import io.kubeling.resources.services.ServiceResource;
import io.kubeling.resources.statefulsets.StatefulSetResource;
import io.kubeling.storage.KeyValueStore;
import io.kubeling.support.InMemoryStorage;

/**
 * The server's registry on an in-memory store, without Spring, on a stopped {@link SimulatedTime}: controllers
 * built with their constructors act on it, and time passes only when a test {@link #advance}s it, as kube's
 * controller tests drive fakes with a fake clock. Writes reach controllers through the change feed on its own
 * thread, so tests wait for what a write causes before they move time.
 */
public final class StoppedCluster implements AutoCloseable {

    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    // generous: a passing test waits no longer for it, and a machine shared with other builds can be slow
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    public final SimulatedTime time = new SimulatedTime(Clock.fixed(START, ZoneOffset.UTC), 0);
    public final Registry registry;
    public final ChangeFeed feed;
    public final EventRecorder events;
    public final ObjectCodec codec = new ObjectCodec();
    private final InMemoryStorage storage;
    private final List<SmartLifecycle> started = new ArrayList<>();

    public StoppedCluster() {
        this(UnaryOperator.identity());
    }

    /** A cluster whose registry reads and writes through {@code around} the store, to step into a controller's sync. */
    public StoppedCluster(UnaryOperator<KeyValueStore> around) {
        this(around, List.of(), List.of());
    }

    /** A cluster that also serves {@code more} resources, with {@code admissions} on every write. */
    public StoppedCluster(List<ResourceDefinition<?>> more, List<Admission> admissions) {
        this(UnaryOperator.identity(), more, admissions);
    }

    private StoppedCluster(UnaryOperator<KeyValueStore> around, List<ResourceDefinition<?>> more,
            List<Admission> admissions) {
        storage = InMemoryStorage.open(time.clock());
        List<ResourceDefinition<?>> served = new ArrayList<>(List.of(new NamespaceResource().namespaces(), new ConfigMapResource().configmaps(),
                new PodResource().pods(), new NodeResource().nodes(), new EventResource().events(),
                new ServiceResource().services(), new SecretResource().secrets(), new JobResource().jobs(),
                new DeploymentResource().deployments(), new ReplicaSetResource().replicaSets(),
                new EndpointsResource().endpoints(), new EndpointSliceResource().endpointslices(),
                new ServiceAccountResource().serviceaccounts(), new LeaseResource().leases(),
                new CronJobResource().cronjobs(), new PodDisruptionBudgetResource().poddisruptionbudgets(),
                new StatefulSetResource().statefulSets(), new DaemonSetResource().daemonSets(),
                new ControllerRevisionResource().controllerRevisions(),
                new ReplicationControllerResource().replicationControllers(),
                new PersistentVolumeResource().persistentVolumes(time.clock()),
                new PersistentVolumeClaimResource().persistentVolumeClaims(),
                new StorageClassResource().storageClasses(), new ResourceQuotaResource().resourceQuotas(),
                new LimitRangeResource().limitRanges()));
        served.addAll(more);
        registry = new Registry(served, around.apply(storage.store()), codec, time.clock(), new NameGenerator(),
                admissions, List.of(), List.of(), new KubelingProperties.Cache(1024, null));
        feed = new ChangeFeed(registry);
        events = new EventRecorder(registry, time.clock());
    }

    /** The simulation's settings with its time stopped and kube's heartbeat cadences. */
    public static SimulationProperties simulation() {
        return new SimulationProperties(true, 0, null, new SimulationProperties.Heartbeat(40, Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(40)));
    }

    public ControllerKit kit() {
        return new ControllerKit(registry, feed, events, codec, time.clock(), time);
    }

    /** Starts a controller, to be stopped when the cluster closes. */
    public <T extends SmartLifecycle> T start(T controller) {
        controller.start();
        started.add(controller);
        return controller;
    }

    public void advance(Duration by) {
        time.advance(by);
    }

    /**
     * Moves time {@code step} at a time until {@code condition} holds, giving the controllers' threads the real time
     * they take between steps; fails once {@code most} has passed on the clock without it.
     */
    public void advanceUntil(Duration step, Duration most, java.util.concurrent.Callable<Boolean> condition) {
        Instant limit = now().plus(most);
        waiting().until(() -> {
            if (condition.call()) {
                return true;
            }
            if (now().isBefore(limit)) {
                time.advance(step);
            }
            return condition.call();
        });
    }

    public Instant now() {
        return time.now();
    }

    /** The deadlines set on the clock and not yet due, to see that a controller has set one. */
    public int pendingDeadlines() {
        return time.pending();
    }

    public <T extends HasMetadata> ResourceStore<T> store(Class<T> type) {
        return registry.store(type);
    }

    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> T create(T object) {
        ResourceStore<T> store = registry.store((Class<T>) object.getClass());
        return store.create(object.getMetadata().getNamespace(), object, WriteOptions.DEFAULT);
    }

    /** Creates an object written as JSON, as a client would send it. */
    public <T extends HasMetadata> T create(String namespace, Class<T> type, String json) {
        return registry.store(type).create(namespace, codec.decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                type), WriteOptions.DEFAULT);
    }

    public <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
        return registry.store(type).get(namespace, name);
    }

    public <T extends HasMetadata> List<T> list(Class<T> type, String namespace) {
        return registry.store(type).list(namespace, ListOptions.ALL).items();
    }

    public boolean exists(Class<? extends HasMetadata> type, String namespace, String name) {
        try {
            registry.store(type).get(namespace, name);
            return true;
        } catch (StatusException e) {
            if (e.code() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Waits (in real time, for the feed and the controllers' threads) until the object satisfies {@code test}. */
    public <T extends HasMetadata> T await(Class<T> type, String namespace, String name, Predicate<T> test) {
        AtomicReference<T> last = new AtomicReference<>();
        waiting()
                .alias(type.getSimpleName() + " " + name).until(() -> {
                    if (!exists(type, namespace, name)) {
                        return false;
                    }
                    last.set(get(type, namespace, name));
                    return test.test(last.get());
                });
        return last.get();
    }

    public void awaitGone(Class<? extends HasMetadata> type, String namespace, String name) {
        waiting().until(() -> !exists(type, namespace, name));
    }

    /** Waits until {@code condition} holds, for what the controllers do on their own threads. */
    public void awaitUntil(java.util.concurrent.Callable<Boolean> condition) {
        waiting().until(condition);
    }

    /** The events about one object (any, for a null name), oldest first, as {@code reason: message}. */
    public List<String> events(String namespace, String name) {
        return list(Event.class, namespace).stream()
                .filter(e -> name == null || name.equals(e.getInvolvedObject().getName()))
                .sorted(Comparator.comparing((Event e) -> e.getFirstTimestamp())
                        .thenComparing(e -> e.getMetadata().getCreationTimestamp())
                        .thenComparing(e -> e.getMetadata().getResourceVersion().length())
                        .thenComparing(e -> e.getMetadata().getResourceVersion()))
                .map(e -> e.getReason() + ": " + e.getMessage()).toList();
    }

    /** Waits for an event of {@code reason} about the object and answers its message. */
    public String awaitEvent(String namespace, String name, String reason) {
        AtomicReference<String> found = new AtomicReference<>();
        waiting().alias(reason + " of " + name).until(() -> {
            for (String e : events(namespace, name)) {
                if (e.startsWith(reason + ": ")) {
                    found.set(e.substring(reason.length() + 2));
                    return true;
                }
            }
            return false;
        });
        return found.get();
    }

    /** Awaitility polling every few milliseconds, from at once, for up to 10 s of real time. */
    private static ConditionFactory waiting() {
        return org.awaitility.Awaitility.await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2));
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).stop();
        }
        try {
            events.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        time.close();
        storage.close();
    }
}

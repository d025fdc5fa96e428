package io.kubeling.controllers.endpoints;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.PodReadiness;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.FeedCache;
import io.kubeling.controllers.WorkQueue;
import io.kubeling.registry.WriteOptions;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.selection.LabelSelector;

/**
 * Kube's endpoints and endpointslice controllers in one: for every service with a selector, the Endpoints of
 * the same name and the EndpointSlices labelled with its name list the matching pods that have an IP, ready
 * or not, with the service's ports resolved against each pod. Acts only through the registry.
 */
@Component
class EndpointsController implements SmartLifecycle {

    /** kube's endpoints controller and its EndpointSlice controller, each with its own service account. */
    static final WriteOptions ENDPOINTS = Managers.controller("endpoint-controller");
    static final WriteOptions SLICES = Managers.controller("endpointslice-controller");

    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    static final String MANAGED_BY = "endpointslice-controller.k8s.io";
    static final String HEADLESS_LABEL = "service.kubernetes.io/headless";
    static final String TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";
    /** Keys ending in this resync every service of the namespace before it (a pod changed there). */
    private static final String ALL = "/*";
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private final Registry registry;
    private final ChangeFeed feed;
    private final Clock clock;
    private final WorkQueue queue = new WorkQueue("endpoints-controller", this::sync);
    private final List<ChangeFeed.Subscription> subscriptions = new ArrayList<>();
    private volatile FeedCache<Pod> pods = new FeedCache<>(PodEndpoint::held);
    /** The Services, kept from their feed, which a pod's change looks through for those with a selector. */
    private volatile FeedCache<Service> known = new FeedCache<>();

    EndpointsController(Registry registry, ChangeFeed feed, Clock clock) {
        this.registry = registry;
        this.feed = feed;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        queue.start();
        FeedCache<Service> serviceCache = new FeedCache<>();
        known = serviceCache;
        subscriptions.add(feed.subscribe(Service.class, change -> {
            serviceCache.apply(change);
            queue.add(key(change.object().getMetadata()));
        }));
        FeedCache<Pod> cache = new FeedCache<>(PodEndpoint::held);
        pods = cache;
        subscriptions.add(feed.subscribe(Pod.class, change -> {
            cache.apply(change);
            queueServicesOf(change);
        }));
        cache.listed(registry.store(Pod.class).peekAll(null, LabelSelector.EVERYTHING));
        List<Service> all = services().peekAll(null, LabelSelector.EVERYTHING);
        serviceCache.listed(all);
        for (Service service : all) {
            queue.add(key(service.getMetadata()));
        }
    }

    @Override
    public synchronized void stop() {
        subscriptions.forEach(ChangeFeed.Subscription::close);
        subscriptions.clear();
        queue.stop();
    }

    @Override
    public boolean isRunning() {
        return queue.isRunning();
    }

    /**
     * The Services a pod's change concerns, those selecting it before or after, as kube's getPodServiceMemberships
     * finds them: a change to a pod no Service selects syncs none. Until the Services are listed, every Service of
     * the namespace.
     */
    private void queueServicesOf(Change<Pod> change) {
        String namespace = change.object().getMetadata().getNamespace();
        FeedCache<Service> services = known;
        if (!services.hasSynced()) {
            queue.add(namespace + ALL);
            return;
        }
        for (Service service : services.inNamespace(namespace)) {
            if (hasSelector(service) && (selects(service, change.object())
                    || (change.previous() != null && selects(service, change.previous())))) {
                queue.add(key(service.getMetadata()));
            }
        }
    }

    /** A Service's selector is a set of labels the pod must all have. */
    private static boolean selects(Service service, Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        if (labels == null) {
            return false;
        }
        for (Map.Entry<String, String> e : service.getSpec().getSelector().entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private void sync(String key) {
        if (!pods.hasSynced()) {
            // every service is queued again once the pods are listed
            return;
        }
        if (key.endsWith(ALL)) {
            String namespace = key.substring(0, key.length() - ALL.length());
            FeedCache<Service> services = known;
            for (Service service : services.hasSynced() ? services.inNamespace(namespace)
                    : services().peekAll(namespace, LabelSelector.EVERYTHING)) {
                if (hasSelector(service)) {
                    queue.add(key(service.getMetadata()));
                }
            }
            return;
        }
        String[] parts = key.split("/", 2);
        String namespace = parts[0];
        String name = parts[1];
        Service service;
        try {
            service = services().peek(namespace, name);
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
            deleteQuietly(registry.store(Endpoints.class), namespace, name, ENDPOINTS);
            for (EndpointSlice slice : ownSlices(namespace, name)) {
                deleteQuietly(registry.store(EndpointSlice.class), namespace, slice.getMetadata().getName(), SLICES);
            }
            return;
        }
        // Services without a selector have their endpoints written by someone else.
        if (!hasSelector(service) || service.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        LabelSelector selector = LabelSelector.parse(selectorText(service.getSpec().getSelector()));
        // the shared objects, from a cache kept as kube's pod informer's is: a sync decodes no pod again
        List<Pod> pods = new ArrayList<>(this.pods.inNamespace(namespace));
        pods.removeIf(pod -> !selector.matches(pod.getMetadata().getLabels()) || !PodEndpoint.counts(pod, service));
        pods.sort(Comparator.comparing(pod -> pod.getMetadata().getName()));
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant());
        syncEndpoints(service, pods, now);
        syncSlices(service, pods, now);
    }

    // ---- Endpoints

    private void syncEndpoints(Service service, List<Pod> pods, String now) {
        String namespace = service.getMetadata().getNamespace();
        String name = service.getMetadata().getName();
        List<EndpointSubset> subsets = subsets(service, pods);
        Map<String, String> labels = labels(service, false);
        ResourceStore<Endpoints> store = registry.store(Endpoints.class);
        Endpoints current;
        try {
            current = store.peek(namespace, name);
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
            Endpoints created = new Endpoints();
            created.setMetadata(meta(name, namespace, labels, now));
            created.setSubsets(subsets);
            store.create(namespace, created, ENDPOINTS);
            return;
        }
        if (same(current.getSubsets(), subsets) && Objects.equals(orEmpty(current.getMetadata().getLabels()), labels)) {
            return;
        }
        store.update(namespace, name, null, endpoints -> {
            endpoints.setSubsets(subsets);
            endpoints.getMetadata().setLabels(labels);
            Map<String, String> annotations = new LinkedHashMap<>(orEmpty(endpoints.getMetadata().getAnnotations()));
            annotations.put(TRIGGER_TIME, now);
            endpoints.getMetadata().setAnnotations(annotations);
            return endpoints;
        }, ENDPOINTS);
    }

    /** Kube's subsets after RepackSubsets: addresses that serve the same ports share a subset. */
    private static List<EndpointSubset> subsets(Service service, List<Pod> pods) {
        Map<List<EndpointPort>, EndpointSubset> byPorts = new LinkedHashMap<>();
        List<ServicePort> servicePorts = orEmpty(service.getSpec().getPorts());
        for (Pod pod : pods) {
            List<EndpointPort> ports = new ArrayList<>();
            for (ServicePort sp : servicePorts) {
                int number = PodEndpoint.targetPort(pod, sp);
                if (number == 0) {
                    continue;
                }
                EndpointPort port = new EndpointPort();
                port.setName(sp.getName());
                port.setPort(number);
                port.setProtocol(sp.getProtocol() == null ? "TCP" : sp.getProtocol());
                port.setAppProtocol(sp.getAppProtocol());
                ports.add(port);
            }
            if (ports.isEmpty() && !servicePorts.isEmpty()) {
                continue;
            }
            EndpointSubset subset = byPorts.computeIfAbsent(ports, p -> {
                EndpointSubset s = new EndpointSubset();
                s.setPorts(p.isEmpty() ? null : p);
                return s;
            });
            EndpointAddress address = new EndpointAddress();
            address.setIp(pod.getStatus().getPodIP());
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            address.setNodeName(node == null || node.isEmpty() ? null : node);
            address.setTargetRef(podReference(pod));
            if (PodEndpoint.ready(pod, service)) {
                subset.setAddresses(append(subset.getAddresses(), address));
            } else {
                subset.setNotReadyAddresses(append(subset.getNotReadyAddresses(), address));
            }
        }
        List<EndpointSubset> subsets = new ArrayList<>(byPorts.values());
        for (EndpointSubset subset : subsets) {
            sortAddresses(subset.getAddresses());
            sortAddresses(subset.getNotReadyAddresses());
        }
        return subsets;
    }

    private static void sortAddresses(List<EndpointAddress> addresses) {
        if (addresses != null) {
            addresses.sort(Comparator.comparing(EndpointAddress::getIp));
        }
    }

    // ---- EndpointSlices

    private void syncSlices(Service service, List<Pod> pods, String now) {
        String namespace = service.getMetadata().getNamespace();
        String name = service.getMetadata().getName();
        Map<List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort>, List<Endpoint>> wanted = new LinkedHashMap<>();
        List<ServicePort> servicePorts = orEmpty(service.getSpec().getPorts());
        for (Pod pod : pods) {
            List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort> ports = new ArrayList<>();
            for (ServicePort sp : servicePorts) {
                int number = PodEndpoint.targetPort(pod, sp);
                if (number == 0) {
                    continue;
                }
                io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort port =
                        new io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort();
                port.setName(sp.getName() == null ? "" : sp.getName());
                port.setPort(number);
                port.setProtocol(sp.getProtocol() == null ? "TCP" : sp.getProtocol());
                port.setAppProtocol(sp.getAppProtocol());
                ports.add(port);
            }
            wanted.computeIfAbsent(ports, p -> new ArrayList<>()).add(endpoint(pod, service));
        }
        if (wanted.isEmpty()) {
            // Kube keeps one slice with no endpoints, so that a service always has one.
            wanted.put(List.of(), List.of());
        }
        ResourceStore<EndpointSlice> store = registry.store(EndpointSlice.class);
        List<EndpointSlice> existing = new ArrayList<>(ownSlices(namespace, name));
        Map<String, String> labels = labels(service, true);
        for (Map.Entry<List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort>, List<Endpoint>> entry : wanted.entrySet()) {
            List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort> ports = entry.getKey();
            List<Endpoint> endpoints = entry.getValue();
            EndpointSlice match = null;
            for (EndpointSlice slice : existing) {
                if (same(slice.getPorts(), ports)) {
                    match = slice;
                    break;
                }
            }
            if (match == null && !existing.isEmpty()) {
                match = existing.get(0);
            }
            if (match == null) {
                EndpointSlice created = new EndpointSlice();
                ObjectMeta meta = meta(null, namespace, labels, now);
                meta.setGenerateName(name + "-");
                meta.setOwnerReferences(List.of(owner(service)));
                created.setMetadata(meta);
                created.setAddressType("IPv4");
                created.setEndpoints(endpoints);
                created.setPorts(ports.isEmpty() ? null : ports);
                store.create(namespace, created, SLICES);
                continue;
            }
            existing.remove(match);
            if (same(match.getEndpoints(), endpoints) && same(match.getPorts(), ports)
                    && Objects.equals(orEmpty(match.getMetadata().getLabels()), labels)) {
                continue;
            }
            store.update(namespace, match.getMetadata().getName(), null, slice -> {
                slice.setEndpoints(endpoints);
                slice.setPorts(ports.isEmpty() ? null : ports);
                slice.getMetadata().setLabels(labels);
                Map<String, String> annotations = new LinkedHashMap<>(orEmpty(slice.getMetadata().getAnnotations()));
                annotations.put(TRIGGER_TIME, now);
                slice.getMetadata().setAnnotations(annotations);
                return slice;
            }, SLICES);
        }
        for (EndpointSlice extra : existing) {
            deleteQuietly(store, namespace, extra.getMetadata().getName(), SLICES);
        }
    }

    private static Endpoint endpoint(Pod pod, Service service) {
        boolean terminating = PodEndpoint.terminating(pod);
        boolean serving = PodEndpoint.ready(pod, service) || (terminating && PodReadiness.ready(pod));
        EndpointConditions conditions = new EndpointConditions();
        conditions.setReady(PodEndpoint.ready(pod, service));
        conditions.setServing(serving);
        conditions.setTerminating(terminating);
        Endpoint endpoint = new Endpoint();
        endpoint.setAddresses(List.of(pod.getStatus().getPodIP()));
        endpoint.setConditions(conditions);
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        endpoint.setNodeName(node == null || node.isEmpty() ? null : node);
        endpoint.setTargetRef(podReference(pod));
        return endpoint;
    }

    private List<EndpointSlice> ownSlices(String namespace, String service) {
        LabelSelector selector = LabelSelector.parse(SERVICE_NAME_LABEL + "=" + service + "," + MANAGED_BY_LABEL + "=" + MANAGED_BY);
        List<EndpointSlice> slices = new ArrayList<>(registry.store(EndpointSlice.class).peekAll(namespace, selector));
        slices.sort(Comparator.comparing(s -> s.getMetadata().getName()));
        return slices;
    }

    // ---- helpers

    private static Map<String, String> labels(Service service, boolean slice) {
        Map<String, String> labels = new LinkedHashMap<>(orEmpty(service.getMetadata().getLabels()));
        if (slice) {
            labels.put(SERVICE_NAME_LABEL, service.getMetadata().getName());
            labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        }
        if ("None".equals(service.getSpec().getClusterIP())) {
            labels.put(HEADLESS_LABEL, "");
        }
        return labels;
    }

    private static ObjectMeta meta(String name, String namespace, Map<String, String> labels, String now) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace(namespace);
        meta.setLabels(labels);
        Map<String, String> annotations = new HashMap<>();
        annotations.put(TRIGGER_TIME, now);
        meta.setAnnotations(annotations);
        return meta;
    }

    private static io.fabric8.kubernetes.api.model.OwnerReference owner(Service service) {
        io.fabric8.kubernetes.api.model.OwnerReference ref = new io.fabric8.kubernetes.api.model.OwnerReference();
        ref.setApiVersion("v1");
        ref.setKind("Service");
        ref.setName(service.getMetadata().getName());
        ref.setUid(service.getMetadata().getUid());
        ref.setController(true);
        ref.setBlockOwnerDeletion(true);
        return ref;
    }

    private static ObjectReference podReference(Pod pod) {
        ObjectReference ref = new ObjectReference();
        ref.setKind("Pod");
        ref.setNamespace(pod.getMetadata().getNamespace());
        ref.setName(pod.getMetadata().getName());
        ref.setUid(pod.getMetadata().getUid());
        return ref;
    }

    private static boolean hasSelector(Service service) {
        return service.getSpec() != null && service.getSpec().getSelector() != null
                && !service.getSpec().getSelector().isEmpty()
                && !"ExternalName".equals(service.getSpec().getType());
    }

    private static String selectorText(Map<String, String> selector) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(selector).entrySet()) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(e.getKey()).append('=').append(e.getValue());
        }
        return text.toString();
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> void deleteQuietly(ResourceStore<T> store,
            String namespace, String name, WriteOptions writer) {
        try {
            store.delete(namespace, name, Managers.deleting(writer));
        } catch (StatusException e) {
            if (e.code() != 404) {
                throw e;
            }
        }
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = list == null ? new ArrayList<>() : list;
        out.add(item);
        return out;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    private ResourceStore<Service> services() {
        return registry.store(Service.class);
    }

    /** Equal as stored: the model reads an absent list back as an empty one. */
    private static boolean same(Object a, Object b) {
        return JSON.valueToTree(a == null ? List.of() : a).equals(JSON.valueToTree(b == null ? List.of() : b));
    }

    private static String key(ObjectMeta meta) {
        return meta.getNamespace() + "/" + meta.getName();
    }
}

package io.kubeling.controllers.controlplane;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubeling.config.ControlPlaneProperties;
import io.kubeling.config.SimulationProperties;
import io.kubeling.controllers.Change;
import io.kubeling.controllers.ChangeFeed;
import io.kubeling.controllers.ControllerKit;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.QueuedController;
import io.kubeling.controllers.nodes.ControlPlaneNode;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;

/**
 * kube-apiserver's master endpoint reconciler: the {@code kubernetes} Service's Endpoints and EndpointSlice in
 * {@code default} name the address the apiserver advertises (the control-plane node's) and the port it serves on,
 * and are put back when changed or deleted.
 */
@Component
class MasterEndpoints extends QueuedController {

    static final String NAMESPACE = "default";
    static final String NAME = "kubernetes";
    private static final String KEY = NAMESPACE + "/" + NAME;

    private final boolean enabled;
    private final String address;

    MasterEndpoints(ControllerKit kit, ControlPlaneProperties controlPlane, SimulationProperties simulation) {
        super("master-endpoints", kit);
        this.enabled = controlPlane.enabled();
        this.address = ControlPlaneNode.address(simulation.nodes());
    }

    @Override
    protected List<ChangeFeed.Subscription> subscribe() {
        if (!enabled) {
            return List.of();
        }
        return List.of(feed.subscribe(Service.class, this::onChange), feed.subscribe(Endpoints.class, this::onChange),
                feed.subscribe(EndpointSlice.class, this::onChange));
    }

    private void onChange(Change<? extends HasMetadata> change) {
        ObjectMeta meta = change.object().getMetadata();
        if (NAMESPACE.equals(meta.getNamespace()) && NAME.equals(meta.getName())) {
            queue.add(KEY);
        }
    }

    @Override
    protected void queueExisting() {
        if (enabled) {
            queue.add(KEY);
        }
    }

    @Override
    protected void sync(String key) {
        Service service = find(registry.store(Service.class));
        if (service == null || service.getSpec().getPorts() == null || service.getSpec().getPorts().isEmpty()) {
            return;
        }
        ServicePort servicePort = service.getSpec().getPorts().get(0);
        int port = servicePort.getTargetPort() != null && servicePort.getTargetPort().getIntVal() != null
                ? servicePort.getTargetPort().getIntVal() : servicePort.getPort();
        String portName = servicePort.getName() == null ? "https" : servicePort.getName();
        reconcileEndpoints(port, portName);
        reconcileSlice(port, portName);
    }

    private void reconcileEndpoints(int port, String portName) {
        ResourceStore<Endpoints> store = registry.store(Endpoints.class);
        EndpointAddress ip = new EndpointAddress();
        ip.setIp(address);
        EndpointSubset subset = new EndpointSubset();
        subset.setAddresses(List.of(ip));
        subset.setPorts(List.of(new EndpointPort(null, portName, port, "TCP")));
        List<EndpointSubset> subsets = List.of(subset);
        Map<String, String> labels = Map.of("endpointslice.kubernetes.io/skip-mirror", "true");
        Endpoints current = find(store);
        if (current == null) {
            Endpoints endpoints = new Endpoints();
            endpoints.setMetadata(meta(labels));
            endpoints.setSubsets(subsets);
            create(store, endpoints);
        } else if (!Objects.equals(current.getSubsets(), subsets) || !hasLabels(current, labels)) {
            update(store, current.getMetadata().getResourceVersion(), e -> {
                e.setSubsets(subsets);
                e.getMetadata().setLabels(withLabels(e, labels));
            });
        }
    }

    /** endpointSliceFromEndpoints: one ready endpoint, the ports as the Endpoints name them. */
    private void reconcileSlice(int port, String portName) {
        ResourceStore<EndpointSlice> store = registry.store(EndpointSlice.class);
        Endpoint endpoint = new Endpoint();
        endpoint.setAddresses(List.of(address));
        EndpointConditions conditions = new EndpointConditions();
        conditions.setReady(true);
        endpoint.setConditions(conditions);
        io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort slicePort =
                new io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort();
        slicePort.setName(portName);
        slicePort.setPort(port);
        slicePort.setProtocol("TCP");
        List<Endpoint> endpoints = List.of(endpoint);
        List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort> ports = List.of(slicePort);
        Map<String, String> labels = Map.of("kubernetes.io/service-name", NAME);
        EndpointSlice current = find(store);
        if (current == null) {
            EndpointSlice slice = new EndpointSlice();
            slice.setMetadata(meta(labels));
            slice.setAddressType("IPv4");
            slice.setEndpoints(endpoints);
            slice.setPorts(ports);
            create(store, slice);
        } else if (!Objects.equals(current.getEndpoints(), endpoints) || !Objects.equals(current.getPorts(), ports)
                || !hasLabels(current, labels)) {
            update(store, current.getMetadata().getResourceVersion(), s -> {
                s.setEndpoints(endpoints);
                s.setPorts(ports);
                s.getMetadata().setLabels(withLabels(s, labels));
            });
        }
    }

    private static ObjectMeta meta(Map<String, String> labels) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(NAME);
        meta.setNamespace(NAMESPACE);
        meta.setLabels(new LinkedHashMap<>(labels));
        return meta;
    }

    private static boolean hasLabels(HasMetadata object, Map<String, String> labels) {
        Map<String, String> current = object.getMetadata().getLabels();
        return current != null && current.entrySet().containsAll(labels.entrySet());
    }

    private static Map<String, String> withLabels(HasMetadata object, Map<String, String> labels) {
        Map<String, String> merged = new LinkedHashMap<>(object.getMetadata().getLabels() == null ? Map.of()
                : object.getMetadata().getLabels());
        merged.putAll(labels);
        return merged;
    }

    private static <T extends HasMetadata> T find(ResourceStore<T> store) {
        try {
            return store.get(NAMESPACE, NAME);
        } catch (StatusException e) {
            if (e.code() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static <T extends HasMetadata> void create(ResourceStore<T> store, T object) {
        try {
            store.create(NAMESPACE, object, Managers.KUBE_APISERVER);
        } catch (StatusException e) {
            if (e.code() != 409) {
                throw e;
            }
        }
    }

    private static <T extends HasMetadata> void update(ResourceStore<T> store, String version,
            java.util.function.Consumer<T> change) {
        store.update(NAMESPACE, NAME, null, object -> {
            object.getMetadata().setResourceVersion(version);
            change.accept(object);
            return object;
        }, Managers.KUBE_APISERVER);
    }
}

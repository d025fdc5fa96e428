package io.kubeling.resources.services;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.springframework.stereotype.Component;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.kubeling.config.ServiceNetworkProperties;
import io.kubeling.registry.Errors;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteHook;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.storage.KeyValueStore;

/**
 * Cluster IPs and node ports as kube's service storage allocates them (pkg/registry/core/service/storage,
 * alloc.go): after validation, before the service is written; released when the write fails, when the
 * service is deleted, and when an update drops them (only once that update is stored).
 */
@Component
public class ServiceAllocator implements WriteHook<Service> {

    static final String IPS_KEY = "/registry/ranges/serviceips";
    static final String PORTS_KEY = "/registry/ranges/servicenodeports";

    private final ServiceCidr cidr;
    private final NodePortRange portRange;
    private final PersistedRange ips;
    private final PersistedRange ports;

    ServiceAllocator(KeyValueStore kv, ServiceNetworkProperties properties) {
        this.cidr = ServiceCidr.parse(properties.serviceCidr());
        this.portRange = NodePortRange.parse(properties.nodePortRange());
        this.ips = new PersistedRange(kv, IPS_KEY, cidr.text(), cidr.size(), cidr.staticBand());
        this.ports = new PersistedRange(kv, PORTS_KEY, portRange.text(), portRange.size(), portRange.staticBand());
    }

    @Override
    public Class<Service> type() {
        return Service.class;
    }

    /** The first address of the range, which the {@code kubernetes} service holds. */
    public String firstAddress() {
        return cidr.addressAt(0);
    }

    /** The tenth address of the range, which kubeadm gives the {@code kube-dns} service and tells kubelets of. */
    public String dnsAddress() {
        return cidr.addressAt(9);
    }

    @Override
    public Pending beforeCreate(Service service, boolean dryRun) {
        Operation op = new Operation(service.getMetadata().getName(), dryRun);
        try {
            ServiceSpec spec = service.getSpec();
            checkFamilies(op, spec);
            if (ServiceTypes.needsClusterIP(spec) && !ServiceTypes.isHeadless(spec)) {
                allocateClusterIP(op, spec);
            }
            if (ServiceTypes.needsNodePort(spec)) {
                allocateNodePorts(op, spec, Set.of());
            }
            if (ServiceTypes.needsHealthCheck(spec)) {
                allocateHealthCheck(op, spec);
            }
        } catch (RuntimeException e) {
            op.revert();
            throw e;
        }
        return op;
    }

    @Override
    public Pending beforeUpdate(Service service, Service old, boolean dryRun) {
        Operation op = new Operation(service.getMetadata().getName(), dryRun);
        try {
            ServiceSpec spec = service.getSpec();
            ServiceSpec oldSpec = old.getSpec();
            boolean hadIP = ServiceTypes.needsClusterIP(oldSpec) && !ServiceTypes.isHeadless(oldSpec);
            if (!ServiceTypes.needsClusterIP(oldSpec) && ServiceTypes.needsClusterIP(spec)) {
                checkFamilies(op, spec);
                if (!ServiceTypes.isHeadless(spec)) {
                    allocateClusterIP(op, spec);
                }
            } else if (hadIP && !ServiceTypes.needsClusterIP(spec)) {
                for (String ip : ZeroValues.of(oldSpec.getClusterIPs())) {
                    int offset = cidr.offsetOf(ip);
                    if (offset >= 0) {
                        op.releaseIPs.add(offset);
                    }
                }
            }
            Set<Integer> oldPorts = nodePorts(oldSpec);
            Set<Integer> kept = new HashSet<>();
            if (ServiceTypes.needsNodePort(spec)) {
                allocateNodePorts(op, spec, oldPorts);
                kept.addAll(nodePorts(spec));
            }
            updateHealthCheck(op, spec, oldSpec, kept);
            for (int port : oldPorts) {
                if (!kept.contains(port)) {
                    op.releasePorts.add(port);
                }
            }
            if (ServiceTypes.needsHealthCheck(oldSpec) && !kept.contains(ZeroValues.number(oldSpec.getHealthCheckNodePort()))) {
                op.releasePorts.add(ZeroValues.number(oldSpec.getHealthCheckNodePort()));
            }
        } catch (RuntimeException e) {
            op.revert();
            throw e;
        }
        return op;
    }

    @Override
    public void afterDelete(Service service) {
        ServiceSpec spec = service.getSpec();
        if (spec == null) {
            return;
        }
        for (String ip : ZeroValues.of(spec.getClusterIPs())) {
            int offset = cidr.offsetOf(ip);
            if (offset >= 0) {
                ips.release(offset);
            }
        }
        Set<Integer> held = nodePorts(spec);
        if (ZeroValues.number(spec.getHealthCheckNodePort()) != 0) {
            held.add(spec.getHealthCheckNodePort());
        }
        for (int port : held) {
            if (portRange.contains(port)) {
                ports.release(port - portRange.base());
            }
        }
    }

    /** Makes the stored ranges hold exactly what these services use, as kube's repair controllers do. */
    void repair(List<Service> services) {
        Set<Integer> ipOffsets = new HashSet<>();
        Set<Integer> portOffsets = new HashSet<>();
        for (Service service : services) {
            ServiceSpec spec = service.getSpec();
            if (spec == null) {
                continue;
            }
            for (String ip : ZeroValues.of(spec.getClusterIPs())) {
                int offset = cidr.offsetOf(ip);
                if (offset >= 0) {
                    ipOffsets.add(offset);
                }
            }
            Set<Integer> held = nodePorts(spec);
            if (ZeroValues.number(spec.getHealthCheckNodePort()) != 0) {
                held.add(spec.getHealthCheckNodePort());
            }
            for (int port : held) {
                if (portRange.contains(port)) {
                    portOffsets.add(port - portRange.base());
                }
            }
        }
        ips.reset(ipOffsets);
        ports.reset(portOffsets);
    }

    /** Kube's initIPFamilyFields checks: only IPv4 is configured here. */
    private void checkFamilies(Operation op, ServiceSpec spec) {
        if (ServiceTypes.NONE.equals(spec.getClusterIP()) && ZeroValues.of(spec.getSelector()).isEmpty()) {
            return;
        }
        List<FieldError> errors = new ArrayList<>();
        List<String> clusterIPs = ZeroValues.of(spec.getClusterIPs());
        for (int i = 0; i < clusterIPs.size(); i++) {
            String family = IpAddresses.family(clusterIPs.get(i));
            if (family == null) {
                break;
            }
            if (!IpAddresses.IPV4.equals(family)) {
                errors.add(FieldError.invalid("spec.clusterIPs[" + i + "]", GoValue.strings(clusterIPs),
                        family + " is not configured on this cluster"));
            }
        }
        if (errors.isEmpty()) {
            if (IPFamilyDefaults.REQUIRE_DUAL_STACK.equals(spec.getIpFamilyPolicy())) {
                errors.add(FieldError.invalid("spec.ipFamilyPolicy", spec.getIpFamilyPolicy(),
                        "this cluster is not configured for dual-stack services"));
            }
            List<String> families = ZeroValues.of(spec.getIpFamilies());
            for (int i = 0; i < families.size(); i++) {
                if (!IpAddresses.IPV4.equals(families.get(i))) {
                    errors.add(FieldError.invalid("spec.ipFamilies[" + i + "]", families.get(i),
                            "not configured on this cluster"));
                }
            }
            // A dual-stack preference on a single-stack cluster settles for the one family there is.
            if (errors.isEmpty() && families.size() > 1) {
                spec.setIpFamilies(new ArrayList<>(families.subList(0, 1)));
            }
        }
        if (!errors.isEmpty()) {
            throw op.invalid(errors);
        }
    }

    private void allocateClusterIP(Operation op, ServiceSpec spec) {
        String requested = ZeroValues.text(spec.getClusterIP());
        String ip;
        if (requested.isEmpty()) {
            int offset;
            if (op.dryRun) {
                offset = ips.peekFree();
            } else {
                OptionalInt next = ips.allocateNext();
                offset = next.orElse(-1);
                if (offset >= 0) {
                    op.allocatedIPs.add(offset);
                }
            }
            if (offset < 0) {
                throw Errors.internal("failed to allocate a serviceIP: range is full");
            }
            ip = cidr.addressAt(offset);
        } else {
            int offset = cidr.offsetOf(requested);
            List<String> shown = ZeroValues.of(spec.getClusterIPs()).isEmpty() ? List.of(requested) : spec.getClusterIPs();
            if (offset < 0) {
                throw op.invalid(List.of(FieldError.invalid("spec.clusterIPs", GoValue.strings(shown),
                        "failed to allocate IP " + requested + ": provided IP is not in the valid range. "
                                + "The range of valid IPs is " + cidr.text())));
            }
            boolean free = op.dryRun ? !ips.isTaken(offset) : ips.allocate(offset);
            if (!free) {
                throw op.invalid(List.of(FieldError.invalid("spec.clusterIPs", GoValue.strings(shown),
                        "failed to allocate IP " + requested + ": provided IP is already allocated")));
            }
            if (!op.dryRun) {
                op.allocatedIPs.add(offset);
            }
            ip = requested;
        }
        spec.setClusterIP(ip);
        spec.setClusterIPs(new ArrayList<>(List.of(ip)));
    }

    /**
     * Kube's initNodePorts and updateNodePorts: a requested port is taken unless the old service held it;
     * ports of one service port number share a node port; an absent one is allocated when the type needs it.
     */
    private void allocateNodePorts(Operation op, ServiceSpec spec, Set<Integer> held) {
        boolean allocateMissing = !ServiceTypes.is(spec, ServiceTypes.LOAD_BALANCER)
                || !Boolean.FALSE.equals(spec.getAllocateLoadBalancerNodePorts());
        List<ServicePort> list = ZeroValues.of(spec.getPorts());
        Map<Integer, Integer> byServicePort = new HashMap<>();
        Set<Integer> takenHere = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            ServicePort port = list.get(i);
            int requested = ZeroValues.number(port.getNodePort());
            if (requested == 0 && !allocateMissing) {
                continue;
            }
            int servicePort = ZeroValues.number(port.getPort());
            if (requested == 0) {
                Integer shared = byServicePort.get(servicePort);
                if (shared == null) {
                    int found = requestedLater(list, i, servicePort);
                    shared = found != 0 ? take(op, i, found, held, takenHere) : takeNext(op);
                    byServicePort.put(servicePort, shared);
                }
                port.setNodePort(shared);
            } else {
                take(op, i, requested, held, takenHere);
                byServicePort.putIfAbsent(servicePort, requested);
            }
        }
    }

    /** A node port the client asked for on a later entry with the same service port number, or 0. */
    private static int requestedLater(List<ServicePort> list, int from, int servicePort) {
        for (int j = from + 1; j < list.size(); j++) {
            ServicePort other = list.get(j);
            if (ZeroValues.number(other.getPort()) == servicePort && ZeroValues.number(other.getNodePort()) != 0) {
                return other.getNodePort();
            }
        }
        return 0;
    }

    private int take(Operation op, int index, int port, Set<Integer> held, Set<Integer> takenHere) {
        if (held.contains(port) || takenHere.contains(port)) {
            return port;
        }
        String field = "spec.ports[" + index + "].nodePort";
        if (!portRange.contains(port)) {
            throw op.invalid(List.of(FieldError.invalid(field, port,
                    "provided port is not in the valid range. The range of valid ports is " + portRange.text())));
        }
        int offset = port - portRange.base();
        boolean free = op.dryRun ? !ports.isTaken(offset) : ports.allocate(offset);
        if (!free) {
            throw op.invalid(List.of(FieldError.invalid(field, port, "provided port is already allocated")));
        }
        takenHere.add(port);
        if (!op.dryRun) {
            op.allocatedPorts.add(offset);
        }
        return port;
    }

    private int takeNext(Operation op) {
        int offset;
        if (op.dryRun) {
            offset = ports.peekFree();
        } else {
            offset = ports.allocateNext().orElse(-1);
            if (offset >= 0) {
                op.allocatedPorts.add(offset);
            }
        }
        if (offset < 0) {
            throw Errors.internal("failed to allocate a nodePort: range is full");
        }
        return portRange.base() + offset;
    }

    private void allocateHealthCheck(Operation op, ServiceSpec spec) {
        int requested = ZeroValues.number(spec.getHealthCheckNodePort());
        if (requested == 0) {
            int port;
            try {
                port = takeNext(op);
            } catch (StatusException e) {
                throw Errors.internal("failed to allocate a HealthCheck NodePort 0: range is full");
            }
            spec.setHealthCheckNodePort(port);
            return;
        }
        int offset = requested - portRange.base();
        String why = !portRange.contains(requested)
                ? "provided port is not in the valid range. The range of valid ports is " + portRange.text()
                : (op.dryRun ? ports.isTaken(offset) : !ports.allocate(offset)) ? "provided port is already allocated"
                : null;
        if (why != null) {
            throw Errors.internal("failed to allocate requested HealthCheck NodePort " + requested + ": " + why);
        }
        if (!op.dryRun) {
            op.allocatedPorts.add(offset);
        }
    }

    private void updateHealthCheck(Operation op, ServiceSpec spec, ServiceSpec oldSpec, Set<Integer> kept) {
        boolean needed = ServiceTypes.needsHealthCheck(oldSpec);
        boolean needs = ServiceTypes.needsHealthCheck(spec);
        if (!needs) {
            return;
        }
        int oldPort = ZeroValues.number(oldSpec.getHealthCheckNodePort());
        int port = ZeroValues.number(spec.getHealthCheckNodePort());
        if (needed && port == oldPort && oldPort != 0) {
            kept.add(oldPort);
            return;
        }
        allocateHealthCheck(op, spec);
        kept.add(spec.getHealthCheckNodePort());
    }

    private static Set<Integer> nodePorts(ServiceSpec spec) {
        Set<Integer> ports = new HashSet<>();
        for (ServicePort port : ZeroValues.of(spec.getPorts())) {
            if (ZeroValues.number(port.getNodePort()) != 0) {
                ports.add(port.getNodePort());
            }
        }
        return ports;
    }

    /** What one write allocated (released again on revert) and what it frees (released on commit). */
    private final class Operation implements Pending {

        final String name;
        final boolean dryRun;
        final List<Integer> allocatedIPs = new ArrayList<>();
        final List<Integer> allocatedPorts = new ArrayList<>();
        final List<Integer> releaseIPs = new ArrayList<>();
        final List<Integer> releasePorts = new ArrayList<>();

        Operation(String name, boolean dryRun) {
            this.name = name;
            this.dryRun = dryRun;
        }

        StatusException invalid(List<FieldError> errors) {
            return Errors.invalid("Service", "Service", "", name, errors);
        }

        @Override
        public void commit() {
            if (dryRun) {
                return;
            }
            releaseIPs.forEach(ips::release);
            for (int port : releasePorts) {
                if (portRange.contains(port)) {
                    ports.release(port - portRange.base());
                }
            }
        }

        @Override
        public void revert() {
            allocatedIPs.forEach(ips::release);
            allocatedPorts.forEach(ports::release);
            allocatedIPs.clear();
            allocatedPorts.clear();
        }
    }
}

package io.kubeling.resources.services;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;

/**
 * Kube's patchAllocatedValues: an update that leaves out a cluster IP or node port the server allocated keeps
 * the allocated one, so that re-applying the YAML a service was created from succeeds.
 */
final class AllocatedValues {

    private AllocatedValues() {
    }

    static void keepFromOld(ServiceSpec spec, ServiceSpec old) {
        if (ServiceTypes.needsClusterIP(old) && ServiceTypes.needsClusterIP(spec)) {
            if (ZeroValues.text(spec.getClusterIP()).isEmpty() && old.getClusterIP() != null) {
                spec.setClusterIP(old.getClusterIP());
            }
            if (ZeroValues.of(spec.getClusterIPs()).isEmpty() && !ZeroValues.of(old.getClusterIPs()).isEmpty()) {
                spec.setClusterIPs(new ArrayList<>(old.getClusterIPs()));
            }
        }
        if (ServiceTypes.needsNodePort(old) && ServiceTypes.needsNodePort(spec)) {
            keepNodePorts(spec, old);
        }
        if (ServiceTypes.needsHealthCheck(old) && ServiceTypes.needsHealthCheck(spec)
                && ZeroValues.number(spec.getHealthCheckNodePort()) == 0) {
            spec.setHealthCheckNodePort(old.getHealthCheckNodePort());
        }
    }

    private static void keepNodePorts(ServiceSpec spec, ServiceSpec old) {
        // Node ports the new spec already uses may not be handed to another of its ports.
        Set<Integer> used = nodePorts(old);
        used.retainAll(nodePorts(spec));
        // Ports are matched by name: the client may have changed anything else about them.
        Map<String, Integer> byName = new HashMap<>();
        for (ServicePort port : ZeroValues.of(old.getPorts())) {
            byName.put(ZeroValues.text(port.getName()), ZeroValues.number(port.getNodePort()));
        }
        for (ServicePort port : ZeroValues.of(spec.getPorts())) {
            if (ZeroValues.number(port.getNodePort()) != 0) {
                continue;
            }
            int oldValue = byName.getOrDefault(ZeroValues.text(port.getName()), 0);
            if (oldValue != 0 && !used.contains(oldValue)) {
                port.setNodePort(oldValue);
            }
        }
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
}

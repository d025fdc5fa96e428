package io.kubeling.resources.services;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceStatus;

/**
 * Kube's dropTypeDependentFields: when an update changes spec.type, fields the old type needed and the server
 * filled in are wiped, but only those the client left as they were (a changed one is for validation to judge).
 */
final class TypeDependentFields {

    private TypeDependentFields() {
    }

    static void drop(Service service, Service old) {
        ServiceSpec spec = service.getSpec();
        ServiceSpec oldSpec = old.getSpec();
        if (ServiceTypes.needsClusterIP(oldSpec) && !ServiceTypes.needsClusterIP(spec)) {
            if (ClusterIPs.same(oldSpec, spec)) {
                spec.setClusterIP(null);
                spec.setClusterIPs(null);
            }
            if (Objects.equals(ZeroValues.of(oldSpec.getIpFamilies()), ZeroValues.of(spec.getIpFamilies()))) {
                spec.setIpFamilies(null);
            }
            if (Objects.equals(oldSpec.getIpFamilyPolicy(), spec.getIpFamilyPolicy())) {
                spec.setIpFamilyPolicy(null);
            }
        }
        if (ServiceTypes.needsNodePort(oldSpec) && !ServiceTypes.needsNodePort(spec)
                && nodePorts(oldSpec).containsAll(nodePorts(spec))) {
            for (ServicePort port : ZeroValues.of(spec.getPorts())) {
                port.setNodePort(null);
            }
        }
        if (ServiceTypes.needsHealthCheck(oldSpec) && !ServiceTypes.needsHealthCheck(spec)
                && ZeroValues.number(oldSpec.getHealthCheckNodePort()) == ZeroValues.number(spec.getHealthCheckNodePort())) {
            spec.setHealthCheckNodePort(null);
        }
        boolean leavingLoadBalancer = ServiceTypes.is(oldSpec, ServiceTypes.LOAD_BALANCER)
                && !ServiceTypes.is(spec, ServiceTypes.LOAD_BALANCER);
        if (leavingLoadBalancer && spec.getAllocateLoadBalancerNodePorts() != null
                && spec.getAllocateLoadBalancerNodePorts().equals(oldSpec.getAllocateLoadBalancerNodePorts())) {
            spec.setAllocateLoadBalancerNodePorts(null);
        }
        if (leavingLoadBalancer && Objects.equals(oldSpec.getLoadBalancerClass(), spec.getLoadBalancerClass())) {
            spec.setLoadBalancerClass(null);
        }
        if (ServiceTypes.externallyAccessible(oldSpec) && !ServiceTypes.externallyAccessible(spec)
                && ZeroValues.text(oldSpec.getExternalTrafficPolicy()).equals(ZeroValues.text(spec.getExternalTrafficPolicy()))) {
            spec.setExternalTrafficPolicy(null);
        }
        // Deprovisioning a load balancer is asynchronous, but clients need not see that.
        if (!ServiceTypes.is(spec, ServiceTypes.LOAD_BALANCER)) {
            if (service.getStatus() == null) {
                service.setStatus(new ServiceStatus());
            }
            service.getStatus().setLoadBalancer(new LoadBalancerStatus());
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

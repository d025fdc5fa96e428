package io.kubeling.resources.services;

import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;

/** Kube's v1 defaulting of a Service (SetDefaults_Service), which it applies to every decoded request body. */
final class ServiceDefaults {

    static final String AFFINITY_NONE = "None";
    static final String AFFINITY_CLIENT_IP = "ClientIP";
    static final int DEFAULT_AFFINITY_SECONDS = 10800;
    static final String PROTOCOL_TCP = "TCP";
    static final String IP_MODE_VIP = "VIP";

    private ServiceDefaults() {
    }

    static void apply(Service service) {
        ServiceSpec spec = service.getSpec();
        sessionAffinity(spec);
        if (isEmpty(spec.getType())) {
            spec.setType(ServiceTypes.CLUSTER_IP);
        }
        for (ServicePort port : ZeroValues.of(spec.getPorts())) {
            if (isEmpty(port.getProtocol())) {
                port.setProtocol(PROTOCOL_TCP);
            }
            if (isUnsetTargetPort(port.getTargetPort())) {
                port.setTargetPort(new IntOrString(ZeroValues.number(port.getPort())));
            }
        }
        if (ServiceTypes.externallyAccessible(spec) && isEmpty(spec.getExternalTrafficPolicy())) {
            spec.setExternalTrafficPolicy(ServiceTypes.POLICY_CLUSTER);
        }
        if (spec.getInternalTrafficPolicy() == null && (ServiceTypes.is(spec, ServiceTypes.NODE_PORT)
                || ServiceTypes.is(spec, ServiceTypes.LOAD_BALANCER) || ServiceTypes.is(spec, ServiceTypes.CLUSTER_IP))) {
            spec.setInternalTrafficPolicy(ServiceTypes.POLICY_CLUSTER);
        }
        if (ServiceTypes.is(spec, ServiceTypes.LOAD_BALANCER) && spec.getAllocateLoadBalancerNodePorts() == null) {
            spec.setAllocateLoadBalancerNodePorts(true);
        }
        ingressIPModes(service);
    }

    /** A load balancer ingress with an IP and no ipMode gets VIP (LoadBalancerIPMode is on by default). */
    static void ingressIPModes(Service service) {
        if (service.getSpec() == null || !ServiceTypes.is(service.getSpec(), ServiceTypes.LOAD_BALANCER)
                || service.getStatus() == null || service.getStatus().getLoadBalancer() == null) {
            return;
        }
        for (LoadBalancerIngress ingress : ZeroValues.of(service.getStatus().getLoadBalancer().getIngress())) {
            if (!isEmpty(ingress.getIp()) && ingress.getIpMode() == null) {
                ingress.setIpMode(IP_MODE_VIP);
            }
        }
    }

    private static void sessionAffinity(ServiceSpec spec) {
        if (isEmpty(spec.getSessionAffinity())) {
            spec.setSessionAffinity(AFFINITY_NONE);
        }
        if (AFFINITY_NONE.equals(spec.getSessionAffinity())) {
            spec.setSessionAffinityConfig(null);
        }
        if (AFFINITY_CLIENT_IP.equals(spec.getSessionAffinity())) {
            SessionAffinityConfig config = spec.getSessionAffinityConfig();
            if (config == null || config.getClientIP() == null || config.getClientIP().getTimeoutSeconds() == null) {
                spec.setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(DEFAULT_AFFINITY_SECONDS)));
            }
        }
    }

    /** Kube defaults a targetPort that is the int 0 or the empty string, which is also what absent decodes to. */
    private static boolean isUnsetTargetPort(IntOrString targetPort) {
        if (targetPort == null || targetPort.getValue() == null) {
            return true;
        }
        Integer number = targetPort.getIntVal();
        String name = targetPort.getStrVal();
        return (number != null && number == 0) || (name != null && name.isEmpty());
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}

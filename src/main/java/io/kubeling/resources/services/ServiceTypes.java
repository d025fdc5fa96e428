package io.kubeling.resources.services;

import java.util.List;

import io.fabric8.kubernetes.api.model.ServiceSpec;

/** The service types and the questions kube asks of a spec's type before defaulting, allocating or validating. */
final class ServiceTypes {

    static final String CLUSTER_IP = "ClusterIP";
    static final String NODE_PORT = "NodePort";
    static final String LOAD_BALANCER = "LoadBalancer";
    static final String EXTERNAL_NAME = "ExternalName";
    static final String NONE = "None";
    static final String POLICY_CLUSTER = "Cluster";
    static final String POLICY_LOCAL = "Local";

    private ServiceTypes() {
    }

    static boolean is(ServiceSpec spec, String type) {
        return type.equals(spec.getType());
    }

    static boolean needsClusterIP(ServiceSpec spec) {
        return !is(spec, EXTERNAL_NAME);
    }

    static boolean needsNodePort(ServiceSpec spec) {
        return is(spec, NODE_PORT) || is(spec, LOAD_BALANCER);
    }

    /** Kube's NeedsHealthCheck: a LoadBalancer that keeps traffic on the node gets a health check node port. */
    static boolean needsHealthCheck(ServiceSpec spec) {
        return is(spec, LOAD_BALANCER) && POLICY_LOCAL.equals(spec.getExternalTrafficPolicy());
    }

    static boolean externallyAccessible(ServiceSpec spec) {
        return is(spec, LOAD_BALANCER) || is(spec, NODE_PORT)
                || (is(spec, CLUSTER_IP) && !ZeroValues.of(spec.getExternalIPs()).isEmpty());
    }

    /** Headless as kube decides it, on clusterIPs (which the strategy keeps in step with clusterIP). */
    static boolean isHeadless(ServiceSpec spec) {
        List<String> clusterIPs = ZeroValues.of(spec.getClusterIPs());
        return clusterIPs.size() == 1 && NONE.equals(clusterIPs.get(0));
    }
}

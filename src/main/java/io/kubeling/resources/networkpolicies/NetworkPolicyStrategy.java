package io.kubeling.resources.networkpolicies;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

/** kube's network policy strategy: v1 defaults (policy types, TCP ports) and ValidateNetworkPolicy. */
class NetworkPolicyStrategy implements Strategy<NetworkPolicy> {

    /** SetDefaults_NetworkPolicy and SetDefaults_NetworkPolicyPort. */
    @Override
    public void applyDefaults(NetworkPolicy policy) {
        if (policy.getSpec() == null) {
            policy.setSpec(new NetworkPolicySpec());
        }
        NetworkPolicySpec spec = policy.getSpec();
        if (spec.getPodSelector() == null) {
            spec.setPodSelector(new LabelSelector());
        }
        if (spec.getPolicyTypes() == null || spec.getPolicyTypes().isEmpty()) {
            List<String> types = new ArrayList<>(List.of("Ingress"));
            if (spec.getEgress() != null && !spec.getEgress().isEmpty()) {
                types.add("Egress");
            }
            spec.setPolicyTypes(types);
        }
        for (NetworkPolicyIngressRule rule : nullToEmpty(spec.getIngress())) {
            defaultPorts(rule.getPorts());
        }
        for (NetworkPolicyEgressRule rule : nullToEmpty(spec.getEgress())) {
            defaultPorts(rule.getPorts());
        }
    }

    @Override
    public boolean tracksGeneration() {
        return true;
    }

    @Override
    public boolean specChanged(NetworkPolicy policy, NetworkPolicy old) {
        return !java.util.Objects.equals(policy.getSpec(), old.getSpec());
    }

    private static void defaultPorts(List<NetworkPolicyPort> ports) {
        for (NetworkPolicyPort port : nullToEmpty(ports)) {
            if (port.getProtocol() == null) {
                port.setProtocol("TCP");
            }
        }
    }

    @Override
    public List<FieldError> validate(NetworkPolicy policy) {
        return NetworkPolicyValidation.validate(policy.getSpec(), List.of());
    }

    @Override
    public List<FieldError> validateUpdate(NetworkPolicy policy, NetworkPolicy old) {
        return NetworkPolicyValidation.validate(policy.getSpec(), NetworkPolicyValidation.cidrs(old.getSpec()));
    }

    static <E> List<E> nullToEmpty(List<E> list) {
        return list == null ? List.of() : list;
    }
}

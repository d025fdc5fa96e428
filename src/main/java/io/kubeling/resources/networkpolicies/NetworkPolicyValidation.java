package io.kubeling.resources.networkpolicies;

import static io.kubeling.resources.networkpolicies.NetworkPolicyStrategy.nullToEmpty;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.kubeling.registry.validation.FieldError;
import io.kubeling.resources.common.LabelSelectors;
import io.kubeling.resources.common.NetworkSyntax;

/** kube's ValidateNetworkPolicySpec: selectors, ports, peers, ipBlocks and policy types, with kube's messages. */
final class NetworkPolicyValidation {

    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
    private static final List<String> POLICY_TYPES = List.of("Ingress", "Egress");

    private NetworkPolicyValidation() {
    }

    /** {@code existing}: the CIDRs the stored policy already holds, which an update may keep even if invalid. */
    static List<FieldError> validate(NetworkPolicySpec spec, List<String> existing) {
        List<FieldError> errs = new ArrayList<>(LabelSelectors.validate(spec.getPodSelector(), "spec.podSelector"));
        List<NetworkPolicyIngressRule> ingress = nullToEmpty(spec.getIngress());
        for (int i = 0; i < ingress.size(); i++) {
            String path = "spec.ingress[" + i + "]";
            ports(errs, ingress.get(i).getPorts(), path);
            peers(errs, ingress.get(i).getFrom(), path + ".from", existing);
        }
        List<NetworkPolicyEgressRule> egress = nullToEmpty(spec.getEgress());
        for (int i = 0; i < egress.size(); i++) {
            String path = "spec.egress[" + i + "]";
            ports(errs, egress.get(i).getPorts(), path);
            peers(errs, egress.get(i).getTo(), path + ".to", existing);
        }
        List<String> types = nullToEmpty(spec.getPolicyTypes());
        if (types.size() > POLICY_TYPES.size()) {
            errs.add(FieldError.invalid("spec.policyTypes", types, "may not specify more than two policyTypes"));
            return errs;
        }
        for (int i = 0; i < types.size(); i++) {
            if (!POLICY_TYPES.contains(types.get(i))) {
                errs.add(FieldError.notSupported("spec.policyTypes[" + i + "]", types.get(i), POLICY_TYPES));
            }
        }
        return errs;
    }

    private static void ports(List<FieldError> errs, List<NetworkPolicyPort> ports, String rulePath) {
        List<NetworkPolicyPort> list = nullToEmpty(ports);
        for (int i = 0; i < list.size(); i++) {
            port(errs, list.get(i), rulePath + ".ports[" + i + "]");
        }
    }

    private static void port(List<FieldError> errs, NetworkPolicyPort port, String path) {
        if (port.getProtocol() != null && !PROTOCOLS.contains(port.getProtocol())) {
            errs.add(FieldError.notSupported(path + ".protocol", port.getProtocol(), PROTOCOLS));
        }
        IntOrString value = port.getPort();
        Integer endPort = port.getEndPort();
        if (value == null) {
            if (endPort != null) {
                errs.add(FieldError.invalid(path + ".endPort", endPort, "may not be specified when `port` is not specified"));
            }
            return;
        }
        if (value.getIntVal() != null) {
            int number = value.getIntVal();
            NetworkSyntax.portNumber(number).forEach(m -> errs.add(FieldError.invalid(path + ".port", number, m)));
            if (endPort != null) {
                if (endPort < number) {
                    errs.add(FieldError.invalid(path + ".endPort", endPort, "must be greater than or equal to `port`"));
                }
                NetworkSyntax.portNumber(endPort).forEach(m -> errs.add(FieldError.invalid(path + ".endPort", endPort, m)));
            }
        } else {
            if (endPort != null) {
                errs.add(FieldError.invalid(path + ".endPort", endPort, "may not be specified when `port` is non-numeric"));
            }
            String name = value.getStrVal() == null ? "" : value.getStrVal();
            NetworkSyntax.portName(name).forEach(m -> errs.add(FieldError.invalid(path + ".port", name, m)));
        }
    }

    private static void peers(List<FieldError> errs, List<NetworkPolicyPeer> peers, String path, List<String> existing) {
        List<NetworkPolicyPeer> list = nullToEmpty(peers);
        for (int i = 0; i < list.size(); i++) {
            peer(errs, list.get(i), path + "[" + i + "]", existing);
        }
    }

    private static void peer(List<FieldError> errs, NetworkPolicyPeer peer, String path, List<String> existing) {
        int count = 0;
        if (peer.getPodSelector() != null) {
            count++;
            errs.addAll(LabelSelectors.validate(peer.getPodSelector(), path + ".podSelector"));
        }
        if (peer.getNamespaceSelector() != null) {
            count++;
            errs.addAll(LabelSelectors.validate(peer.getNamespaceSelector(), path + ".namespaceSelector"));
        }
        if (peer.getIpBlock() != null) {
            count++;
            ipBlock(errs, peer.getIpBlock(), path + ".ipBlock", existing);
        }
        if (count == 0) {
            errs.add(FieldError.required(path, "must specify a peer"));
        } else if (count > 1 && peer.getIpBlock() != null) {
            errs.add(FieldError.forbidden(path, "may not specify both ipBlock and another peer"));
        }
    }

    private static void ipBlock(List<FieldError> errs, IPBlock block, String path, List<String> existing) {
        String cidrText = block.getCidr() == null ? "" : block.getCidr();
        if (cidrText.isEmpty()) {
            errs.add(FieldError.required(path + ".cidr", ""));
            return;
        }
        NetworkSyntax.Cidr cidr = NetworkSyntax.cidr(cidrText);
        if (cidr == null) {
            if (!existing.contains(cidrText)) {
                errs.add(FieldError.invalid(path + ".cidr", cidrText, NetworkSyntax.INVALID_CIDR));
            }
            return;
        }
        List<String> except = nullToEmpty(block.getExcept());
        for (int i = 0; i < except.size(); i++) {
            String exceptPath = path + ".except[" + i + "]";
            String text = except.get(i) == null ? "" : except.get(i);
            NetworkSyntax.Cidr excepted = NetworkSyntax.cidr(text);
            if (excepted == null) {
                if (!existing.contains(text)) {
                    errs.add(FieldError.invalid(exceptPath, text, NetworkSyntax.INVALID_CIDR));
                }
                continue;
            }
            if (!cidr.strictlyContains(excepted)) {
                errs.add(FieldError.invalid(exceptPath, text, "must be a strict subset of `cidr`"));
            }
        }
    }

    /** Every CIDR in a stored policy's ipBlocks, as ValidateNetworkPolicyUpdate gathers them. */
    static List<String> cidrs(NetworkPolicySpec spec) {
        List<String> found = new ArrayList<>();
        if (spec == null) {
            return found;
        }
        for (NetworkPolicyIngressRule rule : nullToEmpty(spec.getIngress())) {
            blocks(found, rule.getFrom());
        }
        for (NetworkPolicyEgressRule rule : nullToEmpty(spec.getEgress())) {
            blocks(found, rule.getTo());
        }
        return found;
    }

    private static void blocks(List<String> found, List<NetworkPolicyPeer> peers) {
        for (NetworkPolicyPeer peer : nullToEmpty(peers)) {
            if (peer.getIpBlock() != null) {
                found.add(peer.getIpBlock().getCidr());
                found.addAll(nullToEmpty(peer.getIpBlock().getExcept()));
            }
        }
    }
}

package io.kubeling.resources.networkpolicies;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.validation.FieldError;

class NetworkPolicyStrategyTest {

    private final NetworkPolicyStrategy strategy = new NetworkPolicyStrategy();

    @Test
    void policyTypesAndProtocolsAreDefaultedAsV1Does() {
        NetworkPolicy policy = policy("""
                {"metadata":{"name":"db"},"spec":{"podSelector":{"matchLabels":{"app":"db"}},
                 "ingress":[{"ports":[{"port":5432}]}],"egress":[{"to":[{"ipBlock":{"cidr":"10.0.0.0/8",
                 "except":["10.1.0.0/16"]}}]}]}}""");

        strategy.applyDefaults(policy);
        strategy.prepareForCreate(policy);

        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress().get(0).getPorts().get(0).getProtocol()).isEqualTo("TCP");
        assertThat(strategy.validate(policy)).isEmpty();
        assertThat(new NetworkPolicyTable().cells(policy, Instant.EPOCH)).containsExactly("db", "app=db", "<unknown>");
    }

    @Test
    void kubesMessagesForPortsPeersAndBlocks() {
        NetworkPolicy policy = policy("""
                {"metadata":{"name":"bad"},"spec":{"podSelector":{},
                 "ingress":[{"ports":[{"port":80,"endPort":70,"protocol":"ICMP"},{"port":"http","endPort":90},
                                      {"endPort":10}],
                             "from":[{},{"ipBlock":{"cidr":"10.0.0.0/8"},"podSelector":{}}]}],
                 "egress":[{"to":[{"ipBlock":{"cidr":"10.0.0.0/16","except":["10.0.0.0/8","nope"]}},
                                  {"ipBlock":{"cidr":""}}]}],
                 "policyTypes":["Ingress","Sideways"]}}""");

        strategy.applyDefaults(policy);
        strategy.prepareForCreate(policy);

        assertThat(strategy.validate(policy)).extracting(FieldError::toString).containsExactly(
                "spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", \"UDP\", "
                        + "\"SCTP\"",
                "spec.ingress[0].ports[0].endPort: Invalid value: 70: must be greater than or equal to `port`",
                "spec.ingress[0].ports[1].endPort: Invalid value: 90: may not be specified when `port` is non-numeric",
                "spec.ingress[0].ports[2].endPort: Invalid value: 10: may not be specified when `port` is not specified",
                "spec.ingress[0].from[0]: Required value: must specify a peer",
                "spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer",
                "spec.egress[0].to[0].ipBlock.except[0]: Invalid value: \"10.0.0.0/8\": must be a strict subset of "
                        + "`cidr`",
                "spec.egress[0].to[0].ipBlock.except[1]: Invalid value: \"nope\": must be a valid CIDR value, (e.g. "
                        + "10.9.8.0/24 or 2001:db8::/64)",
                "spec.egress[0].to[1].ipBlock.cidr: Required value",
                "spec.policyTypes[1]: Unsupported value: \"Sideways\": supported values: \"Ingress\", \"Egress\"");
    }

    @Test
    void anUpdateMayKeepACidrTheStoredPolicyAlreadyHeld() {
        NetworkPolicy old = policy("""
                {"metadata":{"name":"legacy"},"spec":{"egress":[{"to":[{"ipBlock":{"cidr":"10.0.0.0/33"}}]}]}}""");
        NetworkPolicy updated = policy("""
                {"metadata":{"name":"legacy"},"spec":{"egress":[{"to":[{"ipBlock":{"cidr":"10.0.0.0/33"}}],
                 "ports":[{"port":443}]}]}}""");
        strategy.applyDefaults(updated);
        strategy.prepareForUpdate(updated, old);

        assertThat(strategy.validateUpdate(updated, old)).isEmpty();
        assertThat(strategy.validate(updated)).hasSize(1);
    }

    private static NetworkPolicy policy(String json) {
        return new ObjectCodec().decode(json.getBytes(StandardCharsets.UTF_8), NetworkPolicy.class);
    }
}

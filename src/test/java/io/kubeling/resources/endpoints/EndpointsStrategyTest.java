package io.kubeling.resources.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;

class EndpointsStrategyTest {

    private final EndpointsStrategy strategy = new EndpointsStrategy();

    @Test
    void aPortWithoutProtocolIsTcpOnCreateAndUpdate() {
        Endpoints created = endpoints();
        strategy.applyDefaults(created);
        strategy.prepareForCreate(created);
        assertThat(created.getSubsets().get(0).getPorts().get(0).getProtocol()).isEqualTo("TCP");
        assertThat(strategy.validate(created)).isEmpty();

        Endpoints updated = endpoints();
        updated.getSubsets().get(0).getPorts().get(1).setProtocol("UDP");
        strategy.applyDefaults(updated);
        strategy.prepareForUpdate(updated, created);
        assertThat(updated.getSubsets().get(0).getPorts()).extracting(p -> p.getProtocol()).containsExactly("TCP", "UDP");
    }

    private static Endpoints endpoints() {
        return new EndpointsBuilder().withNewMetadata().withName("web").endMetadata().addNewSubset()
                .addNewAddress().withIp("10.1.2.3").endAddress()
                .addNewPort().withName("http").withPort(80).endPort()
                .addNewPort().withName("dns").withPort(53).endPort()
                .endSubset().build();
    }
}

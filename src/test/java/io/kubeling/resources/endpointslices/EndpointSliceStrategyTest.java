package io.kubeling.resources.endpointslices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;

class EndpointSliceStrategyTest {

    @Test
    void aPortWithoutNameOrProtocolIsNamedEmptyAndTcp() {
        EndpointSlice slice = new EndpointSliceBuilder().withNewMetadata().withName("web").endMetadata()
                .withAddressType("IPv4").addNewEndpoint().withAddresses("10.1.2.3").endEndpoint()
                .addNewPort().withPort(80).endPort().build();
        EndpointSliceStrategy strategy = new EndpointSliceStrategy();

        strategy.applyDefaults(slice);
        strategy.prepareForCreate(slice);

        assertThat(slice.getPorts().get(0).getName()).isEmpty();
        assertThat(slice.getPorts().get(0).getProtocol()).isEqualTo("TCP");
        assertThat(strategy.validate(slice)).isEmpty();
    }
}

package io.kubeling.resources.endpointslices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.resources.common.StandardColumns;

class EndpointSliceTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final EndpointSliceTable table = new EndpointSliceTable();

    @Test
    void columnsAreKubesEndpointSliceColumns() {
        assertThat(table.columns()).extracting(TableColumn::name)
                .containsExactly("Name", "AddressType", "Ports", "Endpoints", "Age");
        assertThat(table.columns()).extracting(TableColumn::priority).containsOnly(0);
        assertThat(table.columns().get(0)).isEqualTo(StandardColumns.NAME);
        assertThat(table.columns().get(4)).isEqualTo(StandardColumns.AGE);
        assertThat(table.columns().get(3).description()).isEqualTo("endpoints is a list of unique endpoints in this "
                + "slice. Each slice may include a maximum of 1000 endpoints.");
    }

    @Test
    void portsAndEveryAddress() {
        EndpointSlice slice = slice()
                .addNewPort().withName("http").withPort(8080).withProtocol("TCP").endPort()
                .addNewEndpoint().withAddresses("10.244.1.7").withNewConditions().withReady(true).endConditions()
                .endEndpoint()
                .addNewEndpoint().withAddresses("10.244.2.9").withNewConditions().withReady(false).endConditions()
                .endEndpoint()
                .build();

        assertThat(table.cells(slice, NOW)).containsExactly("web-abc12", "IPv4", "8080", "10.244.1.7,10.244.2.9", "8h");
    }

    @Test
    void threeShownAndTheRestCounted() {
        EndpointSlice slice = slice()
                .addNewPort().withPort(80).endPort()
                .addNewPort().withName("metrics").endPort()
                .addNewPort().endPort()
                .addNewPort().withPort(9090).endPort()
                .addNewEndpoint().withAddresses("10.0.0.1", "10.0.0.2").endEndpoint()
                .addNewEndpoint().withAddresses("10.0.0.3", "10.0.0.4", "10.0.0.5").endEndpoint()
                .build();

        assertThat(table.cells(slice, NOW).subList(2, 4))
                .containsExactly("80,metrics,* + 1 more...", "10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...");
    }

    @Test
    void nothingIsUnset() {
        assertThat(table.cells(slice().build(), NOW).subList(2, 4)).containsExactly("<unset>", "<unset>");
    }

    private static EndpointSliceBuilder slice() {
        return new EndpointSliceBuilder()
                .withNewMetadata().withName("web-abc12").withCreationTimestamp("2024-05-01T04:00:00Z").endMetadata()
                .withAddressType("IPv4");
    }
}

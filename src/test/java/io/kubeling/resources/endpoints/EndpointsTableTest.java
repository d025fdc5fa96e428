package io.kubeling.resources.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.resources.common.StandardColumns;

class EndpointsTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final EndpointsTable table = new EndpointsTable();

    @Test
    void columnsAreKubesEndpointsColumns() {
        assertThat(table.columns()).extracting(TableColumn::name).containsExactly("Name", "Endpoints", "Age");
        assertThat(table.columns()).extracting(TableColumn::priority).containsOnly(0);
        assertThat(table.columns().get(0)).isEqualTo(StandardColumns.NAME);
        assertThat(table.columns().get(2)).isEqualTo(StandardColumns.AGE);
        assertThat(table.columns().get(1).description())
                .startsWith("The set of all endpoints is the union of all subsets.");
    }

    @Test
    void readyAddressesWithTheirPorts() {
        Endpoints endpoints = endpoints().addNewSubset()
                .addNewAddress().withIp("10.244.1.7").endAddress()
                .addNewAddress().withIp("10.244.2.9").endAddress()
                .addNewNotReadyAddress().withIp("10.244.3.4").endNotReadyAddress()
                .addNewPort().withName("http").withPort(8080).withProtocol("TCP").endPort()
                .endSubset().build();

        assertThat(table.cells(endpoints, NOW)).containsExactly("web", "10.244.1.7:8080,10.244.2.9:8080", "5d");
    }

    @Test
    void threeShownAndTheRestCounted() {
        Endpoints endpoints = endpoints().addNewSubset()
                .addNewAddress().withIp("10.244.1.7").endAddress()
                .addNewAddress().withIp("10.244.2.9").endAddress()
                .addNewPort().withName("http").withPort(80).endPort()
                .addNewPort().withName("https").withPort(443).endPort()
                .addNewPort().withName("metrics").withPort(9090).endPort()
                .endSubset().build();

        assertThat(table.cells(endpoints, NOW).get(1))
                .isEqualTo("10.244.1.7:80,10.244.2.9:80,10.244.1.7:443 + 3 more...");
    }

    @Test
    void headlessSubsetsWithoutPortsAndIPv6() {
        Endpoints endpoints = endpoints()
                .addNewSubset().addNewAddress().withIp("10.244.1.7").endAddress().endSubset()
                .addNewSubset().addNewAddress().withIp("fd00::7").endAddress()
                .addNewPort().withPort(53).withProtocol("UDP").endPort().endSubset()
                .build();

        assertThat(table.cells(endpoints, NOW).get(1)).isEqualTo("10.244.1.7,[fd00::7]:53");
    }

    @Test
    void noSubsetsIsNone() {
        assertThat(table.cells(endpoints().build(), NOW).get(1)).isEqualTo("<none>");
    }

    private static EndpointsBuilder endpoints() {
        return new EndpointsBuilder()
                .withNewMetadata().withName("web").withCreationTimestamp("2024-04-26T12:00:00Z").endMetadata();
    }
}

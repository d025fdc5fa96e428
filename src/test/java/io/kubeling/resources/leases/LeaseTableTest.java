package io.kubeling.resources.leases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.resources.common.StandardColumns;

class LeaseTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final LeaseTable table = new LeaseTable();

    @Test
    void columnsAreKubesLeaseColumns() {
        assertThat(table.columns()).extracting(TableColumn::name).containsExactly("Name", "Holder", "Age");
        assertThat(table.columns()).extracting(TableColumn::priority).containsOnly(0);
        assertThat(table.columns().get(0)).isEqualTo(StandardColumns.NAME);
        assertThat(table.columns().get(2)).isEqualTo(StandardColumns.AGE);
        assertThat(table.columns().get(1).description()).startsWith(
                "holderIdentity contains the identity of the holder of a current lease.");
    }

    @Test
    void holderOrNothing() {
        Lease held = new LeaseBuilder()
                .withNewMetadata().withName("kube-scheduler").withNamespace("kube-system")
                .withCreationTimestamp("2024-04-30T12:00:00Z").endMetadata()
                .withNewSpec().withHolderIdentity("control-plane_5b2f0c1e").withLeaseDurationSeconds(15).endSpec()
                .build();
        Lease free = new LeaseBuilder()
                .withNewMetadata().withName("released").withCreationTimestamp("2024-05-01T11:58:30Z").endMetadata()
                .withNewSpec().endSpec().build();

        assertThat(table.cells(held, NOW)).containsExactly("kube-scheduler", "control-plane_5b2f0c1e", "24h");
        assertThat(table.cells(free, NOW)).containsExactly("released", "", "90s");
    }
}

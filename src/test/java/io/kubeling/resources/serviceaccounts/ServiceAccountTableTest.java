package io.kubeling.resources.serviceaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.resources.common.StandardColumns;

class ServiceAccountTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final ServiceAccountTable table = new ServiceAccountTable();

    @Test
    void columnsAreKubesServiceAccountColumns() {
        assertThat(table.columns()).extracting(TableColumn::name).containsExactly("Name", "Secrets", "Age");
        assertThat(table.columns()).extracting(TableColumn::priority).containsOnly(0);
        assertThat(table.columns().get(0)).isEqualTo(StandardColumns.NAME);
        assertThat(table.columns().get(2)).isEqualTo(StandardColumns.AGE);
        assertThat(table.columns().get(1).description()).contains(
                "The \"kubernetes.io/enforce-mountable-secrets\" annotation is deprecated since v1.32.");
    }

    @Test
    void numberOfSecrets() {
        ServiceAccount withSecrets = new ServiceAccountBuilder()
                .withNewMetadata().withName("builder").withCreationTimestamp("2024-05-01T09:00:00Z").endMetadata()
                .addNewSecret().withName("builder-token").endSecret()
                .addNewSecret().withName("registry-creds").endSecret()
                .build();
        ServiceAccount plain = new ServiceAccountBuilder()
                .withNewMetadata().withName("default").withCreationTimestamp("2024-05-01T11:50:00Z").endMetadata()
                .build();

        assertThat(table.cells(withSecrets, NOW)).containsExactly("builder", 2L, "3h");
        assertThat(table.cells(plain, NOW)).containsExactly("default", 0L, "10m");
    }
}

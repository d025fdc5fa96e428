package io.kubeling.resources.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.resources.common.StandardColumns;

class SecretTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final SecretTable table = new SecretTable();

    @Test
    void columnsAreKubesSecretColumns() {
        assertThat(table.columns()).extracting(TableColumn::name).containsExactly("Name", "Type", "Data", "Age");
        assertThat(table.columns()).extracting(TableColumn::priority).containsOnly(0);
        assertThat(table.columns()).extracting(TableColumn::type).containsOnly("string");
        assertThat(table.columns().get(0)).isEqualTo(StandardColumns.NAME);
        assertThat(table.columns().get(3)).isEqualTo(StandardColumns.AGE);
        assertThat(table.columns().get(1).description()).isEqualTo("Used to facilitate programmatic handling of "
                + "secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types");
    }

    @Test
    void typeAndNumberOfKeys() {
        Secret secret = new SecretBuilder()
                .withNewMetadata().withName("tls-web").withCreationTimestamp("2024-05-01T11:55:00Z").endMetadata()
                .withType("kubernetes.io/tls")
                .withData(Map.of("tls.crt", "Y2VydA==", "tls.key", "a2V5"))
                .build();

        assertThat(table.cells(secret, NOW)).containsExactly("tls-web", "kubernetes.io/tls", 2L, "5m");
    }

    @Test
    void emptySecret() {
        Secret secret = new SecretBuilder()
                .withNewMetadata().withName("empty").withCreationTimestamp("2024-05-01T11:59:01Z").endMetadata()
                .withType("Opaque").build();

        assertThat(table.cells(secret, NOW)).containsExactly("empty", "Opaque", 0L, "59s");
    }
}

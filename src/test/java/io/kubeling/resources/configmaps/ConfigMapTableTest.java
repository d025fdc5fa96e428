package io.kubeling.resources.configmaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.resources.common.StandardColumns;

class ConfigMapTableTest {

    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final ConfigMapTable table = new ConfigMapTable();

    @Test
    void columnsAreKubesConfigMapColumns() {
        assertThat(table.columns()).extracting(TableColumn::name).containsExactly("Name", "Data", "Age");
        assertThat(table.columns()).extracting(TableColumn::priority).containsOnly(0);
        assertThat(table.columns().get(0)).isEqualTo(StandardColumns.NAME);
        assertThat(table.columns().get(2)).isEqualTo(StandardColumns.AGE);
        assertThat(table.columns().get(1).description()).startsWith("Data contains the configuration data.");
    }

    @Test
    void dataAndBinaryDataKeysTogether() {
        ConfigMap configMap = new ConfigMapBuilder()
                .withNewMetadata().withName("app-config").withCreationTimestamp("2024-04-21T12:00:00Z").endMetadata()
                .withData(Map.of("app.properties", "a=1", "log.level", "info"))
                .withBinaryData(Map.of("logo.png", "iVBORw0KGgo="))
                .build();

        assertThat(table.cells(configMap, NOW)).containsExactly("app-config", 3L, "10d");
    }

    @Test
    void emptyConfigMap() {
        ConfigMap configMap = new ConfigMapBuilder()
                .withNewMetadata().withName("kube-root-ca.crt").withCreationTimestamp("2022-05-01T12:00:00Z")
                .endMetadata().build();

        assertThat(table.cells(configMap, NOW)).containsExactly("kube-root-ca.crt", 0L, "2y1d");
    }
}

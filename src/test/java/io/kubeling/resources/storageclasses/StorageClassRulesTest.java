package io.kubeling.resources.storageclasses;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.validation.FieldError;

class StorageClassRulesTest {

    private final StorageClassStrategy strategy = new StorageClassStrategy();

    private static StorageClassBuilder sc() {
        return new StorageClassBuilder().withNewMetadata().withName("standard")
                .withCreationTimestamp("2026-01-01T00:00:00Z").endMetadata().withProvisioner("example.com/hostpath");
    }

    @Test
    void defaultsAreDeleteAndImmediate() {
        StorageClass sc = sc().build();
        strategy.applyDefaults(sc);
        strategy.prepareForCreate(sc);
        assertThat(strategy.validate(sc)).isEmpty();
        assertThat(sc.getReclaimPolicy()).isEqualTo("Delete");
        assertThat(sc.getVolumeBindingMode()).isEqualTo("Immediate");
    }

    @Test
    void validationAndImmutableFieldsAreKubes() {
        StorageClass bad = sc().withProvisioner("").withReclaimPolicy("Recycle").withVolumeBindingMode("Later").build();
        strategy.applyDefaults(bad);
        strategy.prepareForCreate(bad);
        assertThat(strategy.validate(bad)).extracting(FieldError::toString).containsExactly(
                "provisioner: Required value",
                "reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\"",
                "volumeBindingMode: Unsupported value: \"Later\": supported values: \"Immediate\", "
                        + "\"WaitForFirstConsumer\"");
        StorageClass old = sc().build();
        strategy.applyDefaults(old);
        strategy.prepareForCreate(old);
        StorageClass changed = sc().withProvisioner("example.com/other").withParameters(Map.of("a", "b"))
                .withVolumeBindingMode("WaitForFirstConsumer").build();
        strategy.applyDefaults(changed);
        strategy.prepareForUpdate(changed, old);
        assertThat(strategy.validateUpdate(changed, old)).extracting(FieldError::toString).containsExactly(
                "parameters: Forbidden: updates to parameters are forbidden.",
                "provisioner: Forbidden: updates to provisioner are forbidden.",
                "volumeBindingMode: Invalid value: \"WaitForFirstConsumer\": field is immutable");
    }

    @Test
    void theDefaultClassIsMarkedInTheTable() {
        StorageClassTable table = new StorageClassTable();
        assertThat(table.columns()).extracting(TableColumn::name).containsExactly("Name", "Provisioner",
                "ReclaimPolicy", "VolumeBindingMode", "AllowVolumeExpansion", "Age");
        StorageClass sc = sc().editMetadata()
                .withAnnotations(Map.of("storageclass.kubernetes.io/is-default-class", "true")).endMetadata().build();
        assertThat(table.cells(sc, Instant.parse("2026-01-02T00:00:00Z"))).containsExactly("standard (default)",
                "example.com/hostpath", "Delete", "Immediate", false, "24h");
    }
}

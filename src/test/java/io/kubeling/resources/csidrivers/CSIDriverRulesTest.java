package io.kubeling.resources.csidrivers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.CSIDriverBuilder;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.validation.FieldError;

class CSIDriverRulesTest {

    private final CSIDriverStrategy strategy = new CSIDriverStrategy();

    @Test
    void defaultsTableAndImmutableAttachRequired() {
        CSIDriver driver = new CSIDriverBuilder().withNewMetadata().withName("hostpath.csi.k8s.io")
                .withCreationTimestamp("2026-01-01T00:00:00Z").endMetadata().withNewSpec().endSpec().build();
        strategy.applyDefaults(driver);
        strategy.prepareForCreate(driver);
        assertThat(strategy.validate(driver)).isEmpty();
        CSIDriverTable table = new CSIDriverTable();
        assertThat(table.columns()).extracting(TableColumn::name).containsExactly("Name", "AttachRequired",
                "PodInfoOnMount", "StorageCapacity", "TokenRequests", "RequiresRepublish", "Modes", "Age");
        assertThat(table.cells(driver, Instant.parse("2026-01-01T00:00:30Z"))).containsExactly("hostpath.csi.k8s.io",
                true, false, false, "<unset>", false, "Persistent", "30s");

        CSIDriver changed = new CSIDriverBuilder(driver).editSpec().withAttachRequired(false)
                .withVolumeLifecycleModes("Sometimes").endSpec().build();
        assertThat(strategy.validateUpdate(changed, driver)).extracting(FieldError::toString).containsExactly(
                "spec.volumeLifecycleModes: Unsupported value: \"Sometimes\": supported values: \"Ephemeral\", "
                        + "\"Persistent\"",
                "spec.attachRequired: Invalid value: false: field is immutable",
                "spec.volumeLifecycleModes: Invalid value: []storage.VolumeLifecycleMode{\"Sometimes\"}: "
                        + "field is immutable");
    }
}

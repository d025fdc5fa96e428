package io.kubeling.resources.persistentvolumes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeling.registry.TableColumn;
import io.kubeling.registry.validation.FieldError;

class PersistentVolumeRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private final PersistentVolumeStrategy strategy = new PersistentVolumeStrategy(Clock.fixed(NOW, ZoneOffset.UTC));
    private final PersistentVolumeTable table = new PersistentVolumeTable();

    private static PersistentVolumeBuilder pv() {
        return new PersistentVolumeBuilder().withNewMetadata().withName("pv1")
                .withCreationTimestamp("2026-01-01T11:00:00Z").endMetadata()
                .withNewSpec().withCapacity(Map.of("storage", new Quantity("1Gi")))
                .withAccessModes("ReadWriteOnce").withNewHostPath().withPath("/data").endHostPath().endSpec();
    }

    private List<String> create(PersistentVolume pv) {
        strategy.applyDefaults(pv);
        strategy.prepareForCreate(pv);
        return strategy.validate(pv).stream().map(FieldError::toString).toList();
    }

    @Test
    void createDefaultsRetainAndFilesystemAndStartsPending() {
        PersistentVolume pv = pv().build();
        assertThat(create(pv)).isEmpty();
        assertThat(pv.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Retain");
        assertThat(pv.getSpec().getVolumeMode()).isEqualTo("Filesystem");
        assertThat(pv.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(pv.getStatus().getLastPhaseTransitionTime()).isEqualTo("2026-01-01T12:00:00Z");
    }

    @Test
    void validationNamesKubesFieldsAndMessages() {
        PersistentVolume none = new PersistentVolumeBuilder().withNewMetadata().withName("pv").endMetadata()
                .withNewSpec().withPersistentVolumeReclaimPolicy("Keep").endSpec().build();
        assertThat(create(none)).containsExactly(
                "spec.accessModes: Required value",
                "spec.capacity: Required value",
                "spec.capacity: Unsupported value: []core.ResourceName{}: supported values: \"storage\"",
                "spec.persistentVolumeReclaimPolicy: Unsupported value: \"Keep\": supported values: \"Delete\", "
                        + "\"Recycle\", \"Retain\"",
                "spec: Required value: must specify a volume type");
        PersistentVolume two = pv().editSpec().withAccessModes("ReadWriteOncePod", "ReadOnlyMany")
                .withCapacity(Map.of("storage", new Quantity("0"))).withNewNfs().withServer("nfs").withPath("x")
                .endNfs().endSpec().build();
        assertThat(create(two)).containsExactly(
                "spec.accessModes: Forbidden: may not use ReadWriteOncePod with other access modes",
                "spec.capacity[storage]: Invalid value: \"0\": must be greater than zero",
                "spec.nfs: Forbidden: may not specify more than 1 volume type");
    }

    @Test
    void theSourceAndVolumeModeNeverChange() {
        PersistentVolume old = pv().build();
        strategy.applyDefaults(old);
        strategy.prepareForCreate(old);
        PersistentVolume changed = pv().editSpec().editHostPath().withPath("/other").endHostPath().endSpec().build();
        strategy.applyDefaults(changed);
        strategy.prepareForUpdate(changed, old);
        assertThat(strategy.validateUpdate(changed, old)).extracting(FieldError::toString).containsExactly(
                "spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation");
        assertThat(changed.getStatus()).isEqualTo(old.getStatus());
    }

    @Test
    void pathsAreCleanedAsGoCleansThemWhateverTheyHold() {
        assertThat(PersistentVolumeValidation.clean("/a/../")).isEqualTo("/");
        assertThat(PersistentVolumeValidation.clean("//x/./y/..")).isEqualTo("/x");
        assertThat(PersistentVolumeValidation.clean("10m\u0000")).isEqualTo("10m\u0000");
        PersistentVolume root = pv().editSpec().withPersistentVolumeReclaimPolicy("Recycle").editHostPath()
                .withPath("//./").endHostPath().endSpec().build();
        assertThat(create(root)).containsExactly(
                "spec.persistentVolumeReclaimPolicy: Forbidden: may not be 'recycle' for a hostPath mount of '/'");
    }

    @Test
    void tableShowsKubesColumnsAndCells() {
        assertThat(table.columns()).extracting(TableColumn::name).containsExactly("Name", "Capacity", "Access Modes",
                "Reclaim Policy", "Status", "Claim", "StorageClass", "VolumeAttributesClass", "Reason", "Age",
                "VolumeMode");
        PersistentVolume bound = pv().editSpec().withAccessModes("ReadWriteMany", "ReadWriteOnce")
                .withStorageClassName("standard").withNewClaimRef().withNamespace("default").withName("data")
                .endClaimRef().endSpec().build();
        strategy.applyDefaults(bound);
        strategy.prepareForCreate(bound);
        bound.getStatus().setPhase("Bound");
        assertThat(table.cells(bound, NOW)).containsExactly("pv1", "1Gi", "RWO,RWX", "Retain", "Bound", "default/data",
                "standard", "<unset>", "", "60m", "Filesystem");
    }
}

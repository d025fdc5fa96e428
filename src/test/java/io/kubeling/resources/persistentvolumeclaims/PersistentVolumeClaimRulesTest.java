package io.kubeling.resources.persistentvolumeclaims;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeling.registry.validation.FieldError;

class PersistentVolumeClaimRulesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private final PersistentVolumeClaimStrategy strategy = new PersistentVolumeClaimStrategy();
    private final PersistentVolumeClaimTable table = new PersistentVolumeClaimTable();

    private static PersistentVolumeClaimBuilder pvc(String size) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withName("data").withNamespace("default")
                .withCreationTimestamp("2026-01-01T11:59:00Z").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .withRequests(Map.of("storage", new Quantity(size))).endResources().endSpec();
    }

    private static List<String> text(List<FieldError> errs) {
        return errs.stream().map(FieldError::toString).toList();
    }

    @Test
    void createStartsPendingWithFilesystem() {
        PersistentVolumeClaim pvc = pvc("1Gi").build();
        strategy.applyDefaults(pvc);
        strategy.prepareForCreate(pvc);
        assertThat(strategy.validate(pvc)).isEmpty();
        assertThat(pvc.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(pvc.getSpec().getVolumeMode()).isEqualTo("Filesystem");
    }

    @Test
    void validationNamesKubesFields() {
        PersistentVolumeClaim bad = new PersistentVolumeClaimBuilder().withNewMetadata().withName("x").endMetadata()
                .withNewSpec().withStorageClassName("Not_Valid").withVolumeMode("Raw").endSpec().build();
        strategy.applyDefaults(bad);
        strategy.prepareForCreate(bad);
        assertThat(text(strategy.validate(bad))).containsExactly(
                "spec.accessModes: Required value: at least 1 access mode is required",
                "spec.resources[storage]: Required value",
                "spec.storageClassName: Invalid value: \"Not_Valid\": a lowercase RFC 1123 subdomain must consist of "
                        + "lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
                        + "character (e.g. 'example.com', regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "spec.volumeMode: Unsupported value: \"Raw\": supported values: \"Block\", \"Filesystem\"");
    }

    @Test
    void theSpecIsFixedButForTheVolumeNameOnceAndALargerRequest() {
        PersistentVolumeClaim old = pvc("1Gi").build();
        strategy.applyDefaults(old);
        strategy.prepareForCreate(old);
        PersistentVolumeClaim named = pvc("1Gi").editSpec().withVolumeName("pv-1").endSpec().build();
        strategy.applyDefaults(named);
        strategy.prepareForUpdate(named, old);
        assertThat(strategy.validateUpdate(named, old)).isEmpty();

        PersistentVolumeClaim modes = pvc("1Gi").editSpec().withAccessModes("ReadWriteMany").endSpec().build();
        strategy.applyDefaults(modes);
        strategy.prepareForUpdate(modes, old);
        assertThat(text(strategy.validateUpdate(modes, old))).containsExactly("spec: Forbidden: spec is immutable "
                + "after creation except resources.requests and volumeAttributesClassName for bound claims");

        PersistentVolumeClaim smaller = pvc("512Mi").build();
        strategy.applyDefaults(smaller);
        strategy.prepareForUpdate(smaller, old);
        assertThat(text(strategy.validateUpdate(smaller, old))).containsExactly("spec: Forbidden: spec is immutable "
                + "after creation except resources.requests and volumeAttributesClassName for bound claims");
    }

    /** RecoverVolumeExpansionFailure, on in 1.32: a bound claim's request may come back down, but not to its capacity. */
    @Test
    void aBoundClaimGrowsAndShrinksOnlyAboveItsCapacity() {
        PersistentVolumeClaim old = pvc("2Gi").editSpec().withVolumeName("pv-1").endSpec().withNewStatus()
                .withPhase("Bound").withCapacity(Map.of("storage", new Quantity("1Gi"))).endStatus().build();
        strategy.applyDefaults(old);
        PersistentVolumeClaim larger = pvc("4Gi").editSpec().withVolumeName("pv-1").endSpec().build();
        strategy.applyDefaults(larger);
        strategy.prepareForUpdate(larger, old);
        assertThat(strategy.validateUpdate(larger, old)).isEmpty();

        PersistentVolumeClaim back = pvc("1536Mi").editSpec().withVolumeName("pv-1").endSpec().build();
        strategy.applyDefaults(back);
        strategy.prepareForUpdate(back, old);
        assertThat(strategy.validateUpdate(back, old)).isEmpty();

        PersistentVolumeClaim shrunk = pvc("1Gi").editSpec().withVolumeName("pv-1").endSpec().build();
        strategy.applyDefaults(shrunk);
        strategy.prepareForUpdate(shrunk, old);
        assertThat(text(strategy.validateUpdate(shrunk, old))).containsExactly(
                "spec.resources.requests.storage: Forbidden: field can not be less than status.capacity");
    }

    @Test
    void tableShowsCapacityOnlyOnceAVolumeIsNamed() {
        PersistentVolumeClaim pending = pvc("1Gi").editSpec().withStorageClassName("standard").endSpec().build();
        strategy.applyDefaults(pending);
        strategy.prepareForCreate(pending);
        assertThat(table.cells(pending, NOW)).containsExactly("data", "Pending", "", "", "", "standard", "<unset>",
                "60s", "Filesystem");
        PersistentVolumeClaim bound = pvc("1Gi").editSpec().withVolumeName("pvc-1").endSpec().withNewStatus()
                .withPhase("Bound").withAccessModes("ReadWriteOnce").withCapacity(Map.of("storage", new Quantity("1Gi")))
                .endStatus().build();
        assertThat(table.cells(bound, NOW)).containsExactly("data", "Bound", "pvc-1", "1Gi", "RWO", "", "<unset>",
                "60s", "<unset>");
    }
}

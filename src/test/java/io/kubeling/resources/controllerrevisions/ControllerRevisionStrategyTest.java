package io.kubeling.resources.controllerrevisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ControllerRevisionBuilder;
import io.kubeling.registry.validation.FieldError;

class ControllerRevisionStrategyTest {

    private final ControllerRevisionStrategy strategy = new ControllerRevisionStrategy();

    private static ControllerRevision revision(Object data, Long number) {
        return new ControllerRevisionBuilder().withNewMetadata().withName("web-abc").withNamespace("default")
                .withCreationTimestamp("2024-05-01T11:57:55Z").endMetadata().withData(data).withRevision(number).build();
    }

    private static List<String> messages(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).toList();
    }

    @Test
    void dataIsRequiredAndImmutableAndTheRevisionNotNegative() {
        ControllerRevision empty = revision(null, -1L);
        strategy.applyDefaults(empty);
        strategy.prepareForCreate(empty);
        assertThat(messages(strategy.validate(empty))).containsExactly("data: Required value: data is mandatory",
                "revision: Invalid value: -1: must be greater than or equal to 0");

        ControllerRevision unnumbered = revision(Map.of("spec", Map.of()), null);
        strategy.applyDefaults(unnumbered);
        strategy.prepareForCreate(unnumbered);
        assertThat(unnumbered.getRevision()).isZero();

        ControllerRevision old = revision(Map.of("spec", Map.of("replicas", 1)), 1L);
        ControllerRevision sameData = revision(Map.of("spec", Map.of("replicas", 1L)), 2L);
        assertThat(strategy.validateUpdate(sameData, old)).isEmpty();
        ControllerRevision otherData = revision(Map.of("spec", Map.of("replicas", 2)), 2L);
        assertThat(messages(strategy.validateUpdate(otherData, old))).containsExactly("data: Invalid value: field is immutable");
    }

    @Test
    void tableNamesTheControllerByKindAndGroup() {
        ControllerRevision owned = revision(Map.of(), 3L);
        owned.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder().withApiVersion("apps/v1")
                .withKind("StatefulSet").withName("web").withUid("u").withController(true).build()));
        ControllerRevisionTable table = new ControllerRevisionTable();
        Instant now = Instant.parse("2024-05-01T12:00:00Z");
        assertThat(table.columns()).extracting(c -> c.name()).containsExactly("Name", "Controller", "Revision", "Age");
        assertThat(table.cells(owned, now)).containsExactly("web-abc", "statefulset.apps/web", 3L, "2m5s");
        assertThat(table.cells(revision(Map.of(), 1L), now)).containsExactly("web-abc", "<none>", 1L, "2m5s");
    }
}

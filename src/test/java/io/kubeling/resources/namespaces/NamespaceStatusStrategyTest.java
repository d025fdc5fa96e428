package io.kubeling.resources.namespaces;

import static io.kubeling.resources.namespaces.NamespaceStrategyTest.messages;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

class NamespaceStatusStrategyTest {

    private final NamespaceStatusStrategy strategy = new NamespaceStatusStrategy();

    @Test
    void keepsTheSpec() {
        Namespace old = NamespaceStrategyTest.withFinalizers("kubernetes");
        Namespace update = NamespaceStrategyTest.withFinalizers("example.com/x");
        update.setStatus(new NamespaceBuilder().withNewStatus().withPhase("Active").endStatus().build().getStatus());

        strategy.applyDefaults(update);
        strategy.prepareForUpdate(update, old);

        assertThat(update.getSpec().getFinalizers()).containsExactly("kubernetes");
        assertThat(update.getStatus().getPhase()).isEqualTo("Active");
    }

    @Test
    void anEmptyPhaseDefaultsToActive() {
        Namespace old = NamespaceStrategyTest.withFinalizers("kubernetes");
        Namespace update = NamespaceStrategyTest.withFinalizers("kubernetes");

        strategy.applyDefaults(update);
        strategy.prepareForUpdate(update, old);

        assertThat(update.getStatus().getPhase()).isEqualTo("Active");
        assertThat(strategy.validateUpdate(update, old)).isEmpty();
    }

    @Test
    void phaseMustBeActiveWhileNotDeleted() {
        Namespace update = namespace(null, "Terminating");

        assertThat(messages(strategy.validateUpdate(update, update))).containsExactly(
                "status.Phase: Invalid value: \"Terminating\": may only be 'Active' if `deletionTimestamp` is empty");
    }

    @Test
    void phaseMustBeTerminatingOnceDeleted() {
        Namespace update = namespace("2024-01-01T00:00:00Z", "Active");

        assertThat(messages(strategy.validateUpdate(update, update))).containsExactly(
                "status.Phase: Invalid value: \"Active\": may only be 'Terminating' if `deletionTimestamp` is not empty");
        assertThat(strategy.validateUpdate(namespace("2024-01-01T00:00:00Z", "Terminating"), update)).isEmpty();
    }

    private static Namespace namespace(String deletionTimestamp, String phase) {
        return new NamespaceBuilder().withNewMetadata().withName("a").withDeletionTimestamp(deletionTimestamp)
                .endMetadata().withNewStatus().withPhase(phase).endStatus().build();
    }
}

package io.kubeling.resources.namespaces;

import static io.kubeling.resources.namespaces.NamespaceStrategyTest.messages;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceStatusBuilder;

class NamespaceFinalizeStrategyTest {

    private final NamespaceFinalizeStrategy strategy = new NamespaceFinalizeStrategy();

    @Test
    void finalizersChangeButStatusIsKept() {
        Namespace old = NamespaceStrategyTest.withFinalizers("kubernetes");
        old.setStatus(new NamespaceStatusBuilder().withPhase("Terminating").build());
        Namespace update = NamespaceStrategyTest.withFinalizers();
        update.setStatus(new NamespaceStatusBuilder().withPhase("Active").build());

        strategy.prepareForUpdate(update, old);

        assertThat(update.getSpec().getFinalizers()).isEmpty();
        assertThat(update.getStatus().getPhase()).isEqualTo("Terminating");
        assertThat(strategy.validateUpdate(update, old)).isEmpty();
    }

    @Test
    void finalizerErrorsAreIndexed() {
        Namespace update = NamespaceStrategyTest.withFinalizers("kubernetes", "foo");

        assertThat(messages(strategy.validateUpdate(update, update))).containsExactly(
                "spec.finalizers[1]: Invalid value: \"foo\": name is neither a standard finalizer name nor is it fully qualified");
    }
}

package io.kubeling.resources.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.validation.FieldError;

class NamespaceStrategyTest {

    private final NamespaceStrategy strategy = new NamespaceStrategy();

    @Test
    void namesAreDnsLabelsAndDeleteReturnsTheNamespace() {
        assertThat(strategy.nameRule()).isEqualTo(Strategy.NameRule.DNS1123_LABEL);
        assertThat(strategy.returnDeletedObject()).isTrue();
    }

    @Test
    void createStartsActiveWithTheKubernetesFinalizerAndTheNameLabel() {
        Namespace ns = new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata()
                .withNewStatus().withPhase("Terminating").endStatus().build();

        strategy.applyDefaults(ns);
        strategy.prepareForCreate(ns);

        assertThat(ns.getStatus().getPhase()).isEqualTo("Active");
        assertThat(ns.getSpec().getFinalizers()).containsExactly("kubernetes");
        assertThat(ns.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "team-a");
    }

    @Test
    void createAppendsTheKubernetesFinalizerOnlyWhenMissing() {
        Namespace withOthers = new NamespaceBuilder().withNewMetadata().withName("a").endMetadata()
                .withNewSpec().withFinalizers("example.com/cleanup").endSpec().build();
        Namespace withIt = new NamespaceBuilder().withNewMetadata().withName("b").endMetadata()
                .withNewSpec().withFinalizers("kubernetes", "example.com/cleanup").endSpec().build();

        strategy.applyDefaults(withOthers);
        strategy.prepareForCreate(withOthers);
        strategy.applyDefaults(withIt);
        strategy.prepareForCreate(withIt);

        assertThat(withOthers.getSpec().getFinalizers()).containsExactly("example.com/cleanup", "kubernetes");
        assertThat(withIt.getSpec().getFinalizers()).containsExactly("kubernetes", "example.com/cleanup");
    }

    @Test
    void theNameLabelCannotBeChangedOrRemoved() {
        Namespace created = new NamespaceBuilder().withNewMetadata().withName("team-a")
                .withLabels(Map.of("kubernetes.io/metadata.name", "other")).endMetadata().build();
        strategy.applyDefaults(created);
        strategy.prepareForCreate(created);
        assertThat(created.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "team-a");

        Namespace update = new NamespaceBuilder().withNewMetadata().withName("team-a")
                .withLabels(Map.of("env", "prod")).endMetadata().build();
        strategy.applyDefaults(update);
        strategy.prepareForUpdate(update, created);

        assertThat(update.getMetadata().getLabels())
                .containsEntry("kubernetes.io/metadata.name", "team-a")
                .containsEntry("env", "prod");
    }

    @Test
    void canonicalizeLabelsNamespacesNamedByGenerateName() {
        Namespace ns = new NamespaceBuilder().withNewMetadata().withGenerateName("tmp-").endMetadata().build();
        strategy.applyDefaults(ns);
        strategy.prepareForCreate(ns);
        assertThat(ns.getMetadata().getLabels()).doesNotContainKey("kubernetes.io/metadata.name");

        ns.getMetadata().setName("tmp-x7k2p");
        strategy.canonicalize(ns);

        assertThat(ns.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "tmp-x7k2p");
    }

    @Test
    void updateKeepsFinalizersAndStatus() {
        Namespace old = new NamespaceBuilder().withNewMetadata().withName("a").endMetadata()
                .withNewSpec().withFinalizers("kubernetes").endSpec()
                .withNewStatus().withPhase("Active").endStatus().build();
        Namespace update = new NamespaceBuilder().withNewMetadata().withName("a").endMetadata()
                .withNewSpec().withFinalizers("example.com/x").endSpec()
                .withNewStatus().withPhase("Terminating").endStatus().build();

        strategy.applyDefaults(update);
        strategy.prepareForUpdate(update, old);

        assertThat(update.getSpec().getFinalizers()).containsExactly("kubernetes");
        assertThat(update.getStatus().getPhase()).isEqualTo("Active");
    }

    @Test
    void finalizerWithoutPrefixMustBeStandard() {
        Namespace ns = withFinalizers("foo");

        assertThat(messages(strategy.validate(ns))).containsExactly(
                "spec.finalizers: Invalid value: \"foo\": name is neither a standard finalizer name nor is it fully qualified");
    }

    @Test
    void standardAndQualifiedFinalizersAreValid() {
        Namespace ns = withFinalizers("kubernetes", "orphan", "foregroundDeletion", "example.com/cleanup");

        assertThat(strategy.validate(ns)).isEmpty();
        assertThat(strategy.validateUpdate(ns, ns)).isEmpty();
    }

    @Test
    void finalizerMustBeAQualifiedName() {
        Namespace ns = withFinalizers("example.com/a b");

        assertThat(messages(strategy.validate(ns))).containsExactly(
                "spec.finalizers: Invalid value: \"example.com/a b\": name part must consist of alphanumeric "
                        + "characters, '-', '_' or '.', and must start and end with an alphanumeric character "
                        + "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                        + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    }

    @Test
    void selectableFieldsAreThePhaseAndTheLegacyName() {
        Namespace ns = new NamespaceBuilder().withNewMetadata().withName("a").endMetadata()
                .withNewStatus().withPhase("Active").endStatus().build();

        assertThat(strategy.selectableFields(ns)).containsExactlyInAnyOrderEntriesOf(
                Map.of("status.phase", "Active", "name", "a"));
    }

    @Test
    void noGenerationBump() {
        Namespace ns = withFinalizers("kubernetes");
        assertThat(strategy.specChanged(ns, withFinalizers())).isFalse();
    }

    @Test
    void deletionHelpers() {
        Namespace held = withFinalizers("kubernetes");
        Namespace free = withFinalizers();

        assertThat(NamespaceStrategy.hasSpecFinalizers(held)).isTrue();
        assertThat(NamespaceStrategy.hasSpecFinalizers(free)).isFalse();
        assertThat(NamespaceStrategy.hasSpecFinalizers(new Namespace())).isFalse();

        NamespaceStrategy.markTerminating(free);
        assertThat(free.getStatus().getPhase()).isEqualTo("Terminating");
    }

    static Namespace withFinalizers(String... finalizers) {
        return new NamespaceBuilder().withNewMetadata().withName("a").endMetadata()
                .withNewSpec().withFinalizers(new ArrayList<>(List.of(finalizers))).endSpec().build();
    }

    static List<String> messages(List<FieldError> errors) {
        return errors.stream().map(FieldError::toString).toList();
    }
}

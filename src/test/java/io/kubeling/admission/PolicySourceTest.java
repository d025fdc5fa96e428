package io.kubeling.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyStatusBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.admissionpolicies.AdmissionPolicyResource;
import io.kubeling.resources.configmaps.ConfigMapResource;
import io.kubeling.resources.namespaces.NamespaceResource;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;

/**
 * The compiled policies are kept while no policy or binding is written, whatever else is, and read again as soon
 * as one is: the write that returns is seen by the next request; a policy is compiled again only when its spec
 * changed.
 */
class PolicySourceTest {

    private final InMemoryStorage storage;
    private final Registry registry;
    private final PolicySource source;

    PolicySourceTest() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        storage = InMemoryStorage.open(clock);
        AtomicReference<Registry> holder = new AtomicReference<>();
        AdmissionPolicyResource policies = new AdmissionPolicyResource();
        registry = new Registry(List.of(new NamespaceResource().namespaces(), new ConfigMapResource().configmaps(),
                policies.validatingAdmissionPolicies(), policies.validatingAdmissionPolicyBindings()),
                storage.store(), new ObjectCodec(), clock, new NameGenerator(), List.of(), List.of(), List.of(),
                new KubelingProperties.Cache(1024, null));
        holder.set(registry);
        source = new PolicySource(holder::get);
        registry.store(io.fabric8.kubernetes.api.model.Namespace.class).create(null, new NamespaceBuilder()
                .withNewMetadata().withName("team").endMetadata().build(), WriteOptions.DEFAULT);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private void policy(String name, String expression) {
        registry.store(ValidatingAdmissionPolicy.class).create(null, new ValidatingAdmissionPolicyBuilder()
                .withNewMetadata().withName(name).endMetadata().withNewSpec().withNewMatchConstraints()
                .withResourceRules(new NamedRuleWithOperationsBuilder().withOperations("CREATE")
                        .withApiGroups("").withApiVersions("v1").withResources("configmaps").build())
                .endMatchConstraints().withValidations(new ValidationBuilder().withExpression(expression).build())
                .endSpec().build(), WriteOptions.DEFAULT);
    }

    private void binding(String name, String policy) {
        registry.store(ValidatingAdmissionPolicyBinding.class).create(null, new ValidatingAdmissionPolicyBindingBuilder()
                .withNewMetadata().withName(name).endMetadata().withNewSpec().withPolicyName(policy)
                .withValidationActions("Deny").endSpec().build(), WriteOptions.DEFAULT);
    }

    @Test
    void theCompiledViewIsKeptUntilAPolicyOrBindingIsWritten() {
        assertThat(source.hooks()).isEmpty();
        policy("small", "object.data.size() < 3");
        assertThat(source.hooks()).isEmpty();
        binding("small", "small");

        List<PolicySource.Hook> first = source.hooks();
        assertThat(first).singleElement().satisfies(hook -> assertThat(hook.policy().name()).isEqualTo("small"));
        registry.store(io.fabric8.kubernetes.api.model.ConfigMap.class).create("team", new ConfigMapBuilder()
                .withNewMetadata().withName("other").endMetadata().build(), WriteOptions.DEFAULT);
        assertThat(source.hooks()).isSameAs(first);

        policy("named", "object.metadata.name != 'x'");
        binding("named", "named");
        List<PolicySource.Hook> second = source.hooks();
        assertThat(second).extracting(hook -> hook.policy().name()).containsExactly("named", "small");
        assertThat(second.get(1).policy()).as("an unchanged policy is not compiled again")
                .isSameAs(first.get(0).policy());
        assertThat(source.hooks()).isSameAs(second);

        registry.store(ValidatingAdmissionPolicy.class).update(null, "small", null, current -> {
            current.getSpec().getValidations().get(0).setExpression("object.data.size() < 2");
            return current;
        }, WriteOptions.DEFAULT);
        List<PolicySource.Hook> third = source.hooks();
        assertThat(third.get(1).policy().policy().getSpec().getValidations().get(0).getExpression())
                .isEqualTo("object.data.size() < 2");

        registry.store(ValidatingAdmissionPolicy.class).update(null, "small", "status", current -> {
            current.setStatus(new ValidatingAdmissionPolicyStatusBuilder().withObservedGeneration(2L).build());
            return current;
        }, WriteOptions.DEFAULT);
        assertThat(source.hooks().get(1).policy()).as("a status write does not compile the policy again")
                .isSameAs(third.get(1).policy());

        registry.store(ValidatingAdmissionPolicyBinding.class).delete(null, "named", DeleteOptions.DEFAULT);
        assertThat(source.hooks()).extracting(hook -> hook.policy().name()).containsExactly("small");
    }
}

package io.kubeling.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidationBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.kubeling.config.KubelingProperties;
import io.kubeling.controllers.Managers;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.SubresourceEndpoints;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.admissionpolicies.AdmissionPolicyResource;
import io.kubeling.resources.customresources.CrdConditions;
import io.kubeling.resources.customresources.CustomResourceDefinitionResource;
import io.kubeling.resources.customresources.CustomResourceServing;
import io.kubeling.resources.namespaces.NamespaceResource;
import io.kubeling.support.CrdSamples;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;

/**
 * matchPolicy on a custom resource served in v1 and v2: a policy whose rules name v1 is enforced on a request
 * through v2 under Equivalent (the default), seeing the object in v1 and the request as matched in v1 but made in
 * v2, and not under Exact.
 */
class PolicyMatchPolicyTest {

    private static final String GROUP = "stable.example.com";
    /** Tells what the policy saw. */
    private static final String SEEN = "'object ' + object.apiVersion + ', kind ' + request.kind.version"
            + " + ', resource ' + request.resource.version + ', requested ' + request.requestKind.version"
            + " + '/' + request.requestResource.version";

    private InMemoryStorage storage;
    private Registry registry;
    private CustomResourceServing serving;

    @BeforeEach
    void setUp() {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        storage = InMemoryStorage.open(clock);
        AtomicReference<Registry> holder = new AtomicReference<>();
        AdmissionPolicyResource policies = new AdmissionPolicyResource();
        registry = new Registry(List.of(new NamespaceResource().namespaces(),
                new CustomResourceDefinitionResource().customresourcedefinitions(),
                policies.validatingAdmissionPolicies(), policies.validatingAdmissionPolicyBindings()),
                storage.store(), new ObjectCodec(), clock, new NameGenerator(),
                List.of(new PolicyAdmission(holder::get, new ObjectCodec())), List.of(), List.of(),
                new KubelingProperties.Cache(1024, null));
        holder.set(registry);
        serving = new CustomResourceServing(registry, new SubresourceEndpoints(List.of()), new ObjectCodec());
        serving.start();
        CustomResourceDefinition crd = CrdSamples.crd(GROUP, "crontabs", "CronTab", "Namespaced");
        crd.getSpec().getVersions().add(new CustomResourceDefinitionVersionBuilder(crd.getSpec().getVersions().get(0))
                .withName("v2").withStorage(false).build());
        ResourceStore<CustomResourceDefinition> crds = registry.store(CustomResourceDefinition.class);
        crds.create(null, crd, WriteOptions.DEFAULT);
        crds.update(null, "crontabs." + GROUP, "status", current -> {
            current.getStatus().setAcceptedNames(current.getSpec().getNames());
            CrdConditions.set(current, CrdConditions.NAMES_ACCEPTED, "True", "NoConflicts", "no conflicts found",
                    "2026-03-01T10:00:00Z");
            return current;
        }, Managers.KUBE_APISERVER);
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.find(GROUP, "v2", "crontabs").isPresent());
        registry.store(io.fabric8.kubernetes.api.model.Namespace.class).create(null, new NamespaceBuilder()
                .withNewMetadata().withName("team").endMetadata().build(), WriteOptions.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        serving.stop();
        storage.close();
    }

    @SuppressWarnings("unchecked")
    private ResourceStore<GenericKubernetesResource> crontabs(String version) {
        return (ResourceStore<GenericKubernetesResource>) registry.find(GROUP, version, "crontabs").orElseThrow();
    }

    private GenericKubernetesResource create(String version, String name) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion(GROUP + "/" + version);
        object.setKind("CronTab");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        object.setMetadata(meta);
        object.setAdditionalProperty("spec", Map.of("cronSpec", "* * * * */5"));
        return crontabs(version).create("team", object, WriteOptions.DEFAULT);
    }

    /** A policy on v1 crontabs refusing those named {@code refused}, bound to deny. */
    private void policy(String name, String matchPolicy) {
        registry.store(ValidatingAdmissionPolicy.class).create(null, new ValidatingAdmissionPolicyBuilder()
                .withNewMetadata().withName(name).endMetadata().withNewSpec().withNewMatchConstraints()
                .withMatchPolicy(matchPolicy)
                .withResourceRules(new NamedRuleWithOperationsBuilder().withOperations("CREATE")
                        .withApiGroups(GROUP).withApiVersions("v1").withResources("crontabs").build())
                .endMatchConstraints()
                .withValidations(new ValidationBuilder().withExpression("object.metadata.name != 'refused'")
                        .withMessageExpression(SEEN).build())
                .endSpec().build(), WriteOptions.DEFAULT);
        registry.store(ValidatingAdmissionPolicyBinding.class).create(null, new ValidatingAdmissionPolicyBindingBuilder()
                .withNewMetadata().withName(name).endMetadata().withNewSpec().withPolicyName(name)
                .withValidationActions("Deny").endSpec().build(), WriteOptions.DEFAULT);
    }

    private String refusal(String version) {
        try {
            create(version, "refused");
        } catch (StatusException e) {
            return e.status().getMessage();
        }
        return null;
    }

    @Test
    void equivalentEnforcesAPolicyOfAnotherVersionOnTheObjectInItsVersion() {
        policy("equivalent", null);

        assertThat(refusal("v2")).isEqualTo("crontabs.stable.example.com \"refused\" is forbidden: "
                + "ValidatingAdmissionPolicy 'equivalent' with binding 'equivalent' denied request: "
                + "object stable.example.com/v1, kind v1, resource v1, requested v2/v2");
        assertThat(crontabs("v1").peekAll()).isEmpty();
        assertThat(refusal("v1")).endsWith("object stable.example.com/v1, kind v1, resource v1, requested v1/v1");
        assertThat(create("v2", "admitted").getApiVersion()).isEqualTo(GROUP + "/v2");
    }

    @Test
    void exactEnforcesAPolicyOnlyOnTheVersionItsRulesName() {
        policy("exact", "Exact");

        assertThat(refusal("v2")).isNull();
        assertThat(refusal("v1")).endsWith("denied request: "
                + "object stable.example.com/v1, kind v1, resource v1, requested v1/v1");
    }
}

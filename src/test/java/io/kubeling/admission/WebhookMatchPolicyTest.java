package io.kubeling.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.kubeling.controllers.Managers;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.SubresourceEndpoints;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.customresources.CrdConditions;
import io.kubeling.resources.customresources.CustomResourceDefinitionResource;
import io.kubeling.resources.customresources.CustomResourceServing;
import io.kubeling.support.CrdSamples;
import tools.jackson.databind.JsonNode;

/**
 * matchPolicy on a custom resource served in v1 and v2: a webhook registered for v1 is called for a request through
 * v2 under Equivalent (kube's default), with the object in v1, and not under Exact; matchConditions see the request
 * as kube's typed AdmissionRequest.
 */
class WebhookMatchPolicyTest {

    private static final String GROUP = "stable.example.com";

    FakeWebhooks fake;
    CustomResourceServing serving;

    @BeforeEach
    void setUp() {
        fake = new FakeWebhooks(new CustomResourceDefinitionResource().customresourcedefinitions());
        serving = new CustomResourceServing(fake.registry, new SubresourceEndpoints(List.of()), new ObjectCodec());
        serving.start();
        CustomResourceDefinition crd = CrdSamples.crd(GROUP, "crontabs", "CronTab", "Namespaced");
        crd.getSpec().getVersions().add(new CustomResourceDefinitionVersionBuilder(crd.getSpec().getVersions().get(0))
                .withName("v2").withStorage(false).build());
        // v3 has no status subresource
        crd.getSpec().getVersions().add(new CustomResourceDefinitionVersionBuilder(crd.getSpec().getVersions().get(0))
                .withName("v3").withStorage(false).withSubresources(null).build());
        ResourceStore<CustomResourceDefinition> crds = fake.registry.store(CustomResourceDefinition.class);
        crds.create(null, crd, WriteOptions.DEFAULT);
        crds.update(null, "crontabs." + GROUP, "status", current -> {
            current.getStatus().setAcceptedNames(current.getSpec().getNames());
            CrdConditions.set(current, CrdConditions.NAMES_ACCEPTED, "True", "NoConflicts", "no conflicts found",
                    "2026-03-01T10:00:00Z");
            return current;
        }, Managers.KUBE_APISERVER);
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.registry.find(GROUP, "v3", "crontabs").isPresent());
        fake.namespace("team", Map.of());
    }

    @AfterEach
    void tearDown() {
        serving.stop();
        fake.close();
    }

    @SuppressWarnings("unchecked")
    private ResourceStore<GenericKubernetesResource> crontabs(String version) {
        return (ResourceStore<GenericKubernetesResource>) fake.registry.find(GROUP, version, "crontabs").orElseThrow();
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

    private static ValidatingWebhook validating(String name, String url, String matchPolicy) {
        return new ValidatingWebhookBuilder().withName(name).withSideEffects("None").withMatchPolicy(matchPolicy)
                .withAdmissionReviewVersions("v1").withNewClientConfig().withUrl(url).endClientConfig()
                .withRules(new RuleWithOperationsBuilder().withOperations("CREATE").withApiGroups(GROUP)
                        .withApiVersions("v1").withResources("crontabs").build())
                .build();
    }

    private void register(ValidatingWebhook... hooks) {
        fake.registry.store(ValidatingWebhookConfiguration.class).create(null, new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata().withName("hooks").endMetadata().withWebhooks(hooks).build(), WriteOptions.DEFAULT);
    }

    private List<JsonNode> answering(String url) {
        List<JsonNode> reviews = new CopyOnWriteArrayList<>();
        fake.serveAnswers(url, review -> {
            reviews.add(review);
            return FakeWebhooks.response(review, true);
        });
        return reviews;
    }

    @Test
    void equivalentCallsAWebhookOfAnotherVersionWithTheObjectInItsVersionAndExactDoesNot() {
        register(validating("equivalent.example.com", "https://eq.test/v", null),
                validating("exact.example.com", "https://exact.test/v", "Exact"));
        List<JsonNode> equivalent = answering("https://eq.test/v");
        List<JsonNode> exact = answering("https://exact.test/v");

        create("v2", "through-v2");
        assertThat(exact).isEmpty();
        assertThat(equivalent).hasSize(1);
        JsonNode request = equivalent.get(0).get("request");
        assertThat(request.at("/kind").toString()).isEqualTo("{\"group\":\"" + GROUP + "\",\"version\":\"v1\",\"kind\":\"CronTab\"}");
        assertThat(request.at("/resource/version").asString()).isEqualTo("v1");
        assertThat(request.at("/resource/resource").asString()).isEqualTo("crontabs");
        assertThat(request.at("/requestKind/version").asString()).isEqualTo("v2");
        assertThat(request.at("/requestResource/version").asString()).isEqualTo("v2");
        assertThat(request.at("/object/apiVersion").asString()).isEqualTo(GROUP + "/v1");
        assertThat(request.at("/object/spec/cronSpec").asString()).isEqualTo("* * * * */5");

        create("v1", "through-v1");
        assertThat(exact).hasSize(1);
        assertThat(equivalent).hasSize(2);
        assertThat(equivalent.get(1).at("/request/kind/version").asString()).isEqualTo("v1");
        assertThat(equivalent.get(1).at("/request/requestKind/version").asString()).isEqualTo("v1");
    }

    @Test
    void aMutationMadeInTheWebhooksVersionIsStoredInTheRequestsVersion() {
        MutatingWebhook hook = new MutatingWebhookBuilder().withName("image.example.com").withSideEffects("None")
                .withAdmissionReviewVersions("v1").withNewClientConfig().withUrl("https://image.test/m")
                .endClientConfig().withRules(new RuleWithOperationsBuilder().withOperations("CREATE")
                        .withApiGroups(GROUP).withApiVersions("v1").withResources("crontabs").build())
                .build();
        fake.registry.store(MutatingWebhookConfiguration.class).create(null, new MutatingWebhookConfigurationBuilder()
                .withNewMetadata().withName("image").endMetadata().withWebhooks(hook).build(), WriteOptions.DEFAULT);
        List<JsonNode> reviews = new CopyOnWriteArrayList<>();
        fake.serveAnswers("https://image.test/m", review -> {
            reviews.add(review);
            return FakeWebhooks.patched(review, "[{\"op\":\"add\",\"path\":\"/spec/image\",\"value\":\"busybox\"}]");
        });

        GenericKubernetesResource created = create("v2", "mutated");

        assertThat(reviews).hasSize(1);
        assertThat(reviews.get(0).at("/request/object/apiVersion").asString()).isEqualTo(GROUP + "/v1");
        assertThat(created.getApiVersion()).isEqualTo(GROUP + "/v2");
        GenericKubernetesResource stored = crontabs("v2").get("team", "mutated");
        assertThat(stored.getApiVersion()).isEqualTo(GROUP + "/v2");
        assertThat(((Map<?, ?>) stored.getAdditionalProperties().get("spec")).get("image")).isEqualTo("busybox");
    }

    @Test
    void matchConditionsSeeTheMatchedVersionAndTheRequestAsKubesAdmissionRequest() {
        ValidatingWebhook hook = validating("cel.example.com", "https://cel.test/v", null);
        hook.setMatchConditions(List.of(new MatchCondition(
                "request.kind.version == 'v1' && request.requestKind.version == 'v2'"
                        + " && request.userInfo.username == 'kubernetes-admin' && request.namespace == 'team'"
                        + " && object.apiVersion == 'stable.example.com/v1'", "through-v2")));
        register(hook);
        List<JsonNode> reviews = answering("https://cel.test/v");

        create("v1", "direct");
        assertThat(reviews).isEmpty();
        create("v2", "converted");
        assertThat(reviews).hasSize(1);
    }

    @Test
    void aConditionReadingWhatKubesRequestTypeLacksDoesNotCompile() {
        ValidatingWebhook hook = validating("typed.example.com", "https://typed.test/v", null);
        hook.setMatchConditions(List.of(new MatchCondition("request.object.metadata.name == 'x'", "objects")));

        assertThatThrownBy(() -> register(hook)).isInstanceOfSatisfying(StatusException.class, e -> {
            assertThat(e.code()).isEqualTo(422);
            assertThat(e.getMessage()).contains("webhooks[0].matchConditions[0].expression: Invalid value: "
                    + "\"request.object.metadata.name == 'x'\": compilation failed: ERROR: <input>:1:8: "
                    + "undefined field 'object'");
        });
    }

    @Test
    void aStatusWebhookIsCalledThroughTheVersionsThatServeStatusOnly() {
        ValidatingWebhook hook = validating("status.example.com", "https://status.test/v", null);
        hook.getRules().get(0).setOperations(List.of("UPDATE"));
        hook.getRules().get(0).setApiVersions(List.of("v3"));
        hook.getRules().get(0).setResources(List.of("crontabs/status"));
        ValidatingWebhook main = validating("main.example.com", "https://main.test/v", null);
        main.getRules().get(0).setOperations(List.of("UPDATE"));
        main.getRules().get(0).setApiVersions(List.of("v3"));
        ValidatingWebhook servedStatus = validating("status-v2.example.com", "https://status-v2.test/v", null);
        servedStatus.getRules().get(0).setOperations(List.of("UPDATE"));
        servedStatus.getRules().get(0).setApiVersions(List.of("v2"));
        servedStatus.getRules().get(0).setResources(List.of("crontabs/status"));
        register(hook, main, servedStatus);
        List<JsonNode> status = answering("https://status.test/v");
        List<JsonNode> statusThroughV2 = answering("https://status-v2.test/v");
        List<JsonNode> updates = answering("https://main.test/v");
        create("v1", "watched");

        crontabs("v1").update("team", "watched", "status", current -> {
            current.setAdditionalProperty("status", Map.of("replicas", 1));
            return current;
        }, Managers.KUBE_APISERVER);
        assertThat(status).isEmpty();
        assertThat(statusThroughV2).hasSize(1);
        assertThat(statusThroughV2.get(0).at("/request/subResource").asString()).isEqualTo("status");
        assertThat(statusThroughV2.get(0).at("/request/resource/version").asString()).isEqualTo("v2");
        assertThat(statusThroughV2.get(0).at("/request/requestResource/version").asString()).isEqualTo("v1");
        crontabs("v2").update("team", "watched", null, current -> {
            current.setAdditionalProperty("spec", Map.of("cronSpec", "* * * * */6"));
            return current;
        }, Managers.KUBE_APISERVER);
        assertThat(updates).hasSize(1);
        assertThat(updates.get(0).at("/request/kind/version").asString()).isEqualTo("v3");
        assertThat(updates.get(0).at("/request/object/apiVersion").asString()).isEqualTo(GROUP + "/v3");
        assertThat(updates.get(0).at("/request/oldObject/apiVersion").asString()).isEqualTo(GROUP + "/v3");
    }
}

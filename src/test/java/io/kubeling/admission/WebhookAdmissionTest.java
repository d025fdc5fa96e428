package io.kubeling.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.RequestWarnings;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The webhook chain in the registry's write path, with webhooks answering in-process. */
class WebhookAdmissionTest {

    private final FakeWebhooks fake = new FakeWebhooks();
    private final ResourceStore<ConfigMap> configMaps = fake.registry.store(ConfigMap.class);

    @AfterEach
    void close() {
        fake.close();
    }

    static ValidatingWebhook validating(String name, String url, String... operations) {
        return new ValidatingWebhookBuilder().withName(name).withSideEffects("None")
                .withAdmissionReviewVersions("v1").withNewClientConfig().withUrl(url).endClientConfig()
                .withRules(new RuleWithOperationsBuilder().withOperations(operations).withApiGroups("")
                        .withApiVersions("v1").withResources("configmaps").build())
                .build();
    }

    static MutatingWebhook mutating(String name, String url) {
        return new MutatingWebhookBuilder().withName(name).withSideEffects("None")
                .withAdmissionReviewVersions("v1").withNewClientConfig().withUrl(url).endClientConfig()
                .withRules(new RuleWithOperationsBuilder().withOperations("CREATE", "UPDATE").withApiGroups("")
                        .withApiVersions("v1").withResources("configmaps").build())
                .build();
    }

    private void register(String name, ValidatingWebhook... hooks) {
        fake.registry.store(ValidatingWebhookConfiguration.class).create(null, new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata().withName(name).endMetadata().withWebhooks(hooks).build(), WriteOptions.DEFAULT);
    }

    private void register(String name, MutatingWebhook... hooks) {
        fake.registry.store(MutatingWebhookConfiguration.class).create(null, new MutatingWebhookConfigurationBuilder()
                .withNewMetadata().withName(name).endMetadata().withWebhooks(hooks).build(), WriteOptions.DEFAULT);
    }

    private ConfigMap create(String ns, String name, Map<String, String> labels, WriteOptions options) {
        return configMaps.create(ns, new ConfigMapBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().addToData("k", "v").build(), options);
    }

    @Test
    void aRefusalIsTheWebhooksStatusWithKubesPrefixAndNothingIsStored() {
        fake.namespace("team", Map.of());
        register("deny", validating("deny.example.com", "https://deny.test/v", "CREATE"));
        fake.serveAnswers("https://deny.test/v", review -> {
            ObjectNode out = FakeWebhooks.response(review, false);
            ((ObjectNode) out.get("response")).putObject("status").put("message", "no config maps here")
                    .put("code", 403).put("reason", "Forbidden");
            return out;
        });

        assertThatThrownBy(() -> create("team", "a", Map.of(), WriteOptions.DEFAULT))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.reason()).isEqualTo("Forbidden");
                    assertThat(e.getMessage())
                            .isEqualTo("admission webhook \"deny.example.com\" denied the request: no config maps here");
                    assertThat(e.status().getStatus()).isEqualTo("Failure");
                });
        assertThat(configMaps.list("team", ListOptions.ALL).items()).isEmpty();

        JsonNode request = fake.reviews.get(0).get("request");
        assertThat(fake.reviews.get(0).get("apiVersion").asString()).isEqualTo("admission.k8s.io/v1");
        assertThat(request.get("operation").asString()).isEqualTo("CREATE");
        assertThat(request.at("/kind/kind").asString()).isEqualTo("ConfigMap");
        assertThat(request.at("/resource/resource").asString()).isEqualTo("configmaps");
        assertThat(request.get("namespace").asString()).isEqualTo("team");
        assertThat(request.get("name").asString()).isEqualTo("a");
        assertThat(request.at("/userInfo/username").asString()).isEqualTo("kubernetes-admin");
        assertThat(request.at("/object/data/k").asString()).isEqualTo("v");
        assertThat(request.get("oldObject").isNull()).isTrue();
        assertThat(request.at("/options/kind").asString()).isEqualTo("CreateOptions");
    }

    @Test
    void aRefusalWithoutCodeOrMessageIs400WithoutExplanation() {
        fake.namespace("team", Map.of());
        register("deny", validating("deny.example.com", "https://deny.test/v", "*"));
        fake.serveAnswers("https://deny.test/v", review -> FakeWebhooks.response(review, false));

        assertThatThrownBy(() -> create("team", "a", Map.of(), WriteOptions.DEFAULT))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage())
                            .isEqualTo("admission webhook \"deny.example.com\" denied the request without explanation");
                });
    }

    @Test
    void aJsonPatchIsAppliedBeforeTheObjectIsValidatedAndStored() {
        fake.namespace("team", Map.of());
        register("label", mutating("label.example.com", "https://label.test/m"));
        fake.serveAnswers("https://label.test/m", review -> FakeWebhooks.patched(review,
                "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"mutated\":\"yes\"}}]"));

        ConfigMap created = create("team", "a", null, WriteOptions.DEFAULT);

        assertThat(created.getMetadata().getLabels()).containsEntry("mutated", "yes");
        assertThat(configMaps.get("team", "a").getMetadata().getLabels()).containsEntry("mutated", "yes");
        // the webhook saw the object before the server filled in its metadata, as kube's mutating admission does
        assertThat(fake.reviews.get(0).at("/request/object/metadata/uid").isMissingNode()).isTrue();
    }

    @Test
    void aContainerAWebhookAddsIsDefaultedAsKubeDefaultsAPatchedObjectAndIsNotTheWritersOwn() {
        try (FakeWebhooks pods = new FakeWebhooks(new io.kubeling.resources.pods.PodResource().pods())) {
            pods.namespace("team", Map.of());
            MutatingWebhook sidecar = new MutatingWebhookBuilder(mutating("sidecar.example.com",
                    "https://sidecar.test/m")).withRules(new RuleWithOperationsBuilder().withOperations("CREATE")
                    .withApiGroups("").withApiVersions("v1").withResources("pods").build()).build();
            pods.registry.store(MutatingWebhookConfiguration.class).create(null,
                    new MutatingWebhookConfigurationBuilder().withNewMetadata().withName("sidecar").endMetadata()
                            .withWebhooks(sidecar).build(), WriteOptions.DEFAULT);
            pods.serveAnswers("https://sidecar.test/m", review -> FakeWebhooks.patched(review,
                    "[{\"op\":\"add\",\"path\":\"/spec/containers/-\",\"value\":{\"name\":\"proxy\",\"image\":\"envoy\"}}]"));

            Pod created = pods.registry.store(Pod.class).create("team", new PodBuilder().withNewMetadata()
                    .withName("web").endMetadata().withNewSpec().addNewContainer().withName("web").withImage("nginx")
                    .endContainer().endSpec().build(), new WriteOptions(false, "creator"));

            Container proxy = created.getSpec().getContainers().get(1);
            assertThat(proxy.getImagePullPolicy()).isEqualTo("Always");
            assertThat(proxy.getTerminationMessagePath()).isEqualTo("/dev/termination-log");
            // the webhook saw the writer's managed fields, worked out before it was called, which it does not enter
            JsonNode seen = pods.reviews.get(0).at("/request/object/metadata/managedFields/0");
            assertThat(seen.get("manager").asString()).isEqualTo("creator");
            assertThat(seen.get("fieldsV1").toString()).doesNotContain("proxy");
            assertThat(created.getMetadata().getManagedFields()).singleElement()
                    .satisfies(entry -> assertThat(entry.getFieldsV1().toString()).doesNotContain("proxy"));
        }
    }

    @Test
    void aPatchThatBreaksTheObjectsRulesIsRefusedByValidation() {
        fake.namespace("team", Map.of());
        register("label", mutating("label.example.com", "https://label.test/m"));
        fake.serveAnswers("https://label.test/m", review -> FakeWebhooks.patched(review,
                "[{\"op\":\"add\",\"path\":\"/data/bad key\",\"value\":\"x\"}]"));

        assertThatThrownBy(() -> create("team", "a", null, WriteOptions.DEFAULT))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.code()).isEqualTo(422));
    }

    @Test
    void aWebhookAskingToBeCalledAgainSeesTheChangesOfThoseAfterIt() {
        fake.namespace("team", Map.of());
        MutatingWebhook first = mutating("first.example.com", "https://first.test/m");
        first.setReinvocationPolicy("IfNeeded");
        register("a-first", first);
        register("b-second", mutating("second.example.com", "https://second.test/m"));
        List<String> seenByFirst = new ArrayList<>();
        fake.serveAnswers("https://first.test/m", review -> {
            seenByFirst.add(review.at("/request/object/metadata/labels/second").asString("-"));
            return FakeWebhooks.response(review, true);
        });
        fake.serveAnswers("https://second.test/m", review -> FakeWebhooks.patched(review,
                "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"second\":\"done\"}}]"));

        create("team", "a", null, WriteOptions.DEFAULT);

        assertThat(seenByFirst).containsExactly("-", "done");
    }

    @Test
    void webhooksAreCalledOnlyForTheOperationsResourcesAndLabelsTheyName() {
        fake.namespace("watched", Map.of("webhooks", "on"));
        fake.namespace("other", Map.of());
        ValidatingWebhook updates = validating("updates.example.com", "https://updates.test/v", "UPDATE");
        ValidatingWebhook inWatched = validating("ns.example.com", "https://ns.test/v", "CREATE");
        inWatched.setNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels("webhooks", "on").build());
        ValidatingWebhook labelled = validating("obj.example.com", "https://obj.test/v", "CREATE", "DELETE");
        labelled.setObjectSelector(new LabelSelectorBuilder().addToMatchLabels("checked", "yes").build());
        register("rules", updates, inWatched, labelled);
        for (String url : List.of("https://updates.test/v", "https://ns.test/v", "https://obj.test/v")) {
            fake.serveAnswers(url, review -> FakeWebhooks.response(review, true));
        }

        create("other", "plain", Map.of(), WriteOptions.DEFAULT);
        assertThat(fake.reviews).isEmpty();

        create("watched", "plain", Map.of(), WriteOptions.DEFAULT);
        create("other", "checked", Map.of("checked", "yes"), WriteOptions.DEFAULT);
        configMaps.update("other", "plain", null, cm -> cm, WriteOptions.DEFAULT);
        configMaps.delete("other", "checked", DeleteOptions.DEFAULT);

        assertThat(fake.reviews).extracting(r -> r.at("/request/operation").asString() + " "
                + r.at("/request/namespace").asString() + "/" + r.at("/request/name").asString())
                .containsExactly("CREATE watched/plain", "CREATE other/checked", "UPDATE other/plain",
                        "DELETE other/checked");
        JsonNode deletion = fake.reviews.get(3).get("request");
        assertThat(deletion.get("object").isNull()).isTrue();
        assertThat(deletion.at("/oldObject/metadata/labels/checked").asString()).isEqualTo("yes");
        assertThat(deletion.at("/options/kind").asString()).isEqualTo("DeleteOptions");
    }

    @Test
    void aFailedCallFailsTheRequestWithKubes500UnlessThePolicyIsIgnore() {
        fake.namespace("team", Map.of());
        ValidatingWebhook closed = validating("closed.example.com", "https://nobody.test/v", "CREATE");
        register("closed", closed);

        assertThatThrownBy(() -> create("team", "a", Map.of(), WriteOptions.DEFAULT))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(500);
                    assertThat(e.reason()).isEqualTo("InternalError");
                    assertThat(e.getMessage()).isEqualTo("Internal error occurred: failed calling webhook "
                            + "\"closed.example.com\": failed to call webhook: Post \"https://nobody.test/v?timeout=10s\": "
                            + "dial tcp 127.0.0.1:1: connect: connection refused");
                });

        fake.registry.store(ValidatingWebhookConfiguration.class).update(null, "closed", null, c -> {
            c.getWebhooks().get(0).setFailurePolicy("Ignore");
            return c;
        }, WriteOptions.DEFAULT);
        assertThat(create("team", "a", Map.of(), WriteOptions.DEFAULT).getMetadata().getUid()).isNotEmpty();
    }

    @Test
    void anAnswerKubeCannotReadIsACallFailure() {
        fake.namespace("team", Map.of());
        register("garbage", validating("garbage.example.com", "https://garbage.test/v", "CREATE"));
        fake.serveAnswers("https://garbage.test/v", review -> {
            ObjectNode out = FakeWebhooks.response(review, true);
            ((ObjectNode) out.get("response")).put("uid", "someone-else");
            return out;
        });

        assertThatThrownBy(() -> create("team", "a", Map.of(), WriteOptions.DEFAULT))
                .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.getMessage()).startsWith(
                        "Internal error occurred: failed calling webhook \"garbage.example.com\": received invalid "
                                + "webhook response: expected response.uid="));
    }

    @Test
    void aWebhookThatDoesNotAnswerIsGivenUpAfterItsTimeout() {
        fake.namespace("team", Map.of());
        ValidatingWebhook slow = validating("slow.example.com", "https://slow.test/v", "CREATE");
        slow.setTimeoutSeconds(1);
        slow.setFailurePolicy("Ignore");
        register("slow", slow);
        fake.serve("https://slow.test/v", review -> new CompletableFuture<>());

        long started = System.nanoTime();
        create("team", "a", Map.of(), WriteOptions.DEFAULT);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(millis).isBetween(900L, 3000L);
    }

    @Test
    void validatingWebhooksAreCalledAtOnce() {
        fake.namespace("team", Map.of());
        register("slow", validating("one.example.com", "https://one.test/v", "CREATE"),
                validating("two.example.com", "https://two.test/v", "CREATE"));
        for (String url : List.of("https://one.test/v", "https://two.test/v")) {
            fake.serve(url, review -> CompletableFuture.supplyAsync(
                    () -> FakeWebhooks.JSON.writeValueAsBytes(FakeWebhooks.response(review, true)),
                    CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS)));
        }

        long started = System.nanoTime();
        create("team", "a", Map.of(), WriteOptions.DEFAULT);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(fake.reviews).hasSize(2);
        assertThat(millis).isLessThan(2500L);
    }

    @Test
    void warningsAreRecordedForTheRequest() {
        fake.namespace("team", Map.of());
        register("warn", validating("warn.example.com", "https://warn.test/v", "CREATE"));
        fake.serveAnswers("https://warn.test/v", review -> {
            ObjectNode out = FakeWebhooks.response(review, true);
            ((ObjectNode) out.get("response")).putArray("warnings").add("mind the gap");
            ((ObjectNode) out.get("response")).putObject("auditAnnotations").put("checked", "yes");
            return out;
        });

        List<String> warnings = new ArrayList<>();
        RequestWarnings.collect(warnings, () -> create("team", "a", Map.of(), WriteOptions.DEFAULT));

        assertThat(warnings).containsExactly("mind the gap");
    }

    @Test
    void theAdmissionConfigurationsThemselvesNeverReachAWebhook() {
        ValidatingWebhook everything = validating("all.example.com", "https://nobody.test/v", "*");
        everything.getRules().get(0).setApiGroups(List.of("*"));
        everything.getRules().get(0).setApiVersions(List.of("*"));
        everything.getRules().get(0).setResources(List.of("*/*"));
        register("everything", everything);

        register("second", validating("second.example.com", "https://nobody.test/v", "*"));
        fake.registry.store(ValidatingWebhookConfiguration.class).delete(null, "everything", DeleteOptions.DEFAULT);

        assertThat(fake.reviews).isEmpty();
    }

    @Test
    void aDryRunTellsTheWebhookAndIsRefusedByOneWithSideEffects() {
        fake.namespace("team", Map.of());
        register("dry", validating("dry.example.com", "https://dry.test/v", "CREATE"));
        fake.serveAnswers("https://dry.test/v", review -> FakeWebhooks.response(review, true));

        ConfigMap dry = create("team", "a", Map.of(), new WriteOptions(true, null));

        assertThat(dry.getMetadata().getName()).isEqualTo("a");
        assertThat(configMaps.list("team", ListOptions.ALL).items()).isEmpty();
        assertThat(fake.reviews.get(0).at("/request/dryRun").asBoolean()).isTrue();
        assertThat(fake.reviews.get(0).at("/request/options/dryRun/0").asString()).isEqualTo("All");

        // v1 refuses such configurations, so the webhook is handed to the dispatcher directly
        Webhook unknown = Webhook.of("legacy", 0, validating("legacy.example.com", "https://dry.test/v", "CREATE"));
        Webhook withSideEffects = new Webhook(unknown.uid(), unknown.name(), unknown.configuration(), false,
                unknown.rules(), false, null, null, "Unknown", 10, false, List.of("v1"), unknown.clientConfig(),
                unknown.conditions(), true);
        WebhookSource source = new WebhookSource(() -> fake.registry) {
            @Override
            List<Webhook> validating() {
                return List.of(withSideEffects);
            }
        };
        WebhookAdmission admission = new WebhookAdmission(source, fake, new io.kubeling.registry.ObjectCodec(),
                name -> Map.of(), List::of);
        ConfigMap object = new ConfigMapBuilder().withNewMetadata().withName("b").endMetadata().build();
        var definition = new io.kubeling.resources.configmaps.ConfigMapResource().configmaps();

        assertThatThrownBy(() -> admission.validate(new io.kubeling.registry.AdmissionRequest<>(
                io.kubeling.registry.Admission.Operation.CREATE, definition, null, "team", "b", object, null, true,
                null))).isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.reason()).isEqualTo("BadRequest");
                    assertThat(e.getMessage()).isEqualTo("admission webhook \"legacy.example.com\" does not support dry run");
                });
        assertThat(fake.reviews).hasSize(1);
    }

    @Test
    void matchConditionsDecideOverObjectAndRequestAndFailClosedOnErrors() {
        fake.namespace("team", Map.of());
        ValidatingWebhook conditioned = validating("cel.example.com", "https://cel.test/v", "CREATE");
        conditioned.setMatchConditions(List.of(
                new io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition(
                        "object.metadata.name.startsWith('checked') && request.operation == 'CREATE'", "checked"),
                new io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition(
                        "object.data.k != 'boom' || object.data.missing == 'x'", "no-boom")));
        register("cel", conditioned);
        fake.serveAnswers("https://cel.test/v", review -> FakeWebhooks.response(review, true));

        create("team", "plain", Map.of(), WriteOptions.DEFAULT);
        assertThat(fake.reviews).isEmpty();
        create("team", "checked-1", Map.of(), WriteOptions.DEFAULT);
        assertThat(fake.reviews).hasSize(1);

        assertThatThrownBy(() -> configMaps.create("team", new ConfigMapBuilder().withNewMetadata()
                .withName("checked-2").endMetadata().addToData("k", "boom").build(), WriteOptions.DEFAULT))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(403);
                    assertThat(e.getMessage()).startsWith("configmaps \"checked-2\" is forbidden: expression "
                            + "'object.data.k != 'boom' || object.data.missing == 'x'' resulted in error: ");
                });
        assertThat(fake.reviews).hasSize(1);
    }

    @Test
    void matchConditionsSeeAnAuthorizerThatAllowsEveryCheck() {
        fake.namespace("team", Map.of());
        ValidatingWebhook conditioned = validating("authz.example.com", "https://authz.test/v", "CREATE");
        conditioned.setMatchConditions(List.of(
                new io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition(
                        "authorizer.requestResource.check('create').allowed() && authorizer.group('apps')"
                                + ".resource('deployments').namespace('x').check('get').reason() == ''", "allowed"),
                new io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition(
                        "authorizer.path('/metrics').check('get').errored() || object.metadata.name != 'skip'",
                        "not-skipped")));
        register("authz", conditioned);
        fake.serveAnswers("https://authz.test/v", review -> FakeWebhooks.response(review, true));

        create("team", "skip", Map.of(), WriteOptions.DEFAULT);
        assertThat(fake.reviews).isEmpty();
        create("team", "called", Map.of(), WriteOptions.DEFAULT);
        assertThat(fake.reviews).hasSize(1);
    }
}

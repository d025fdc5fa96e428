package io.kubeling.resources.customresources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.ListOptions;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.SubresourceEndpoints;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.common.WebhookPoster;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A CRD with two versions through the registry: objects stored in the storage version, converted by the CRD's
 * webhook (here answered in-process) on every read and write in the other, kube's errors when the webhook fails or
 * answers what kube refuses, defaults of the stored version applied on read, and the CRD's conversion validated.
 */
class CustomResourceConversionTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final YAMLMapper YAML = YAMLMapper.builder().build();

    ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    InMemoryStorage storage;
    Registry registry;
    CustomResourceServing serving;
    ResourceStore<CustomResourceDefinition> crds;
    /** What the fake webhook receives, and how it answers (the review in, the review out). */
    List<JsonNode> reviews = new CopyOnWriteArrayList<>();
    volatile UnaryOperator<ObjectNode> answer = WidgetConverter::answer;

    @BeforeEach
    void setUp() {
        storage = InMemoryStorage.open(clock);
        registry = new Registry(List.of(new CustomResourceDefinitionResource().customresourcedefinitions()),
                storage.store(), new ObjectCodec(), clock, new NameGenerator(), List.of(), List.of(), List.of(),
                new KubelingProperties.Cache(1024, null));
        crds = registry.store(CustomResourceDefinition.class);
        WebhookPoster poster = (config, review, timeout) -> {
            ObjectNode in = (ObjectNode) JSON.readTree(review);
            reviews.add(in);
            return CompletableFuture.completedFuture(JSON.writeValueAsBytes(answer.apply(in)));
        };
        serving = new CustomResourceServing(registry, new SubresourceEndpoints(List.of()), new ObjectCodec(), poster);
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    static CustomResourceDefinition widgets(String conversion, String v2ColorDefault) {
        String yaml = """
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.conv.example.com
                  uid: 5a0c3c5e-0000-4000-8000-000000000001
                spec:
                  group: conv.example.com
                  scope: Namespaced
                  names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList}
                  %s
                  versions:
                  - name: v1
                    served: true
                    storage: false
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            properties:
                              size: {type: string}
                  - name: v2
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            properties:
                              replicas: {type: integer}
                              color: {type: string%s}
                """.formatted(conversion, v2ColorDefault == null ? "" : ", default: " + v2ColorDefault);
        return YAML.readValue(yaml, CustomResourceDefinition.class);
    }

    static final String WEBHOOK = """
            conversion:
                strategy: Webhook
                webhook:
                  conversionReviewVersions: [v1]
                  clientConfig: {url: "https://127.0.0.1:1/convert"}
            """.replace("\n", "\n  ");

    /** Serves {@code crd} as the CRD controllers would once its names are accepted. */
    void serve(CustomResourceDefinition crd) {
        CustomResourceDefinitionStatus status = new CustomResourceDefinitionStatus();
        status.setAcceptedNames(crd.getSpec().getNames());
        CustomResourceDefinitionCondition accepted = new CustomResourceDefinitionCondition();
        accepted.setType(CrdConditions.NAMES_ACCEPTED);
        accepted.setStatus("True");
        status.setConditions(List.of(accepted));
        crd.setStatus(status);
        serving.sync(crd.getMetadata().getName(), crd);
    }

    @SuppressWarnings("unchecked")
    ResourceStore<GenericKubernetesResource> widgets(String version) {
        return (ResourceStore<GenericKubernetesResource>) registry.find("conv.example.com", version, "widgets")
                .orElseThrow();
    }

    static GenericKubernetesResource widget(String version, String name, Map<String, Object> spec) {
        GenericKubernetesResource object = new GenericKubernetesResource();
        object.setApiVersion("conv.example.com/" + version);
        object.setKind("Widget");
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        object.setMetadata(meta);
        object.setAdditionalProperty("spec", spec);
        return object;
    }

    String stored(String name) {
        return new String(storage.store().get("/registry/conv.example.com/widgets/default/" + name).orElseThrow()
                .value(), StandardCharsets.UTF_8);
    }

    @Test
    void anObjectWrittenInOneVersionIsStoredInTheStorageVersionAndReadInEither() {
        serve(widgets(WEBHOOK, null));

        GenericKubernetesResource created = widgets("v1").create("default",
                widget("v1", "small", Map.of("size", "3")), WriteOptions.DEFAULT);

        assertThat(created.getApiVersion()).isEqualTo("conv.example.com/v1");
        assertThat(created.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", "3"));
        assertThat(stored("small")).contains("\"apiVersion\":\"conv.example.com/v2\"")
                .contains("\"spec\":{\"replicas\":3}");
        JsonNode request = reviews.get(0).get("request");
        assertThat(reviews.get(0).path("apiVersion").asString()).isEqualTo("apiextensions.k8s.io/v1");
        assertThat(request.path("desiredAPIVersion").asString()).isEqualTo("conv.example.com/v2");
        assertThat(request.path("objects").get(0).path("spec").path("size").asString()).isEqualTo("3");

        GenericKubernetesResource inV2 = widgets("v2").get("default", "small");
        assertThat(inV2.getApiVersion()).isEqualTo("conv.example.com/v2");
        assertThat(inV2.getAdditionalProperties().get("spec")).isEqualTo(Map.of("replicas", 3));
        GenericKubernetesResource inV1 = widgets("v1").get("default", "small");
        assertThat(inV1.getApiVersion()).isEqualTo("conv.example.com/v1");
        assertThat(inV1.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", "3"));
        assertThat(inV1.getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
        assertThat(widgets("v1").list("default", ListOptions.ALL).items()).extracting(
                o -> o.getAdditionalProperties().get("spec")).containsExactly(Map.of("size", "3"));

        widgets("v1").update("default", "small", null, o -> {
            o.setAdditionalProperty("spec", Map.of("size", "5"));
            return o;
        }, WriteOptions.DEFAULT);
        assertThat(widgets("v2").get("default", "small").getAdditionalProperties().get("spec"))
                .isEqualTo(Map.of("replicas", 5));
        int calls = reviews.size();
        widgets("v2").get("default", "small");
        assertThat(reviews).as("a read in the storage version calls no webhook").hasSize(calls);
    }

    @Test
    void aDryRunInAnotherVersionGoesThroughTheWebhookToTheStorageVersionAndBackStoringNothing() {
        serve(widgets(WEBHOOK, null));
        WriteOptions dryRun = new WriteOptions(true, null);
        answer = review -> {
            ObjectNode out = WidgetConverter.answer(review);
            ObjectNode meta = (ObjectNode) out.path("response").path("convertedObjects").get(0).path("metadata");
            meta.putObject("labels").put("seen-in", review.path("request").path("desiredAPIVersion").asString()
                    .replace("conv.example.com/", ""));
            return out;
        };

        GenericKubernetesResource created = widgets("v1").create("default",
                widget("v1", "trial", Map.of("size", "2")), dryRun);

        assertThat(reviews).extracting(r -> r.path("request").path("desiredAPIVersion").asString())
                .containsExactly("conv.example.com/v2", "conv.example.com/v1");
        assertThat(created.getApiVersion()).isEqualTo("conv.example.com/v1");
        assertThat(created.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", "2"));
        assertThat(created.getMetadata().getLabels()).containsEntry("seen-in", "v1");
        assertThat(storage.store().get("/registry/conv.example.com/widgets/default/trial")).isEmpty();

        answer = WidgetConverter::answer;
        widgets("v2").create("default", widget("v2", "kept", Map.of("replicas", 1)), WriteOptions.DEFAULT);
        String before = stored("kept");
        reviews.clear();
        GenericKubernetesResource updated = widgets("v1").update("default", "kept", null, o -> {
            o.setAdditionalProperty("spec", Map.of("size", "7"));
            return o;
        }, dryRun).object();

        assertThat(updated.getApiVersion()).isEqualTo("conv.example.com/v1");
        assertThat(updated.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", "7"));
        assertThat(reviews).extracting(r -> r.path("request").path("desiredAPIVersion").asString())
                .endsWith("conv.example.com/v2", "conv.example.com/v1");
        assertThat(stored("kept")).isEqualTo(before);
    }

    @Test
    void theFirstReviewVersionKubeKnowsIsSentAndAV1beta1AnswerIsNotCheckedForItsUid() {
        serve(widgets(WEBHOOK.replace("[v1]", "[v9, v1beta1, v1]"), null));
        answer = review -> {
            ObjectNode out = WidgetConverter.answer(review);
            out.put("apiVersion", "apiextensions.k8s.io/v1beta1");
            ((ObjectNode) out.get("response")).remove("uid");
            return out;
        };

        widgets("v1").create("default", widget("v1", "beta", Map.of("size", "4")), WriteOptions.DEFAULT);

        assertThat(reviews.get(0).path("apiVersion").asString()).isEqualTo("apiextensions.k8s.io/v1beta1");
        assertThat(widgets("v2").get("default", "beta").getAdditionalProperties().get("spec"))
                .isEqualTo(Map.of("replicas", 4));
    }

    @Test
    void theWebhookMayChangeLabelsAndAnnotationsButNothingElseOfTheMetadata() {
        serve(widgets(WEBHOOK, null));
        widgets("v2").create("default", widget("v2", "labelled", Map.of("replicas", 2)), WriteOptions.DEFAULT);
        answer = review -> {
            ObjectNode out = WidgetConverter.answer(review);
            ObjectNode meta = (ObjectNode) out.path("response").path("convertedObjects").get(0).path("metadata");
            meta.putObject("labels").put("converted", "yes");
            meta.put("generation", 99);
            return out;
        };

        GenericKubernetesResource read = widgets("v1").get("default", "labelled");

        assertThat(read.getMetadata().getLabels()).containsEntry("converted", "yes");
        assertThat(read.getMetadata().getGeneration()).isEqualTo(1L);
    }

    @Test
    void aFailingOrInvalidAnswerIsKubesErrorAndNothingIsStored() {
        serve(widgets(WEBHOOK, null));
        widgets("v2").create("default", widget("v2", "w", Map.of("replicas", 2)), WriteOptions.DEFAULT);
        String gvk = "conv.example.com/v2, Kind=Widget";

        answer = review -> failed(review, "the converter is down");
        assertConversionError(() -> widgets("v1").get("default", "w"),
                "conversion webhook for " + gvk + " failed: the converter is down");
        answer = review -> {
            ObjectNode out = WidgetConverter.answer(review);
            ((ObjectNode) out.get("response")).put("uid", "other");
            return out;
        };
        assertThatThrownBy(() -> widgets("v1").get("default", "w")).isInstanceOfSatisfying(StatusException.class,
                e -> assertThat(e.getMessage()).isEqualTo("conversion webhook for " + gvk + " failed: expected "
                        + "response.uid=\"" + reviews.get(reviews.size() - 1).path("request").path("uid").asString()
                        + "\", got \"other\""));
        answer = review -> {
            ObjectNode out = WidgetConverter.answer(review);
            ((ObjectNode) out.path("response").path("convertedObjects").get(0).get("metadata")).put("name", "x");
            return out;
        };
        assertConversionError(() -> widgets("v1").list("default", ListOptions.ALL),
                "conversion webhook for " + gvk + " returned invalid object: must have the same name: w != x");
        answer = review -> {
            ObjectNode out = WidgetConverter.answer(review);
            ((ObjectNode) out.path("response").path("convertedObjects").get(0)).put("apiVersion", "conv.example.com/v3");
            return out;
        };
        assertConversionError(() -> widgets("v1").get("default", "w"), "conversion webhook for " + gvk
                + " returned invalid object at index 0: invalid groupVersion (expected conv.example.com/v1, received "
                + "conv.example.com/v3)");
        answer = review -> {
            ObjectNode out = WidgetConverter.answer(review);
            ((ObjectNode) out.path("response").path("convertedObjects").get(0).get("metadata")).putObject("labels")
                    .put("bad key", "v");
            return out;
        };
        assertThatThrownBy(() -> widgets("v1").get("default", "w")).isInstanceOfSatisfying(StatusException.class,
                e -> assertThat(e.getMessage()).startsWith("conversion webhook for " + gvk + " returned invalid "
                        + "metadata: metadata.labels: Invalid value: \"bad key\": name part must consist of"));
        answer = review -> {
            ObjectNode out = WidgetConverter.answer(review);
            ((ObjectNode) out.get("response")).putArray("convertedObjects");
            return out;
        };
        assertConversionError(() -> widgets("v1").get("default", "w"),
                "conversion webhook for " + gvk + " returned 0 objects, expected 1");
        answer = review -> JSON.createObjectNode().put("kind", "AdmissionReview");
        assertConversionError(() -> widgets("v1").get("default", "w"), "conversion webhook for " + gvk
                + " failed: expected webhook response of apiextensions.k8s.io/v1, Kind=ConversionReview, got /, "
                + "Kind=AdmissionReview");

        answer = review -> failed(review, "cannot convert");
        assertConversionError(() -> widgets("v1").create("default", widget("v1", "new", Map.of("size", "1")),
                WriteOptions.DEFAULT), "conversion webhook for conv.example.com/v1, Kind=Widget failed: cannot convert");
        assertThat(storage.store().get("/registry/conv.example.com/widgets/default/new")).isEmpty();
    }

    @Test
    void aWebhookThatCannotBeCalledIsReportedAsKubeReportsIt() {
        WebhookPoster refused = (config, review, timeout) -> CompletableFuture.failedFuture(new RuntimeException(
                "failed to call webhook: Post \"https://127.0.0.1:1/convert?timeout=30s\": dial tcp 127.0.0.1:1: "
                        + "connect: connection refused"));
        serving = new CustomResourceServing(registry, new SubresourceEndpoints(List.of()), new ObjectCodec(), refused);
        serve(widgets(WEBHOOK, null));
        widgets("v2").create("default", widget("v2", "w", Map.of("replicas", 2)), WriteOptions.DEFAULT);

        assertConversionError(() -> widgets("v1").get("default", "w"), "conversion webhook for "
                + "conv.example.com/v2, Kind=Widget failed: Post \"https://127.0.0.1:1/convert?timeout=30s\": "
                + "dial tcp 127.0.0.1:1: connect: connection refused");
    }

    @Test
    void aDefaultAddedAfterAnObjectWasStoredIsAppliedWhenItIsRead() {
        serve(widgets("", null));
        widgets("v2").create("default", widget("v2", "old", Map.of("replicas", 1)), WriteOptions.DEFAULT);
        assertThat(widgets("v2").get("default", "old").getAdditionalProperties().get("spec"))
                .isEqualTo(Map.of("replicas", 1));

        serve(widgets("", "blue"));

        assertThat(widgets("v2").get("default", "old").getAdditionalProperties().get("spec"))
                .isEqualTo(Map.of("replicas", 1, "color", "blue"));
        assertThat(widgets("v2").list("default", ListOptions.ALL).items()).extracting(
                o -> o.getAdditionalProperties().get("spec")).containsExactly(Map.of("replicas", 1, "color", "blue"));
        assertThat(stored("old")).doesNotContain("blue");
        // read in v1 (conversion None) the object keeps its stored version's defaults, as kube applies them before
        // converting
        GenericKubernetesResource inV1 = widgets("v1").get("default", "old");
        assertThat(inV1.getApiVersion()).isEqualTo("conv.example.com/v1");
        assertThat(inV1.getAdditionalProperties().get("spec")).isEqualTo(Map.of("replicas", 1, "color", "blue"));
    }

    @Test
    void withConversionNoneObjectsAreStoredInTheStorageVersion() {
        serve(widgets("", null));

        widgets("v1").create("default", widget("v1", "plain", Map.of("size", "2")), WriteOptions.DEFAULT);

        assertThat(stored("plain")).contains("\"apiVersion\":\"conv.example.com/v2\"");
        assertThat(widgets("v1").get("default", "plain").getApiVersion()).isEqualTo("conv.example.com/v1");
        assertThat(reviews).isEmpty();
    }

    @Test
    void aWebhookConversionIsValidatedWithKubesMessages() {
        CustomResourceDefinition noWebhook = widgets("""
                conversion:
                    strategy: Webhook
                """.replace("\n", "\n  "), null);
        assertInvalid(noWebhook,
                tuple("spec.conversion.webhookClientConfig", "Required value: required when strategy is set to Webhook"),
                tuple("spec.conversion.conversionReviewVersions", "Required value"));

        CustomResourceDefinition badUrl = widgets("""
                conversion:
                    strategy: Webhook
                    webhook:
                      conversionReviewVersions: [v3, v3]
                      clientConfig: {url: "http://example.com/convert"}
                """.replace("\n", "\n  "), null);
        assertInvalid(badUrl,
                tuple("spec.conversion.webhookClientConfig.url", "Invalid value: \"http\": 'https' is the only "
                        + "allowed URL scheme; desired format: https://host[/path]"),
                tuple("spec.conversion.conversionReviewVersions[1]", "Invalid value: \"v3\": duplicate version"),
                tuple("spec.conversion.conversionReviewVersions", "Invalid value: []string{\"v3\", \"v3\"}: must "
                        + "include at least one of v1, v1beta1"));

        CustomResourceDefinition both = widgets("""
                conversion:
                    strategy: None
                    webhook:
                      conversionReviewVersions: [v1]
                      clientConfig: {service: {name: conv, namespace: default}}
                """.replace("\n", "\n  "), null);
        assertInvalid(both,
                tuple("spec.conversion.webhookClientConfig", "Forbidden: should not be set when strategy is not set "
                        + "to Webhook"),
                tuple("spec.conversion.conversionReviewVersions", "Forbidden: should not be set when strategy is not "
                        + "set to Webhook"));

        CustomResourceDefinition service = widgets("""
                conversion:
                    strategy: Webhook
                    webhook:
                      conversionReviewVersions: [v1]
                      clientConfig: {service: {name: conv, namespace: default, path: /convert}}
                """.replace("\n", "\n  "), null);
        service.getMetadata().setUid(null);
        CustomResourceDefinition created = crds.create(null, service, WriteOptions.DEFAULT);
        assertThat(created.getSpec().getConversion().getWebhook().getClientConfig().getService().getPort())
                .isEqualTo(443);
    }

    private void assertInvalid(CustomResourceDefinition crd, org.assertj.core.groups.Tuple... causes) {
        crd.getMetadata().setUid(null);
        assertThatThrownBy(() -> crds.create(null, crd, WriteOptions.DEFAULT))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.status().getDetails().getCauses()).extracting(StatusCause::getField,
                            StatusCause::getMessage).containsExactlyInAnyOrder(causes);
                });
    }

    private static void assertConversionError(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusException.class, e -> {
            assertThat(e.code()).isEqualTo(500);
            assertThat(e.status().getReason()).isNull();
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static ObjectNode failed(ObjectNode review, String message) {
        ObjectNode out = JSON.createObjectNode();
        out.put("apiVersion", "apiextensions.k8s.io/v1");
        out.put("kind", "ConversionReview");
        ObjectNode response = out.putObject("response");
        response.put("uid", review.path("request").path("uid").asString());
        response.putObject("result").put("status", "Failure").put("message", message);
        return out;
    }
}

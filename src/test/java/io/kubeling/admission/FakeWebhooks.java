package io.kubeling.admission;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.configmaps.ConfigMapResource;
import io.kubeling.resources.namespaces.NamespaceResource;
import io.kubeling.resources.webhookconfigurations.WebhookConfigurationResource;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A registry of namespaces, config maps and webhook configurations whose webhooks answer through
 * functions of the test, by URL, instead of over HTTPS; every review sent is kept.
 */
final class FakeWebhooks implements WebhookCaller, AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final InMemoryStorage storage;
    final Registry registry;
    final List<JsonNode> reviews = new CopyOnWriteArrayList<>();
    private final Map<String, Function<JsonNode, CompletableFuture<byte[]>>> endpoints = new ConcurrentHashMap<>();

    /** Serves namespaces, config maps, webhook configurations and {@code more}. */
    FakeWebhooks(ResourceDefinition<?>... more) {
        ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        storage = InMemoryStorage.open(clock);
        AtomicReference<Registry> holder = new AtomicReference<>();
        ObjectCodec codec = new ObjectCodec();
        WebhookSource source = new WebhookSource(holder::get);
        WebhookAdmission admission = new WebhookAdmission(source, this, codec, name -> holder.get()
                .store(io.fabric8.kubernetes.api.model.Namespace.class).peek(null, name).getMetadata().getLabels(),
                def -> ResourceRules.equivalents(holder.get(), def));
        WebhookConfigurationResource webhooks = new WebhookConfigurationResource();
        List<ResourceDefinition<?>> served = new java.util.ArrayList<>(List.of(new NamespaceResource().namespaces(),
                new ConfigMapResource().configmaps(), webhooks.mutatingWebhookConfigurations(),
                webhooks.validatingWebhookConfigurations()));
        served.addAll(List.of(more));
        registry = new Registry(served,
                storage.store(), codec, clock, new NameGenerator(), List.of(admission), List.of(), List.of(),
                new KubelingProperties.Cache(1024, null));
        holder.set(registry);
    }

    /** Answers the webhook at {@code url} with what {@code answer} makes of each review. */
    void serve(String url, Function<JsonNode, CompletableFuture<byte[]>> answer) {
        endpoints.put(url, answer);
    }

    void serveAnswers(String url, Function<JsonNode, ObjectNode> response) {
        serve(url, review -> CompletableFuture.completedFuture(JSON.writeValueAsBytes(response.apply(review))));
    }

    @Override
    public CompletableFuture<byte[]> post(Webhook hook, byte[] review, int timeoutSeconds) {
        JsonNode tree = JSON.readTree(review);
        reviews.add(tree);
        Function<JsonNode, CompletableFuture<byte[]>> endpoint = endpoints.get(hook.clientConfig().getUrl());
        if (endpoint == null) {
            throw new CallFailure("failed to call webhook: Post \"" + hook.clientConfig().getUrl() + "?timeout="
                    + timeoutSeconds + "s\": dial tcp 127.0.0.1:1: connect: connection refused");
        }
        return endpoint.apply(tree);
    }

    void namespace(String name, Map<String, String> labels) {
        registry.store(io.fabric8.kubernetes.api.model.Namespace.class).create(null, new NamespaceBuilder()
                .withNewMetadata().withName(name).withLabels(labels).endMetadata().build(), WriteOptions.DEFAULT);
    }

    /** A v1 response to {@code review}: allowed, or not with {@code status}, plus what {@code more} adds. */
    static ObjectNode response(JsonNode review, boolean allowed) {
        ObjectNode out = JSON.createObjectNode();
        out.put("apiVersion", "admission.k8s.io/v1");
        out.put("kind", "AdmissionReview");
        ObjectNode response = out.putObject("response");
        response.put("uid", review.at("/request/uid").asString());
        response.put("allowed", allowed);
        return out;
    }

    static ObjectNode patched(JsonNode review, String jsonPatch) {
        ObjectNode out = response(review, true);
        ObjectNode response = (ObjectNode) out.get("response");
        response.put("patchType", "JSONPatch");
        response.put("patch", Base64.getEncoder().encodeToString(jsonPatch.getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    @Override
    public void close() {
        storage.close();
    }
}

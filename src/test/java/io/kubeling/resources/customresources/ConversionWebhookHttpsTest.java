package io.kubeling.resources.customresources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubeling.support.CustomResourceDefinitionsLock;
import io.kubeling.support.Fabric8;
import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.TestCertificates;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CRD with v1 and v2 whose conversion webhook is served by the test over HTTPS on a loopback port, with a
 * self-signed certificate as its caBundle: fabric8 writes in one version and reads, lists and watches in the
 * other, then sees kube's error once the webhook is gone.
 */
@KubelingTest
@CustomResourceDefinitionsLock
class ConversionWebhookHttpsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private HttpsServer server;
    private ExecutorService executor;
    private String caBundle;
    private final List<String> desired = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        TestCertificates certificates = TestCertificates.selfSigned("convert");
        caBundle = certificates.caBundle();
        SSLContext tls = certificates.serverContext();
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/convert", exchange -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            exchange.getRequestBody().transferTo(body);
            ObjectNode review = (ObjectNode) JSON.readTree(body.toByteArray());
            desired.add(review.path("request").path("desiredAPIVersion").asString());
            byte[] out = JSON.writeValueAsBytes(WidgetConverter.answer(review));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private CustomResourceDefinition crd(String group, String url) {
        return JSON.convertValue(Map.of("apiVersion", "apiextensions.k8s.io/v1", "kind", "CustomResourceDefinition",
                "metadata", Map.of("name", "widgets." + group),
                "spec", Map.of("group", group, "scope", "Namespaced",
                        "names", Map.of("plural", "widgets", "singular", "widget", "kind", "Widget"),
                        "conversion", Map.of("strategy", "Webhook", "webhook", Map.of(
                                "conversionReviewVersions", List.of("v1"),
                                "clientConfig", Map.of("url", url, "caBundle", caBundle))),
                        "versions", List.of(version("v1", false, "size", "string"),
                                version("v2", true, "replicas", "integer")))),
                CustomResourceDefinition.class);
    }

    private static Map<String, Object> version(String name, boolean storage, String field, String type) {
        return Map.of("name", name, "served", true, "storage", storage, "schema", Map.of("openAPIV3Schema", Map.of(
                "type", "object", "properties", Map.of("spec", Map.of("type", "object",
                        "properties", Map.of(field, Map.of("type", type)))))));
    }

    private static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>> widgets(KubernetesClient client, String group, String version) {
        return client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup(group)
                .withVersion(version).withPlural("widgets").withKind("Widget").withNamespaced(true).build());
    }

    @Test
    void fabric8WritesInOneVersionAndReadsListsAndWatchesInTheOtherThroughTheWebhook() {
        String group = "conv" + Long.toHexString(System.nanoTime()) + ".kubeling.io";
        String url = "https://127.0.0.1:" + server.getAddress().getPort() + "/convert";
        try (KubernetesClient client = Fabric8.client(port)) {
            client.apiextensions().v1().customResourceDefinitions().resource(crd(group, url)).create();
            client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group)
                    .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                            .anyMatch(cond -> cond.getType().equals("Established")
                                    && cond.getStatus().equals("True")), 10, TimeUnit.SECONDS);
            String ns = Fabric8.newNamespace(client, "conv-");
            widgets(client, group, "v1").inNamespace(ns).resource(new GenericKubernetesResourceBuilder()
                    .withApiVersion(group + "/v1").withKind("Widget").withNewMetadata().withName("w").endMetadata()
                    .addToAdditionalProperties("spec", Map.of("size", "3")).build()).create();
            assertThat(desired).contains(group + "/v2");

            GenericKubernetesResource inV2 = widgets(client, group, "v2").inNamespace(ns).withName("w").get();
            assertThat(inV2.getApiVersion()).isEqualTo(group + "/v2");
            assertThat(inV2.getAdditionalProperties().get("spec")).isEqualTo(Map.of("replicas", 3));

            List<String> seen = new CopyOnWriteArrayList<>();
            SharedIndexInformer<GenericKubernetesResource> informer = widgets(client, group, "v1").inNamespace(ns)
                    .inform(new ResourceEventHandler<>() {
                        @Override
                        public void onAdd(GenericKubernetesResource obj) {
                            seen.add(obj.getApiVersion() + " " + obj.getAdditionalProperties().get("spec"));
                        }

                        @Override
                        public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                            seen.add(newObj.getApiVersion() + " " + newObj.getAdditionalProperties().get("spec"));
                        }

                        @Override
                        public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                        }
                    });
            try {
                inV2.setAdditionalProperty("spec", Map.of("replicas", 7));
                widgets(client, group, "v2").inNamespace(ns).resource(inV2).update();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(seen)
                        .containsExactly(group + "/v1 {size=3}", group + "/v1 {size=7}"));
            } finally {
                informer.close();
            }
            assertThat(widgets(client, group, "v1").inNamespace(ns).list().getItems())
                    .extracting(o -> o.getAdditionalProperties().get("spec")).containsExactly(Map.of("size", "7"));

            int webhookPort = server.getAddress().getPort();
            server.stop(0);
            assertThatThrownBy(() -> widgets(client, group, "v1").inNamespace(ns).withName("w").get())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(500);
                        assertThat(e.getStatus().getMessage()).isEqualTo("conversion webhook for " + group
                                + "/v2, Kind=Widget failed: Post \"" + url + "?timeout=30s\": dial tcp 127.0.0.1:"
                                + webhookPort + ": connect: connection refused");
                    });
            GenericKubernetesResource stored = widgets(client, group, "v2").inNamespace(ns).withName("w").get();
            String before = stored.getMetadata().getResourceVersion();
            stored.setAdditionalProperty("spec", Map.of("replicas", 8));
            widgets(client, group, "v2").inNamespace(ns).resource(stored).update();
            HttpApi.Reply watch = new HttpApi(port).get("/apis/" + group + "/v1/namespaces/" + ns
                    + "/widgets?watch=true&timeoutSeconds=5&resourceVersion=" + before);
            String[] lines = watch.text().strip().split("\n");
            tools.jackson.databind.JsonNode last = JSON.readTree(lines[lines.length - 1]);
            assertThat(lines).hasSize(1);
            assertThat(last.path("type").asString()).isEqualTo("ERROR");
            assertThat(last.path("object").path("code").asInt()).isEqualTo(500);
            assertThat(last.path("object").path("message").asString()).startsWith("conversion webhook for " + group
                    + "/v2, Kind=Widget failed: Post \"" + url);

            // the CRD's instances are deleted through the storage version, which needs no webhook
            client.apiextensions().v1().customResourceDefinitions().withName("widgets." + group).delete();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(client.apiextensions().v1()
                    .customResourceDefinitions().withName("widgets." + group).get()).isNull());
        }
    }
}

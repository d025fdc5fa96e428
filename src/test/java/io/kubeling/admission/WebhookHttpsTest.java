package io.kubeling.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.TestCertificates;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Webhooks registered through the API, served by an HTTPS server of the test on a loopback port with a
 * self-signed certificate given as their caBundle. Every webhook selects only the config maps labelled
 * with this test's id, so that other tests sharing the server never reach it.
 */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class WebhookHttpsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private HttpApi api;
    private HttpsServer server;
    private ExecutorService executor;
    private String ns;
    private String id;
    private String caBundle;
    private final List<String> configurations = new ArrayList<>();
    /** The slow webhook's calls: each one counted as it arrives, all held until the test ends. */
    private final Semaphore arrived = new Semaphore(0);
    private final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        api = new HttpApi(port);
        ns = api.newNamespace("webhooks-");
        id = ns.substring("webhooks-".length());
        TestCertificates certificates = TestCertificates.selfSigned("webhook", "webhook." + ns + ".svc");
        caBundle = certificates.caBundle();
        SSLContext tls = certificates.serverContext();
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/validate", exchange -> answer(exchange, review -> {
            String name = review.at("/request/name").asString();
            ObjectNode out = allowed(review, !name.startsWith("denied"));
            ObjectNode response = (ObjectNode) out.get("response");
            if (name.startsWith("denied")) {
                response.putObject("status").put("code", 403).put("reason", "Forbidden")
                        .put("message", "name " + name + " is not allowed");
            } else {
                response.putArray("warnings").add("checked by " + review.at("/request/userInfo/username").asString());
            }
            return out;
        }));
        server.createContext("/mutate", exchange -> answer(exchange, review -> {
            ObjectNode out = allowed(review, true);
            String patch = "[{\"op\":\"add\",\"path\":\"/metadata/labels/mutated\",\"value\":\"yes\"}]";
            ((ObjectNode) out.get("response")).put("patchType", "JSONPatch")
                    .put("patch", Base64.getEncoder().encodeToString(patch.getBytes(StandardCharsets.UTF_8)));
            return out;
        }));
        server.createContext("/slow", exchange -> answer(exchange, review -> {
            arrived.release();
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return allowed(review, true);
        }));
        server.createContext("/stalled-body", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write('{');
                stream.flush();
                arrived.release();
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException gone) {
                // the server gave up on the call
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        for (String path : configurations) {
            api.delete(path);
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private static ObjectNode allowed(JsonNode review, boolean allowed) {
        ObjectNode out = JSON.createObjectNode();
        out.put("apiVersion", "admission.k8s.io/v1");
        out.put("kind", "AdmissionReview");
        out.putObject("response").put("uid", review.at("/request/uid").asString()).put("allowed", allowed);
        return out;
    }

    private static void answer(HttpExchange exchange, java.util.function.Function<JsonNode, ObjectNode> reply)
            throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        exchange.getRequestBody().transferTo(body);
        byte[] out = JSON.writeValueAsBytes(reply.apply(JSON.readTree(body.toByteArray())));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, out.length);
        try (OutputStream stream = exchange.getResponseBody()) {
            stream.write(out);
        }
    }

    private String url(String path) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Registers one webhook selecting this test's config maps labelled {@code case: <label>}. */
    private void register(String kind, String name, String label, String clientConfig, String extra) {
        String plural = kind.toLowerCase() + "s";
        String configuration = name.replace('.', '-') + "-" + id;
        String body = "{\"apiVersion\":\"admissionregistration.k8s.io/v1\",\"kind\":\"" + kind + "\",\"metadata\":"
                + "{\"name\":\"" + configuration + "\"},\"webhooks\":[{\"name\":\"" + name + "\",\"clientConfig\":"
                + clientConfig + ",\"rules\":[{\"operations\":[\"CREATE\"],\"apiGroups\":[\"\"],\"apiVersions\":"
                + "[\"v1\"],\"resources\":[\"configmaps\"]}],\"objectSelector\":{\"matchLabels\":{\"test\":\"" + id
                + "\",\"case\":\"" + label + "\"}},\"sideEffects\":\"None\",\"admissionReviewVersions\":[\"v1\"]"
                + extra + "}]}";
        HttpApi.Reply reply = api.post("/apis/admissionregistration.k8s.io/v1/" + plural, body);
        assertThat(reply.code()).as(reply.toString()).isEqualTo(201);
        configurations.add("/apis/admissionregistration.k8s.io/v1/" + plural + "/" + configuration);
    }

    private String urlConfig(String path) {
        return "{\"url\":\"" + url(path) + "\",\"caBundle\":\"" + caBundle + "\"}";
    }

    private HttpApi.Reply createConfigMap(String name, String label) {
        return api.post("/api/v1/namespaces/" + ns + "/configmaps", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                + "\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"test\":\"" + id + "\",\"case\":\"" + label
                + "\"}},\"data\":{\"k\":\"v\"}}");
    }

    @Test
    void aDenialAMutationAndAWarningReachTheClientAsKubeSendsThem() {
        register("ValidatingWebhookConfiguration", "deny.kubeling.test", "checked", urlConfig("/validate"), "");
        register("MutatingWebhookConfiguration", "label.kubeling.test", "checked", urlConfig("/mutate"), "");

        HttpApi.Reply denied = createConfigMap("denied-1", "checked");
        assertThat(denied.code()).as(denied.toString()).isEqualTo(403);
        assertThat(denied.json().get("message").asString())
                .isEqualTo("admission webhook \"deny.kubeling.test\" denied the request: name denied-1 is not allowed");
        assertThat(denied.json().get("reason").asString()).isEqualTo("Forbidden");
        assertThat(api.get("/api/v1/namespaces/" + ns + "/configmaps/denied-1").code()).isEqualTo(404);

        HttpApi.Reply created = createConfigMap("ok-1", "checked");
        assertThat(created.code()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().at("/metadata/labels/mutated").asString()).isEqualTo("yes");
        assertThat(created.headers("Warning")).containsExactly("299 - \"checked by kubernetes-admin\"");
        JsonNode stored = api.get("/api/v1/namespaces/" + ns + "/configmaps/ok-1").json();
        assertThat(stored.at("/metadata/labels/mutated").asString()).isEqualTo("yes");
    }

    @Test
    void aRefusedConnectionFailsTheRequestUnderFailAndNotUnderIgnore() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String config = "{\"url\":\"https://127.0.0.1:" + closed + "/x\",\"caBundle\":\"" + caBundle + "\"}";
        register("ValidatingWebhookConfiguration", "refused.kubeling.test", "fail", config,
                ",\"failurePolicy\":\"Fail\"");
        register("ValidatingWebhookConfiguration", "ignored.kubeling.test", "ignore", config,
                ",\"failurePolicy\":\"Ignore\"");

        HttpApi.Reply failed = createConfigMap("refused", "fail");
        assertThat(failed.code()).as(failed.toString()).isEqualTo(500);
        assertThat(failed.json().get("reason").asString()).isEqualTo("InternalError");
        assertThat(failed.json().get("message").asString()).isEqualTo("Internal error occurred: failed calling webhook "
                + "\"refused.kubeling.test\": failed to call webhook: Post \"https://127.0.0.1:" + closed
                + "/x?timeout=10s\": dial tcp 127.0.0.1:" + closed + ": connect: connection refused");

        assertThat(createConfigMap("ignored", "ignore").code()).isEqualTo(201);
    }

    @Test
    void aWebhookThatHangsIsCutOffAtItsTimeoutAndSlowsNoOtherRequest() throws Exception {
        register("ValidatingWebhookConfiguration", "slow.kubeling.test", "slow", urlConfig("/slow"),
                ",\"timeoutSeconds\":2");

        // the webhook holds the call for 30 s: the answer comes at the webhook's timeout of 2 s
        long started = System.nanoTime();
        CompletableFuture<HttpApi.Reply> slow = CompletableFuture.supplyAsync(() -> createConfigMap("slow", "slow"));
        assertThat(arrived.tryAcquire(20, TimeUnit.SECONDS)).isTrue();
        // meanwhile the server answers others (a read: client writes take turns on the write seats, which it holds)
        HttpApi.Reply read = api.get("/api/v1/namespaces/" + ns + "/configmaps");
        assertThat(read.code()).isEqualTo(200);
        assertThat(slow).as("answered before a read made while its webhook held it").isNotDone();

        HttpApi.Reply timedOut = slow.get(20, TimeUnit.SECONDS);
        long slowMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(timedOut.code()).as(timedOut.toString()).isEqualTo(500);
        assertThat(timedOut.json().get("message").asString()).isEqualTo("Internal error occurred: failed calling "
                + "webhook \"slow.kubeling.test\": failed to call webhook: Post \"" + url("/slow")
                + "?timeout=2s\": context deadline exceeded");
        assertThat(slowMillis).isBetween(1_900L, 15_000L);
    }

    @Test
    void aWebhookWhoseAnswerNeverEndsIsCutOffAtItsTimeoutAsKubeSaysIt() throws Exception {
        // the headers come at once, so only the server's own deadline ends a body that never does, as Go's context
        register("ValidatingWebhookConfiguration", "stalled.kubeling.test", "stalled", urlConfig("/stalled-body"),
                ",\"timeoutSeconds\":1");
        HttpApi.Reply timedOut = createConfigMap("stalled", "stalled");
        assertThat(arrived.tryAcquire(0, TimeUnit.SECONDS)).as("the webhook began its answer").isTrue();
        assertThat(timedOut.code()).as(timedOut.toString()).isEqualTo(500);
        assertThat(timedOut.json().get("message").asString()).isEqualTo("Internal error occurred: failed calling "
                + "webhook \"stalled.kubeling.test\": failed to call webhook: Post \"" + url("/stalled-body")
                + "?timeout=1s\": context deadline exceeded");
    }

    @Test
    void anExternalNameServiceWebhookIsCalledWithTheCertificateOfTheServicesName() {
        int webhookPort = server.getAddress().getPort();
        HttpApi.Reply service = api.post("/api/v1/namespaces/" + ns + "/services", "{\"apiVersion\":\"v1\","
                + "\"kind\":\"Service\",\"metadata\":{\"name\":\"webhook\"},\"spec\":{\"type\":\"ExternalName\","
                + "\"externalName\":\"localhost\"}}");
        assertThat(service.code()).as(service.toString()).isEqualTo(201);
        register("ValidatingWebhookConfiguration", "service.kubeling.test", "service",
                "{\"service\":{\"namespace\":\"" + ns + "\",\"name\":\"webhook\",\"path\":\"/validate\",\"port\":"
                        + webhookPort + "},\"caBundle\":\"" + caBundle + "\"}", "");

        HttpApi.Reply denied = createConfigMap("denied-by-service", "service");
        assertThat(denied.code()).as(denied.toString()).isEqualTo(403);
        assertThat(denied.json().get("message").asString()).isEqualTo(
                "admission webhook \"service.kubeling.test\" denied the request: name denied-by-service is not allowed");
    }
}

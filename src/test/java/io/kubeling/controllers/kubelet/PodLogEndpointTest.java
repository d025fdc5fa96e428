package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET pods/{name}/log} over HTTP on the shared server: discovery, a Status error, and a followed log.
 * The container selection, the parameters and a follow that streams as time passes are in
 * {@link PodLogOnRegistryTest}, on a stopped clock.
 */
@KubelingTest
class PodLogEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

    private HttpApi api;
    private KubeletCluster cluster;
    private String ns;
    private String node;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        cluster = new KubeletCluster(api);
        ns = api.newNamespace("logs");
        node = cluster.newNode("logs", 41);
    }

    @AfterEach
    void removeNodes() {
        cluster.removeNodes();
    }

    private String log(String pod, String query) {
        Reply reply = api.get("/api/v1/namespaces/" + ns + "/pods/" + pod + "/log" + query, "*/*");
        assertThat(reply.code()).as(reply.text()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/plain");
        return reply.text();
    }

    private Reply error(String pod, String query) {
        return api.get("/api/v1/namespaces/" + ns + "/pods/" + pod + "/log" + query);
    }

    @Test
    void aContainerNotStartedYetIsWaitingToStart() {
        cluster.createPod(ns, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"w"},
                 "spec":{"nodeName":"%s","initContainers":[{"name":"block","image":"busybox","command":["sleep","3600"]}],
                  "containers":[{"name":"web","image":"nginx"}]}}""".formatted(node));
        cluster.awaitRow(ns, "w", "0/1 Init:0/1", WAIT);
        Reply waiting = error("w", "");
        assertThat(waiting.code()).isEqualTo(400);
        assertThat(waiting.json().get("message").asString())
                .isEqualTo("container \"web\" in pod \"w\" is waiting to start: PodInitializing");
    }

    @Test
    void followOverHttpEndsWithTheContainer() throws Exception {
        cluster.createPod(ns, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"f"},
                 "spec":{"nodeName":"%s","restartPolicy":"Never",
                  "containers":[{"name":"c","image":"busybox","command":["sh","-c","echo first; echo second"]}]}}"""
                .formatted(node));
        cluster.awaitPod(ns, "f", WAIT, p -> "Succeeded".equals(p.at("/status/phase").asString()));
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(URI.create(api.base()
                + "/api/v1/namespaces/" + ns + "/pods/f/log?follow=true")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/plain"));
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        assertThat(lines).containsExactly("first", "second");
        assertThat(log("f", "?tailLines=1")).isEqualTo("second\n");
    }

    @Test
    void discoveryListsPodsLogAsAGetOnPods() {
        JsonNode resources = api.get("/api/v1").json().get("resources");
        JsonNode log = null;
        for (JsonNode r : resources) {
            if (r.get("name").asString().equals("pods/log")) {
                log = r;
            }
        }
        assertThat(log).isNotNull();
        assertThat(log.get("kind").asString()).isEqualTo("Pod");
        assertThat(log.get("verbs").toString()).isEqualTo("[\"get\"]");
    }
}

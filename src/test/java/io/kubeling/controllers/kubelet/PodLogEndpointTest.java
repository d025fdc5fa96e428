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
import java.time.Instant;
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

/** {@code GET pods/{name}/log} and its parameters, over what the kubelet simulation recorded. */
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

    private void twoContainerPod() {
        cluster.createPod(ns, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"},
                 "spec":{"nodeName":"%s","terminationGracePeriodSeconds":1,
                  "initContainers":[{"name":"setup","image":"busybox","command":["echo","prepared"]}],
                  "containers":[
                   {"name":"a","image":"busybox","command":["sh","-c","echo one; echo two; printf 'three\\\\n'; sleep 3600"]},
                   {"name":"b","image":"nginx"}]}}""".formatted(node));
        cluster.awaitRow(ns, "x", "2/2 Running", WAIT);
    }

    @Test
    void containerSelectionFollowsKubesRules() {
        twoContainerPod();
        Reply unnamed = error("x", "");
        assertThat(unnamed.code()).isEqualTo(400);
        assertThat(unnamed.json().get("message").asString()).isEqualTo(
                "a container name must be specified for pod x, choose one of: [a b] or one of the init containers: [setup]");
        assertThat(unnamed.json().get("reason").asString()).isEqualTo("BadRequest");
        Reply unknown = error("x", "?container=zzz");
        assertThat(unknown.code()).isEqualTo(400);
        assertThat(unknown.json().get("message").asString()).isEqualTo("container zzz is not valid for pod x");
        assertThat(error("nope", "?container=a").code()).isEqualTo(404);

        assertThat(log("x", "?container=a")).isEqualTo("one\ntwo\nthree\n");
        assertThat(log("x", "?container=setup")).isEqualTo("prepared\n");
        assertThat(log("x", "?container=b")).contains("nginx/1.27.3");
        Reply previous = error("x", "?container=a&previous=true");
        assertThat(previous.code()).isEqualTo(400);
        assertThat(previous.json().get("message").asString())
                .isEqualTo("previous terminated container \"a\" in pod \"x\" not found");
    }

    @Test
    void tailSinceTimestampsAndLimitBytes() {
        twoContainerPod();
        assertThat(log("x", "?container=a&tailLines=2")).isEqualTo("two\nthree\n");
        assertThat(log("x", "?container=a&tailLines=0")).isEmpty();
        assertThat(log("x", "?container=a&limitBytes=6")).isEqualTo("one\ntw");
        String stamped = log("x", "?container=a&timestamps=true");
        List<String> lines = stamped.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z one");
        Instant written = Instant.parse(lines.get(0).substring(0, lines.get(0).indexOf(' ')));
        assertThat(log("x", "?container=a&sinceTime=" + written.plusSeconds(60).toString())).isEmpty();
        assertThat(log("x", "?container=a&sinceTime=" + written.minusSeconds(60).toString())).isEqualTo("one\ntwo\nthree\n");
        assertThat(log("x", "?container=a&sinceSeconds=3600")).isEqualTo("one\ntwo\nthree\n");

        Reply negative = error("x", "?container=a&tailLines=-1");
        assertThat(negative.code()).isEqualTo(422);
        assertThat(negative.json().get("message").asString())
                .isEqualTo("PodLogOptions \"x\" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0");
        Reply both = error("x", "?container=a&sinceSeconds=5&sinceTime=" + written);
        assertThat(both.code()).isEqualTo(422);
        assertThat(both.json().get("message").asString()).contains("at most one of `sinceTime` or `sinceSeconds` may be specified");
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
    void followStreamsUntilTheContainerEnds() throws Exception {
        cluster.createPod(ns, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"f"},
                 "spec":{"nodeName":"%s","restartPolicy":"Never",
                  "containers":[{"name":"c","image":"busybox","command":["sh","-c","echo first; sleep 2; echo second"]}]}}"""
                .formatted(node));
        cluster.awaitPod(ns, "f", WAIT, p -> p.at("/status/containerStatuses/0/state/running").isObject());
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<java.io.InputStream> response = client.send(HttpRequest.newBuilder(URI.create(api.base()
                + "/api/v1/namespaces/" + ns + "/pods/f/log?follow=true")).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        assertThat(lines).containsExactly("first", "second");
        JsonNode done = cluster.awaitPod(ns, "f", WAIT, p -> "Succeeded".equals(p.at("/status/phase").asString()));
        assertThat(done.at("/status/containerStatuses/0/state/terminated/reason").asString()).isEqualTo("Completed");
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

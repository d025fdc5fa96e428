package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.SubresourceCall;
import io.kubeling.registry.TextStream;
import io.kubeling.registry.WriteOptions;

/** {@code pods/log} and its parameters over what the kubelets on a stopped clock recorded. */
class PodLogOnRegistryTest {

    private static KubeletOnRegistry kubelet;
    private static StoppedCluster cluster;
    private static int namespaces;
    private String node;
    private String ns;

    @BeforeAll
    static void build() {
        kubelet = new KubeletOnRegistry();
        cluster = kubelet.cluster;
    }

    @AfterAll
    static void close() {
        kubelet.close();
    }

    @BeforeEach
    void newNode() {
        node = kubelet.newNode();
        ns = "logs-" + ++namespaces;
    }

    @AfterEach
    void removeNode() {
        kubelet.removeNode(node);
    }

    private void twoContainerPod() {
        kubelet.createPod(ns, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"},
                 "spec":{"nodeName":"%s","terminationGracePeriodSeconds":1,
                  "initContainers":[{"name":"setup","image":"busybox","command":["echo","prepared"]}],
                  "containers":[
                   {"name":"a","image":"busybox","command":["sh","-c","echo one; echo two; printf 'three\\\\n'; sleep 3600"]},
                   {"name":"b","image":"nginx"}]}}""".formatted(node));
        kubelet.advanceToRow(ns, "x", "2/2 Running", Duration.ofSeconds(30));
    }

    private String log(String pod, String... query) {
        return kubelet.log(ns, pod, query);
    }

    /** The Status error the request is answered with. */
    private StatusException error(String pod, String... query) {
        try {
            kubelet.log(ns, pod, query);
        } catch (StatusException e) {
            return e;
        }
        throw new AssertionError("the log of " + pod + " was served");
    }

    @Test
    void containerSelectionFollowsKubesRules() {
        twoContainerPod();
        StatusException unnamed = error("x");
        assertThat(unnamed.code()).isEqualTo(400);
        assertThat(unnamed.getMessage()).isEqualTo(
                "a container name must be specified for pod x, choose one of: [a b] or one of the init containers: [setup]");
        assertThat(unnamed.reason()).isEqualTo("BadRequest");
        StatusException unknown = error("x", "container", "zzz");
        assertThat(unknown.code()).isEqualTo(400);
        assertThat(unknown.getMessage()).isEqualTo("container zzz is not valid for pod x");
        assertThat(error("nope", "container", "a").code()).isEqualTo(404);

        assertThat(log("x", "container", "a")).isEqualTo("one\ntwo\nthree\n");
        assertThat(log("x", "container", "setup")).isEqualTo("prepared\n");
        assertThat(log("x", "container", "b")).contains("nginx/1.27.3");
        StatusException previous = error("x", "container", "a", "previous", "true");
        assertThat(previous.code()).isEqualTo(400);
        assertThat(previous.getMessage()).isEqualTo("previous terminated container \"a\" in pod \"x\" not found");
    }

    @Test
    void tailSinceTimestampsAndLimitBytes() {
        twoContainerPod();
        assertThat(log("x", "container", "a", "tailLines", "2")).isEqualTo("two\nthree\n");
        assertThat(log("x", "container", "a", "tailLines", "0")).isEmpty();
        assertThat(log("x", "container", "a", "limitBytes", "6")).isEqualTo("one\ntw");
        List<String> lines = log("x", "container", "a", "timestamps", "true").lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z one");
        Instant written = Instant.parse(lines.get(0).substring(0, lines.get(0).indexOf(' ')));
        assertThat(log("x", "container", "a", "sinceTime", written.plusSeconds(60).toString())).isEmpty();
        assertThat(log("x", "container", "a", "sinceTime", written.minusSeconds(60).toString()))
                .isEqualTo("one\ntwo\nthree\n");
        assertThat(log("x", "container", "a", "sinceSeconds", "3600")).isEqualTo("one\ntwo\nthree\n");
        // the lines were written more than a minute of simulated time ago
        cluster.advance(Duration.ofMinutes(2));
        assertThat(log("x", "container", "a", "sinceSeconds", "60")).isEmpty();

        StatusException negative = error("x", "container", "a", "tailLines", "-1");
        assertThat(negative.code()).isEqualTo(422);
        assertThat(negative.getMessage())
                .isEqualTo("PodLogOptions \"x\" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0");
        StatusException both = error("x", "container", "a", "sinceSeconds", "5", "sinceTime", written.toString());
        assertThat(both.code()).isEqualTo(422);
        assertThat(both.getMessage()).contains("at most one of `sinceTime` or `sinceSeconds` may be specified");
    }

    @Test
    void followStreamsEachLineAsItIsWrittenUntilTheContainerEnds() throws Exception {
        kubelet.createPod(ns, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"f"},
                 "spec":{"nodeName":"%s","restartPolicy":"Never",
                  "containers":[{"name":"c","image":"busybox","command":["sh","-c","echo first; sleep 2; echo second"]}]}}"""
                .formatted(node));
        kubelet.advanceToRunning(ns, "f", "c", Duration.ofSeconds(10));
        cluster.advanceUntil(Duration.ofMillis(100), Duration.ofSeconds(1), () -> log("f").equals("first\n"));
        TextStream stream = (TextStream) kubelet.logEndpoint.get(new SubresourceCall(ns, "f",
                Map.of("follow", new String[] { "true" }), null, WriteOptions.DEFAULT)).body();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> following = CompletableFuture.runAsync(() -> {
            try {
                stream.writeTo(out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        cluster.awaitUntil(() -> out.toString(StandardCharsets.UTF_8).equals("first\n"));
        assertThat(following).isNotDone();

        cluster.advanceUntil(Duration.ofMillis(100), Duration.ofSeconds(3), following::isDone);
        following.get(5, TimeUnit.SECONDS);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("first\nsecond\n");
        cluster.advanceUntil(Duration.ofMillis(100), Duration.ofSeconds(2),
                () -> "Succeeded".equals(kubelet.pod(ns, "f").getStatus().getPhase()));
        assertThat(kubelet.pod(ns, "f").getStatus().getContainerStatuses().get(0).getState().getTerminated()
                .getReason()).isEqualTo("Completed");
    }
}

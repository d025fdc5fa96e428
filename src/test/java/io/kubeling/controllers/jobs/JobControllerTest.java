package io.kubeling.controllers.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

/**
 * Jobs over HTTP on the shared server: defaults, validation, and a Job completing. What takes time (back-off,
 * deadlines, TTL) and indexed completion are in {@link JobControllerOnRegistryTest}, on a stopped clock.
 */
@KubelingTest
class JobControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        ns = api.newNamespace("job-");
    }

    private String path() {
        return "/apis/batch/v1/namespaces/" + ns + "/jobs";
    }

    private HttpApi.Reply create(String name, String spec) {
        return api.post(path(), """
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"%s"},
                 "spec":{%s"template":{"spec":{"restartPolicy":"Never","schedulerName":"kubeling-test-unscheduled",
                   "containers":[{"name":"main","image":"busybox","command":["echo","hi"]}]}}}}
                """.formatted(name, spec));
    }

    private JsonNode job(String name) {
        return api.get(path() + "/" + name).json();
    }

    private List<JsonNode> pods() {
        List<JsonNode> pods = new ArrayList<>();
        api.get("/api/v1/namespaces/" + ns + "/pods").json().get("items").forEach(pods::add);
        return pods;
    }

    private List<JsonNode> livePods() {
        return pods().stream().filter(p -> p.at("/metadata/deletionTimestamp").isMissingNode()
                && !p.at("/status/phase").asString().equals("Succeeded")
                && !p.at("/status/phase").asString().equals("Failed")).toList();
    }

    private void finish(String pod, String phase, int exitCode) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        HttpApi.Reply reply = api.patch("/api/v1/namespaces/" + ns + "/pods/" + pod + "/status",
                "application/merge-patch+json", """
                        {"status":{"phase":"%s","containerStatuses":[{"name":"main","image":"busybox","imageID":"",
                          "ready":false,"restartCount":0,"state":{"terminated":{"exitCode":%d,"reason":"%s",
                          "startedAt":"%s","finishedAt":"%s"}}}]}}""".formatted(phase, exitCode,
                        exitCode == 0 ? "Completed" : "Error", now, now));
        assertThat(reply.code()).as(reply.text()).isEqualTo(200);
    }

    private String condition(JsonNode job, String type, String field) {
        for (JsonNode c : job.at("/status/conditions")) {
            if (c.get("type").asString().equals(type)) {
                return c.get(field).asString();
            }
        }
        return null;
    }

    private List<String> events(String reason) {
        List<String> out = new ArrayList<>();
        api.get("/api/v1/namespaces/" + ns + "/events").json().get("items").forEach(e -> {
            if (e.get("reason").asString().equals(reason)) {
                out.add(e.get("message").asString());
            }
        });
        return out;
    }

    @Test
    void defaultsAndGeneratedSelector() {
        HttpApi.Reply reply = create("pi", "");
        assertThat(reply.code()).isEqualTo(201);
        JsonNode job = reply.json();
        String uid = job.at("/metadata/uid").asString();
        JsonNode spec = job.get("spec");
        assertThat(spec.get("backoffLimit").asInt()).isEqualTo(6);
        assertThat(spec.get("completions").asInt()).isEqualTo(1);
        assertThat(spec.get("parallelism").asInt()).isEqualTo(1);
        assertThat(spec.get("completionMode").asString()).isEqualTo("NonIndexed");
        assertThat(spec.get("suspend").asBoolean()).isFalse();
        assertThat(spec.get("manualSelector").asBoolean()).isFalse();
        assertThat(spec.get("podReplacementPolicy").asString()).isEqualTo("TerminatingOrFailed");
        assertThat(spec.at("/selector/matchLabels/batch.kubernetes.io~1controller-uid").asString()).isEqualTo(uid);
        JsonNode labels = spec.at("/template/metadata/labels");
        assertThat(labels.get("batch.kubernetes.io/job-name").asString()).isEqualTo("pi");
        assertThat(labels.get("job-name").asString()).isEqualTo("pi");
        assertThat(labels.get("controller-uid").asString()).isEqualTo(uid);
        assertThat(job.at("/metadata/labels/batch.kubernetes.io~1controller-uid").asString()).isEqualTo(uid);
    }

    @Test
    void validation() {
        HttpApi.Reply reply = api.post(path(), """
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"bad"},
                 "spec":{"backoffLimit":-1,"completionMode":"Indexed","parallelism":1,
                   "template":{"spec":{"containers":[{"name":"main","image":"busybox"}]}}}}""");
        assertThat(reply.code()).isEqualTo(422);
        assertThat(reply.json().get("message").asString()).isEqualTo("Job.batch \"bad\" is invalid: ["
                + "spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0, "
                + "spec.completions: Required value: when completion mode is Indexed, "
                + "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"]");
    }

    @Test
    void completesAfterEnoughSucceededPods() {
        create("twice", "\"completions\":2,");
        await().atMost(WAIT).until(() -> livePods().size() == 1);
        JsonNode pod = livePods().get(0);
        assertThat(pod.at("/metadata/name").asString()).matches("twice-\\w{5}");
        assertThat(pod.at("/metadata/finalizers/0").asString()).isEqualTo("batch.kubernetes.io/job-tracking");
        assertThat(pod.at("/metadata/ownerReferences/0/kind").asString()).isEqualTo("Job");
        await().atMost(WAIT).until(() -> job("twice").at("/status/active").asInt() == 1);
        assertThat(job("twice").at("/status/startTime").isMissingNode()).isFalse();

        finish(pod.at("/metadata/name").asString(), "Succeeded", 0);
        await().atMost(WAIT).until(() -> job("twice").at("/status/succeeded").asInt() == 1
                && livePods().size() == 1);
        JsonNode first = api.get("/api/v1/namespaces/" + ns + "/pods/" + pod.at("/metadata/name").asString()).json();
        assertThat(first.at("/metadata/finalizers").isEmpty()).isTrue();

        finish(livePods().get(0).at("/metadata/name").asString(), "Succeeded", 0);
        await().atMost(WAIT).until(() -> "True".equals(condition(job("twice"), "Complete", "status")));
        JsonNode done = job("twice");
        assertThat(done.at("/status/succeeded").asInt()).isEqualTo(2);
        assertThat(condition(done, "SuccessCriteriaMet", "reason")).isEqualTo("CompletionsReached");
        assertThat(condition(done, "Complete", "message")).isEqualTo("Reached expected number of succeeded pods");
        assertThat(done.at("/status/completionTime").isMissingNode()).isFalse();
        assertThat(events("Completed")).containsExactly("Job completed");
        assertThat(events("SuccessfulCreate")).hasSize(2).allMatch(m -> m.startsWith("Created pod: twice-"));
        assertThat(api.get(path()).text()).contains("\"uncountedTerminatedPods\":{}");
    }
}

package io.kubeling.controllers.serviceaccounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;

/** Every namespace gets its default service account, and pods run as it unless they name another. */
@KubelingTest
class ServiceAccountsControllerTest {

    @LocalServerPort
    int port;

    HttpApi api;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
    }

    /** Probes until {@code done} holds or ten seconds pass, and returns the last reply. */
    private static Reply await(Supplier<Reply> probe, Predicate<Reply> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        Reply reply = probe.get();
        while (!done.test(reply) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            reply = probe.get();
        }
        return reply;
    }

    @Test
    void aNewNamespaceGetsADefaultServiceAccountAndKeepsIt() throws InterruptedException {
        String ns = api.newNamespace("sa-");
        String path = "/api/v1/namespaces/" + ns + "/serviceaccounts/default";
        Reply account = await(() -> api.get(path), r -> r.code() == 200);
        assertThat(account.code()).isEqualTo(200);
        assertThat(account.json().at("/kind").asString()).isEqualTo("ServiceAccount");
        String uid = account.json().at("/metadata/uid").asString();
        assertThat(api.delete(path).code()).isEqualTo(200);
        Reply again = await(() -> api.get(path),
                r -> r.code() == 200 && !r.json().at("/metadata/uid").asString().equals(uid));
        assertThat(again.code()).isEqualTo(200);
        assertThat(again.json().at("/metadata/uid").asString()).isNotEqualTo(uid);
    }

    @Test
    void theSystemNamespacesHaveOne() throws InterruptedException {
        for (String ns : new String[] {"default", "kube-system", "kube-public", "kube-node-lease"}) {
            assertThat(await(() -> api.get("/api/v1/namespaces/" + ns + "/serviceaccounts/default"), r -> r.code() == 200).code())
                    .as(ns).isEqualTo(200);
        }
    }

    @Test
    void serviceAccountsAreServedWithTheirShortName() {
        String ns = api.newNamespace("sa-");
        Reply created = api.post("/api/v1/namespaces/" + ns + "/serviceaccounts", "{\"apiVersion\":\"v1\","
                + "\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"builder\"},"
                + "\"secrets\":[{\"name\":\"s\",\"namespace\":\"elsewhere\",\"kind\":\"Secret\"}]}");
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.json().at("/secrets/0").toString()).isEqualTo("{\"name\":\"s\"}");
        Reply discovery = api.get("/api/v1");
        assertThat(discovery.text()).contains("\"name\":\"serviceaccounts\"");
        boolean shortName = false;
        for (var resource : discovery.json().at("/resources")) {
            if (resource.at("/name").asString().equals("serviceaccounts")) {
                shortName = resource.at("/shortNames/0").asString().equals("sa");
            }
        }
        assertThat(shortName).isTrue();
    }

    @Test
    void aPodRunsAsTheDefaultServiceAccount() {
        String ns = api.newNamespace("sa-");
        Reply pod = api.post("/api/v1/namespaces/" + ns + "/pods", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
                + "\"metadata\":{\"name\":\"p\"},\"spec\":{\"schedulerName\":\"kubeling-test-unscheduled\","
                + "\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}");
        assertThat(pod.code()).as(pod.text()).isEqualTo(201);
        assertThat(pod.json().at("/spec/serviceAccountName").asString()).isEqualTo("default");
    }
}

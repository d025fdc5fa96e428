package io.kubeling.controllers.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

/** Endpoints and EndpointSlices follow the pods a service selects as they get IPs, become ready and go. */
@KubelingTest
class EndpointsControllerTest {

    @LocalServerPort
    int port;

    HttpApi api;
    String ns;

    @BeforeEach
    void setUp() {
        api = new HttpApi(port);
        ns = api.newNamespace("ep-");
    }

    private String path(String resource) {
        return "/api/v1/namespaces/" + ns + "/" + resource;
    }

    private String slices() {
        return "/apis/discovery.k8s.io/v1/namespaces/" + ns + "/endpointslices?labelSelector=kubernetes.io/service-name%3Dweb";
    }

    private void pod(String name, String app) {
        Reply reply = api.post(path("pods"), "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"app\":\"" + app + "\"}},\"spec\":{\"schedulerName\":\"kubeling-test-unscheduled\","
                + "\"containers\":[{\"name\":\"c\",\"image\":\"nginx\",\"ports\":[{\"name\":\"http\",\"containerPort\":8080}]}]}}");
        assertThat(reply.code()).as(reply.text()).isEqualTo(201);
    }

    private void status(String name, String ip, boolean ready) {
        Reply reply = api.patch(path("pods/" + name + "/status"), "application/merge-patch+json",
                "{\"status\":{\"phase\":\"Running\",\"podIP\":\"" + ip + "\",\"podIPs\":[{\"ip\":\"" + ip + "\"}],"
                        + "\"conditions\":[{\"type\":\"Ready\",\"status\":\"" + (ready ? "True" : "False") + "\"}]}}");
        assertThat(reply.code()).as(reply.text()).isEqualTo(200);
    }

    private JsonNode await(String path, Predicate<JsonNode> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            Reply reply = api.get(path);
            if (reply.code() == 200) {
                last = reply.json();
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not reached for " + path + ": " + last);
    }

    @Test
    void endpointsFollowThePodsOfAService() throws InterruptedException {
        pod("a", "web");
        pod("b", "web");
        pod("other", "db");
        Reply svc = api.post(path("services"), "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\","
                + "\"labels\":{\"tier\":\"front\"}},\"spec\":{\"selector\":{\"app\":\"web\"},"
                + "\"ports\":[{\"name\":\"http\",\"port\":80,\"targetPort\":\"http\"}]}}");
        assertThat(svc.code()).isEqualTo(201);

        // No pod has an IP yet: the Endpoints exist with no subsets, and one empty slice.
        JsonNode empty = await(path("endpoints/web"), ep -> true);
        assertThat(empty.at("/subsets").isMissingNode() || empty.at("/subsets").isEmpty()).isTrue();
        assertThat(empty.at("/metadata/labels/tier").asString()).isEqualTo("front");
        JsonNode emptySlices = await(slices(), list -> list.at("/items").size() == 1);
        assertThat(emptySlices.at("/items/0/endpoints").isMissingNode() || emptySlices.at("/items/0/endpoints").isEmpty()).isTrue();

        status("a", "10.244.1.5", true);
        status("b", "10.244.1.6", false);
        status("other", "10.244.1.7", true);
        JsonNode ep = await(path("endpoints/web"), e -> e.at("/subsets/0/notReadyAddresses/0/ip").asString("").equals("10.244.1.6"));
        assertThat(ep.at("/subsets").size()).isEqualTo(1);
        JsonNode subset = ep.at("/subsets/0");
        assertThat(subset.at("/addresses").size()).isEqualTo(1);
        assertThat(subset.at("/addresses/0/ip").asString()).isEqualTo("10.244.1.5");
        assertThat(subset.at("/addresses/0/targetRef/kind").asString()).isEqualTo("Pod");
        assertThat(subset.at("/addresses/0/targetRef/name").asString()).isEqualTo("a");
        assertThat(subset.at("/addresses/0/targetRef/namespace").asString()).isEqualTo(ns);
        assertThat(subset.at("/ports/0/port").asInt()).isEqualTo(8080);
        assertThat(subset.at("/ports/0/name").asString()).isEqualTo("http");
        assertThat(subset.at("/ports/0/protocol").asString()).isEqualTo("TCP");
        assertThat(ep.at("/metadata/annotations/endpoints.kubernetes.io~1last-change-trigger-time").asString()).isNotEmpty();

        JsonNode slices = await(slices(), list -> list.at("/items/0/endpoints").size() == 2);
        JsonNode slice = slices.at("/items/0");
        assertThat(slice.at("/metadata/name").asString()).startsWith("web-");
        assertThat(slice.at("/metadata/labels/kubernetes.io~1service-name").asString()).isEqualTo("web");
        assertThat(slice.at("/metadata/labels/endpointslice.kubernetes.io~1managed-by").asString())
                .isEqualTo("endpointslice-controller.k8s.io");
        assertThat(slice.at("/metadata/ownerReferences/0/kind").asString()).isEqualTo("Service");
        assertThat(slice.at("/addressType").asString()).isEqualTo("IPv4");
        assertThat(slice.at("/ports/0/port").asInt()).isEqualTo(8080);
        for (JsonNode endpoint : slice.at("/endpoints")) {
            String ip = endpoint.at("/addresses/0").asString();
            assertThat(endpoint.at("/conditions/ready").asBoolean()).as(ip).isEqualTo(ip.equals("10.244.1.5"));
            assertThat(endpoint.at("/targetRef/name").asString()).isIn("a", "b");
        }

        // b becomes ready, then a goes.
        status("b", "10.244.1.6", true);
        await(path("endpoints/web"), e -> e.at("/subsets/0/addresses").size() == 2);
        assertThat(api.delete(path("pods/a") + "?gracePeriodSeconds=0").code()).isEqualTo(200);
        JsonNode after = await(path("endpoints/web"), e -> e.at("/subsets/0/addresses").size() == 1
                && e.at("/subsets/0/addresses/0/ip").asString().equals("10.244.1.6"));
        assertThat(after.at("/subsets/0/notReadyAddresses").isMissingNode()
                || after.at("/subsets/0/notReadyAddresses").isEmpty()).isTrue();
        await(slices(), list -> list.at("/items/0/endpoints").size() == 1);

        // b relabelled out of the service: only its previous labels tie it to the service, whose endpoints empty
        assertThat(api.patch(path("pods/b"), "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"app\":\"db\"}}}").code()).isEqualTo(200);
        await(path("endpoints/web"), e -> e.at("/subsets").isMissingNode() || e.at("/subsets").isEmpty());

        // The service goes, and its endpoints with it.
        assertThat(api.delete(path("services/web")).code()).isEqualTo(200);
        await(path("endpoints"), list -> list.at("/items").isEmpty());
        await(slices(), list -> list.at("/items").isEmpty());
    }

    @Test
    void endpointsAreWritableAndValidated() {
        Reply bad = api.post(path("endpoints"), "{\"apiVersion\":\"v1\",\"kind\":\"Endpoints\",\"metadata\":{\"name\":\"x\"},"
                + "\"subsets\":[{\"addresses\":[{\"ip\":\"127.0.0.1\"}],\"ports\":[{\"port\":80,\"protocol\":\"TCP\"}]}]}");
        assertThat(bad.code()).isEqualTo(422);
        assertThat(bad.json().at("/message").asString()).isEqualTo("Endpoints \"x\" is invalid: subsets[0].addresses[0].ip: "
                + "Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)");
        Reply good = api.post(path("endpoints"), "{\"apiVersion\":\"v1\",\"kind\":\"Endpoints\",\"metadata\":{\"name\":\"x\"},"
                + "\"subsets\":[{\"addresses\":[{\"ip\":\"10.1.2.3\"}],\"ports\":[{\"port\":80,\"protocol\":\"TCP\"}]}]}");
        assertThat(good.code()).isEqualTo(201);
    }
}

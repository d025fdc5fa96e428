package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

/** metrics.k8s.io as metrics-server's APIService serves it: discovery, the list envelope and the refusals. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class MetricsApiTest {

    private static final String BASE = "/apis/metrics.k8s.io/v1beta1";

    @LocalServerPort
    int port;

    @Test
    void discoveryListsPodsAndNodesWithGetAndListOnly() {
        HttpApi api = new HttpApi(port);
        assertThat(api.get(BASE).json().toString()).isEqualTo("""
                {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"metrics.k8s.io/v1beta1","resources":[\
                {"name":"nodes","singularName":"","namespaced":false,"kind":"NodeMetrics","verbs":["get","list"]},\
                {"name":"pods","singularName":"","namespaced":true,"kind":"PodMetrics","verbs":["get","list"]}]}""");
        assertThat(api.get("/apis/metrics.k8s.io").json().toString()).isEqualTo("""
                {"kind":"APIGroup","apiVersion":"v1","name":"metrics.k8s.io","versions":[{"groupVersion":\
                "metrics.k8s.io/v1beta1","version":"v1beta1"}],"preferredVersion":{"groupVersion":\
                "metrics.k8s.io/v1beta1","version":"v1beta1"}}""");
        JsonNode groups = api.get("/apis").json().get("groups");
        assertThat(groups.get(groups.size() - 1).get("name").asString()).as("after the built-in groups")
                .isEqualTo("metrics.k8s.io");

        JsonNode aggregated = api.get("/apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
                .json();
        JsonNode metrics = null;
        for (JsonNode item : aggregated.get("items")) {
            if (item.at("/metadata/name").asString().equals("metrics.k8s.io")) {
                metrics = item;
            }
        }
        assertThat(metrics).isNotNull();
        assertThat(metrics.at("/versions/0/version").asString()).isEqualTo("v1beta1");
        assertThat(metrics.at("/versions/0/freshness").asString()).isEqualTo("Current");
        assertThat(metrics.at("/versions/0/resources").toString()).isEqualTo("""
                [{"resource":"nodes","responseKind":{"group":"metrics.k8s.io","version":"v1beta1","kind":\
                "NodeMetrics"},"scope":"Cluster","singularResource":"","verbs":["get","list"]},\
                {"resource":"pods","responseKind":{"group":"metrics.k8s.io","version":"v1beta1","kind":\
                "PodMetrics"},"scope":"Namespaced","singularResource":"","verbs":["get","list"]}]""");
    }

    @Test
    void aListIsAnEnvelopeWithoutResourceVersionAndATableHasMetricsServersColumns() {
        HttpApi api = new HttpApi(port);
        String ns = api.newNamespace("metrics-");
        Reply list = api.get(BASE + "/namespaces/" + ns + "/pods");
        assertThat(list.code()).isEqualTo(200);
        assertThat(list.json().toString()).isEqualTo("""
                {"kind":"PodMetricsList","apiVersion":"metrics.k8s.io/v1beta1","metadata":{},"items":[]}""");
        Reply table = api.get(BASE + "/nodes", "application/json;as=Table;v=v1;g=meta.k8s.io");
        assertThat(table.json().get("kind").asString()).isEqualTo("Table");
        assertThat(table.json().get("columnDefinitions").findValuesAsString("name"))
                .containsExactly("Name", "cpu", "memory", "Window");
    }

    @Test
    void aWatchIsNotSupportedAndWritesAreNotAllowed() {
        HttpApi api = new HttpApi(port);
        Reply watch = api.get(BASE + "/pods?watch=true");
        assertThat(watch.code()).isEqualTo(405);
        assertThat(watch.json().toString()).isEqualTo("""
                {"apiVersion":"v1","kind":"Status","metadata":{},"code":405,"details":{"kind":"pods","group":\
                "metrics.k8s.io"},"message":"watch is not supported on resources of kind \\"pods.metrics.k8s.io\\"",\
                "reason":"MethodNotAllowed","status":"Failure"}""");
        assertThat(api.get(BASE + "/nodes?watch=1").code()).isEqualTo(405);
        assertThat(api.post(BASE + "/namespaces/default/pods", "{}").code()).isEqualTo(405);
        assertThat(api.delete(BASE + "/nodes/kubeling-node-1").code()).isEqualTo(405);
    }

    @Test
    void whatIsMissingIsNotFoundAsMetricsServerSaysIt() {
        HttpApi api = new HttpApi(port);
        Reply pod = api.get(BASE + "/namespaces/default/pods/no-such-pod");
        assertThat(pod.code()).isEqualTo(404);
        assertThat(pod.json().get("message").asString()).isEqualTo("pod \"no-such-pod\" not found");
        Reply node = api.get(BASE + "/nodes/no-such-node");
        assertThat(node.json().get("message").asString()).isEqualTo("node \"no-such-node\" not found");
        assertThat(api.get(BASE + "/namespaces/default/nodes").code()).isEqualTo(404);
        assertThat(api.get(BASE + "/pods/x").code()).isEqualTo(404);
        assertThat(api.get(BASE + "/watch/pods").code()).isEqualTo(404);
        assertThat(api.get(BASE + "/namespaces/default/pods/x/status").code()).isEqualTo(404);
    }
}

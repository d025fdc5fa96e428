package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import io.kubeling.support.WatchClient;
import tools.jackson.databind.JsonNode;

/** Server-side printing as kubectl get asks for it. */
@KubelingTest
class TableOutputTest {

    private static final String KUBECTL_ACCEPT = "application/json;as=Table;v=v1;g=meta.k8s.io,"
            + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    @LocalServerPort
    int port;

    @Test
    void listsAndGetsAnswerWithTablesOfKubesColumns() {
        HttpApi api = new HttpApi(port);
        String ns = "t-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/namespaces", ApiBehaviourTest.namespace(ns));
        // no scheduler picks this pod up, so the simulated kubelets leave it Pending
        api.post("/api/v1/namespaces/" + ns + "/pods", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":"
                + "\"web\",\"labels\":{\"app\":\"web\"}},\"spec\":{\"schedulerName\":\"kubeling-test-unscheduled\","
                + "\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}");

        Reply list = api.get("/api/v1/namespaces/" + ns + "/pods", KUBECTL_ACCEPT);
        JsonNode table = list.json();
        assertThat(table.get("kind").asString()).isEqualTo("Table");
        assertThat(table.get("apiVersion").asString()).isEqualTo("meta.k8s.io/v1");
        assertThat(table.at("/metadata/resourceVersion").asString()).isNotEmpty();
        assertThat(table.at("/columnDefinitions/0/name").asString()).isEqualTo("Name");
        assertThat(table.at("/columnDefinitions/1/name").asString()).isEqualTo("Ready");
        assertThat(table.at("/columnDefinitions/2/name").asString()).isEqualTo("Status");
        assertThat(table.at("/columnDefinitions/5/name").asString()).isEqualTo("IP");
        assertThat(table.at("/columnDefinitions/5/priority").asInt()).isEqualTo(1);
        assertThat(table.at("/rows/0/cells/0").asString()).isEqualTo("web");
        assertThat(table.at("/rows/0/cells/1").asString()).isEqualTo("0/1");
        assertThat(table.at("/rows/0/cells/2").asString()).isEqualTo("Pending");
        assertThat(table.at("/rows/0/object/kind").asString()).isEqualTo("PartialObjectMetadata");
        assertThat(table.at("/rows/0/object/metadata/labels/app").asString()).isEqualTo("web");

        Reply withObject = api.get("/api/v1/namespaces/" + ns + "/pods/web?includeObject=Object", KUBECTL_ACCEPT);
        assertThat(withObject.json().at("/rows/0/object/kind").asString()).isEqualTo("Pod");
        assertThat(withObject.json().at("/rows/0/object/spec/containers/0/image").asString()).isEqualTo("nginx");
        Reply none = api.get("/api/v1/namespaces/" + ns + "/pods/web?includeObject=None", KUBECTL_ACCEPT);
        assertThat(none.json().at("/rows/0/object").isMissingNode()).isTrue();

        Reply namespaces = api.get("/api/v1/namespaces/" + ns, KUBECTL_ACCEPT);
        assertThat(namespaces.json().at("/rows/0/cells/1").asString()).isEqualTo("Active");

        try (WatchClient w = new WatchClient(port, "/api/v1/namespaces/" + ns + "/pods?watch=true", KUBECTL_ACCEPT)) {
            JsonNode added = w.nextChange(WatchClient.seconds(5));
            assertThat(added.at("/object/kind").asString()).isEqualTo("Table");
            assertThat(added.at("/object/rows/0/cells/0").asString()).isEqualTo("web");
        }
    }
}

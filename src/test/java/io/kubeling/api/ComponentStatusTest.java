package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.HttpApi.Reply;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

/** componentstatuses answer as on a 1.32 cluster: three healthy components, read only, deprecated. */
@KubelingTest
@Execution(ExecutionMode.CONCURRENT)
class ComponentStatusTest {

    private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

    @LocalServerPort
    int port;

    @Test
    void threeHealthyComponentsReadOnlyWithTheDeprecationWarning() {
        HttpApi api = new HttpApi(port);
        Reply list = api.get("/api/v1/componentstatuses");
        assertThat(list.code()).isEqualTo(200);
        assertThat(list.header("Warning")).isEqualTo("299 - \"v1 ComponentStatus is deprecated in v1.19+\"");
        List<String> names = new ArrayList<>();
        list.json().get("items").forEach(i -> names.add(i.at("/metadata/name").asString()));
        assertThat(names).containsExactly("controller-manager", "etcd-0", "scheduler");
        JsonNode scheduler = api.get("/api/v1/componentstatuses/scheduler").json();
        assertThat(scheduler.at("/conditions/0/type").asString()).isEqualTo("Healthy");
        assertThat(scheduler.at("/conditions/0/status").asString()).isEqualTo("True");
        assertThat(scheduler.at("/conditions/0/message").asString()).isEqualTo("ok");

        JsonNode table = api.get("/api/v1/componentstatuses", TABLE).json();
        assertThat(table.at("/rows/0/cells").toString()).isEqualTo("[\"controller-manager\",\"Healthy\",\"ok\",\"\"]");

        Reply delete = api.delete("/api/v1/componentstatuses/scheduler");
        assertThat(delete.code()).isEqualTo(405);
        assertThat(delete.json().get("reason").asString()).isEqualTo("MethodNotAllowed");
        assertThat(delete.json().get("message").asString())
                .isEqualTo("the server does not allow this method on the requested resource");
        assertThat(api.post("/api/v1/componentstatuses", "{\"metadata\":{\"name\":\"x\"}}").code()).isEqualTo(405);
        Reply watch = api.get("/api/v1/componentstatuses?watch=true&timeoutSeconds=1");
        assertThat(watch.code()).isEqualTo(405);
        assertThat(watch.json().get("reason").asString()).isEqualTo("MethodNotAllowed");

        for (JsonNode r : api.get("/api/v1").json().get("resources")) {
            if (r.get("name").asString().equals("componentstatuses")) {
                assertThat(r.get("verbs").toString()).isEqualTo("[\"get\",\"list\"]");
                assertThat(r.get("shortNames").toString()).isEqualTo("[\"cs\"]");
                assertThat(r.get("namespaced").asBoolean()).isFalse();
            }
        }
    }
}

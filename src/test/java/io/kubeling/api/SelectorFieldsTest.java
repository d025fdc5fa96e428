package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;

/** The per-resource field selectors kubectl and controllers rely on. */
@KubelingTest
class SelectorFieldsTest {

    @LocalServerPort
    int port;

    @Test
    void secretsByTypeAndEventsByInvolvedObjectAndReason() {
        HttpApi api = new HttpApi(port);
        String ns = "sf-" + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/v1/namespaces", ApiBehaviourTest.namespace(ns));
        api.post("/api/v1/namespaces/" + ns + "/secrets", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":"
                + "{\"name\":\"opaque\"}}");
        api.post("/api/v1/namespaces/" + ns + "/secrets", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":"
                + "{\"name\":\"basic\"},\"type\":\"kubernetes.io/basic-auth\",\"stringData\":{\"username\":\"u\"}}");
        assertThat(ResourceContract.names(api.get("/api/v1/namespaces/" + ns
                + "/secrets?fieldSelector=type%3Dkubernetes.io/basic-auth").json())).containsExactly("basic");

        for (String[] e : new String[][] {{"e1", "web", "Scheduled"}, {"e2", "web", "Pulled"}, {"e3", "api", "Scheduled"}}) {
            assertThat(api.post("/api/v1/namespaces/" + ns + "/events", "{\"apiVersion\":\"v1\",\"kind\":\"Event\","
                    + "\"metadata\":{\"name\":\"" + e[0] + "\"},\"involvedObject\":{\"kind\":\"Pod\",\"name\":\"" + e[1]
                    + "\",\"namespace\":\"" + ns + "\"},\"reason\":\"" + e[2] + "\",\"type\":\"Normal\","
                    + "\"source\":{\"component\":\"default-scheduler\"}}").code()).isEqualTo(201);
        }
        String events = "/api/v1/namespaces/" + ns + "/events?fieldSelector=";
        assertThat(ResourceContract.names(api.get(events + "involvedObject.name%3Dweb,involvedObject.kind%3DPod").json()))
                .containsExactly("e1", "e2");
        assertThat(ResourceContract.names(api.get(events + "reason%3DScheduled").json())).containsExactly("e1", "e3");
        assertThat(ResourceContract.names(api.get(events + "source%3Ddefault-scheduler,type%3DNormal").json()))
                .hasSize(3);
    }
}

package io.kubeling.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

@KubelingTest
class SimulatedTimeEndpointTest {

    @LocalServerPort
    int port;

    @Test
    void tellsTheSimulationsTimeAndMovesARunningClockAhead() {
        HttpApi api = new HttpApi(port);
        JsonNode before = api.get("/kubeling/v1/time").json();
        assertThat(before.get("stopped").asBoolean()).isFalse();
        assertThat(before.get("timeScale").asDouble()).isEqualTo(1.0);

        HttpApi.Reply advanced = api.post("/kubeling/v1/time/advance?seconds=2.5", null);

        assertThat(advanced.code()).isEqualTo(200);
        Instant was = Instant.parse(before.get("now").asString());
        assertThat(Instant.parse(advanced.json().get("now").asString()))
                .isAfterOrEqualTo(was.plus(Duration.ofMillis(2500)));
        // the whole server reads the advanced clock: a namespace made now is stamped (in whole seconds) that late
        HttpApi.Reply ns = api.post("/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"generateName\":\"time-\"}}");
        assertThat(Instant.parse(ns.json().get("metadata").get("creationTimestamp").asString()))
                .isAfterOrEqualTo(was.plusMillis(2500).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void refusesWhatIsNoForwardSpan() {
        HttpApi api = new HttpApi(port);
        assertThat(api.post("/kubeling/v1/time/advance?seconds=soon", null).code()).isEqualTo(400);
        assertThat(api.post("/kubeling/v1/time/advance?seconds=-1", null).code()).isEqualTo(400);
        assertThat(api.post("/kubeling/v1/time/advance", null).code()).isEqualTo(400);
    }
}

package io.kubeling.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import io.kubeling.SimulatedTimeForApi;
import io.kubeling.controllers.SimulatedTime;
import io.kubeling.registry.StatusException;
import io.kubeling.support.HttpApi;
import io.kubeling.support.KubelingTest;
import tools.jackson.databind.JsonNode;

@KubelingTest
class SimulatedTimeEndpointTest {

    @LocalServerPort
    int port;

    /** Over HTTP without moving the shared server's clock, which the other tests' timestamps read. */
    @Test
    void tellsTheServersTimeAndRefusesWhatIsNoForwardSpanWithKubesStatus() {
        HttpApi api = new HttpApi(port);
        JsonNode now = api.get("/kubeling/v1/time").json();
        assertThat(now.get("stopped").asBoolean()).isFalse();
        assertThat(now.get("timeScale").asDouble()).isEqualTo(1.0);
        assertThat(Instant.parse(now.get("now").asString())).isCloseTo(Instant.now(),
                Assertions.within(1, ChronoUnit.MINUTES));

        assertBadRequest(api.post("/kubeling/v1/time/advance?seconds=soon", null),
                "seconds must be a number of seconds, got 'soon'");
        assertBadRequest(api.post("/kubeling/v1/time/advance?seconds=-1", null),
                "seconds must be between 0 and a year, got -1");
        assertBadRequest(api.post("/kubeling/v1/time/advance", null),
                "seconds must be a number of seconds, got nothing");
        assertThat(api.post("/kubeling/v1/time/advance?seconds=0", null).code()).isEqualTo(200);
    }

    private static void assertBadRequest(HttpApi.Reply reply, String message) {
        assertThat(reply.code()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode status = reply.json();
        assertThat(status.get("kind").asString()).isEqualTo("Status");
        assertThat(status.get("apiVersion").asString()).isEqualTo("v1");
        assertThat(status.get("status").asString()).isEqualTo("Failure");
        assertThat(status.get("reason").asString()).isEqualTo("BadRequest");
        assertThat(status.get("code").asInt()).isEqualTo(400);
        assertThat(status.get("message").asString()).isEqualTo(message);
    }

    @Test
    void advancingAStoppedClockRunsWhatFallsDueAndAnswersWithTheNewTime() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        SimulatedTime time = new SimulatedTime(Clock.fixed(start, ZoneOffset.UTC), 0);
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<Instant> ranAt = new AtomicReference<>();
            time.schedule(Duration.ofSeconds(90), worker, () -> ranAt.set(time.now()));
            SimulatedTimeEndpoint endpoint = new SimulatedTimeEndpoint(clockOf(time));

            ResponseEntity<String> reply = endpoint.advance("90.5");

            assertThat(reply.getStatusCode().value()).isEqualTo(200);
            assertThat(reply.getBody()).contains("\"now\":\"2026-01-01T00:01:30.500Z\"", "\"stopped\":true",
                    "\"timeScale\":0.0");
            assertThat(ranAt.get()).isEqualTo(start.plusSeconds(90));
            assertThatThrownBy(() -> endpoint.advance("1e9")).isInstanceOfSatisfying(StatusException.class,
                    e -> assertThat(e.code()).isEqualTo(400));
            assertThat(time.now()).isEqualTo(start.plusMillis(90_500));
        } finally {
            worker.shutdownNow();
            time.close();
        }
    }

    private static SimulatedClock clockOf(SimulatedTime time) {
        return new SimulatedTimeForApi(time);
    }
}

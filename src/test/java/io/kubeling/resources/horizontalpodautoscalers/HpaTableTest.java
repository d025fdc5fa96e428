package io.kubeling.resources.horizontalpodautoscalers;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.TableColumn;

class HpaTableTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:02:00Z");
    private final HpaTable table = new HpaTable();

    @Test
    void columnsAreKubesAutoscalerColumns() {
        assertThat(table.columns()).extracting(TableColumn::name)
                .containsExactly("Name", "Reference", "Targets", "MinPods", "MaxPods", "Replicas", "Age");
    }

    @Test
    void targetsBeforeAndAfterAReading() {
        HorizontalPodAutoscaler fresh = hpa("""
                {"metadata":{"name":"web","creationTimestamp":"2026-01-01T00:00:00Z"},
                 "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"minReplicas":1,"maxReplicas":10,
                  "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization",
                   "averageUtilization":50}}}]}}""");
        HorizontalPodAutoscaler read = hpa("""
                {"metadata":{"name":"web","creationTimestamp":"2026-01-01T00:00:00Z"},
                 "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":10,
                  "metrics":[{"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization",
                              "averageUtilization":50}}},
                             {"type":"Resource","resource":{"name":"memory","target":{"type":"AverageValue",
                              "averageValue":"100Mi"}}},
                             {"type":"Pods","pods":{"metric":{"name":"qps"},"target":{"type":"AverageValue",
                              "averageValue":"10"}}}]},
                 "status":{"currentReplicas":3,"desiredReplicas":3,
                  "currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageUtilization":72,
                                     "averageValue":"180m"}}}]}}""");

        assertThat(table.cells(fresh, NOW)).containsExactly("web", "Deployment/web", "cpu: <unknown>/50%", "1", 10L,
                0L, "2m");
        assertThat(table.cells(read, NOW)).containsExactly("web", "Deployment/web",
                "cpu: 72%/50%, memory: <unknown>/100Mi + 1 more...", "<unset>", 10L, 3L, "2m");
    }

    private static HorizontalPodAutoscaler hpa(String json) {
        return new ObjectCodec().decode(json.getBytes(StandardCharsets.UTF_8), HorizontalPodAutoscaler.class);
    }
}

package io.kubeling.resources.horizontalpodautoscalers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.kubeling.config.KubelingProperties;
import io.kubeling.registry.NameGenerator;
import io.kubeling.registry.ObjectCodec;
import io.kubeling.registry.Registry;
import io.kubeling.registry.ResourceStore;
import io.kubeling.registry.StatusException;
import io.kubeling.registry.WriteOptions;
import io.kubeling.resources.namespaces.NamespaceResource;
import io.kubeling.support.InMemoryStorage;
import io.kubeling.support.ManualClock;

/** One stored autoscaler read and written as autoscaling/v1 and v2, converted as kube converts them. */
class HpaVersionsTest {

    private final ObjectCodec codec = new ObjectCodec();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    private InMemoryStorage storage;
    private ResourceStore<HorizontalPodAutoscaler> v2;
    private ResourceStore<io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler> v1;

    @BeforeEach
    void setUp() {
        storage = InMemoryStorage.open(clock);
        HorizontalPodAutoscalerResource resource = new HorizontalPodAutoscalerResource();
        Registry registry = new Registry(List.of(new NamespaceResource().namespaces(),
                resource.horizontalpodautoscalers(), resource.horizontalpodautoscalersV1()), storage.store(), codec,
                clock, new NameGenerator(), List.of(), List.of(), List.of(), new KubelingProperties.Cache(1024, null));
        v2 = registry.store(HorizontalPodAutoscaler.class);
        v1 = registry.store(io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler.class);
    }

    @AfterEach
    void tearDown() {
        storage.close();
    }

    @Test
    void aV1TargetIsAV2CpuMetricAndBack() {
        v1.create("default", v1("""
                {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
                 "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},
                         "maxReplicas":5,"targetCPUUtilizationPercentage":50}}"""), WriteOptions.DEFAULT);

        HorizontalPodAutoscaler stored = v2.get("default", "web");
        assertThat(stored.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(stored.getSpec().getMinReplicas()).isEqualTo(1);
        assertThat(json(stored.getSpec().getMetrics())).isEqualTo(
                "[{\"resource\":{\"name\":\"cpu\",\"target\":{\"averageUtilization\":50,\"type\":\"Utilization\"}},"
                        + "\"type\":\"Resource\"}]");
        var asV1 = v1.get("default", "web");
        assertThat(asV1.getApiVersion()).isEqualTo("autoscaling/v1");
        assertThat(asV1.getSpec().getTargetCPUUtilizationPercentage()).isEqualTo(50);
        assertThat(asV1.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(asV1.getStatus().getCurrentReplicas()).isZero();
    }

    @Test
    void aV1AutoscalerWithoutTargetGetsKubesDefaultEightyPercent() {
        v1.create("default", v1("""
                {"metadata":{"name":"plain"},
                 "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"maxReplicas":3}}"""), WriteOptions.DEFAULT);

        assertThat(v2.get("default", "plain").getSpec().getMetrics().get(0).getResource().getTarget()
                .getAverageUtilization()).isEqualTo(80);
        assertThat(v1.get("default", "plain").getSpec().getTargetCPUUtilizationPercentage()).isEqualTo(80);
    }

    @Test
    void whatV1CannotHoldRidesInKubesAnnotationsAndSurvivesAV1Update() {
        v2.create("default", v2("""
                {"metadata":{"name":"mem"},
                 "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},
                         "minReplicas":2,"maxReplicas":6,
                         "metrics":[{"type":"Resource","resource":{"name":"memory",
                                      "target":{"type":"AverageValue","averageValue":"100Mi"}}},
                                    {"type":"Resource","resource":{"name":"cpu",
                                      "target":{"type":"Utilization","averageUtilization":70}}}],
                         "behavior":{"scaleDown":{"stabilizationWindowSeconds":60}}}}"""), WriteOptions.DEFAULT);

        var asV1 = v1.get("default", "mem");
        assertThat(asV1.getSpec().getTargetCPUUtilizationPercentage()).isEqualTo(70);
        assertThat(asV1.getMetadata().getAnnotations()).containsEntry(HpaV1Conversion.METRICS,
                "[{\"type\":\"Resource\",\"resource\":{\"name\":\"memory\",\"targetAverageValue\":\"100Mi\"}}]");
        assertThat(asV1.getMetadata().getAnnotations().get(HpaV1Conversion.BEHAVIOR)).isEqualTo(
                "{\"ScaleUp\":{\"StabilizationWindowSeconds\":0,\"SelectPolicy\":\"Max\",\"Policies\":["
                        + "{\"Type\":\"Pods\",\"Value\":4,\"PeriodSeconds\":15},"
                        + "{\"Type\":\"Percent\",\"Value\":100,\"PeriodSeconds\":15}]},"
                        + "\"ScaleDown\":{\"StabilizationWindowSeconds\":60,\"SelectPolicy\":\"Max\",\"Policies\":["
                        + "{\"Type\":\"Percent\",\"Value\":100,\"PeriodSeconds\":15}]}}");

        v1.update("default", "mem", null, current -> {
            current.getSpec().setMaxReplicas(8);
            return current;
        }, WriteOptions.DEFAULT);

        HorizontalPodAutoscaler stored = v2.get("default", "mem");
        assertThat(stored.getSpec().getMaxReplicas()).isEqualTo(8);
        assertThat(stored.getSpec().getMetrics()).extracting(m -> m.getResource().getName())
                .containsExactly("memory", "cpu");
        assertThat(stored.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isEqualTo(60);
        assertThat(stored.getMetadata().getAnnotations()).isNullOrEmpty();
    }

    @Test
    void aV1WriteIsValidatedWithTheStoredVersionsPaths() {
        assertThatThrownBy(() -> v1.create("default", v1("""
                {"metadata":{"name":"bad"},
                 "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web"},"minReplicas":3,"maxReplicas":2,
                         "targetCPUUtilizationPercentage":0}}"""), WriteOptions.DEFAULT))
                .isInstanceOfSatisfying(StatusException.class, e -> {
                    assertThat(e.code()).isEqualTo(422);
                    assertThat(e.status().getMessage()).isEqualTo("HorizontalPodAutoscaler.autoscaling \"bad\" is "
                            + "invalid: [spec.maxReplicas: Invalid value: 2: must be greater than or equal to "
                            + "`minReplicas`, spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: "
                            + "must be greater than 0]");
                });
        assertThat(v2.list("default", io.kubeling.registry.ListOptions.ALL).items()).isEmpty();
    }

    private io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler v1(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8),
                io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler.class);
    }

    private HorizontalPodAutoscaler v2(String json) {
        return codec.decode(json.getBytes(StandardCharsets.UTF_8), HorizontalPodAutoscaler.class);
    }

    private String json(Object value) {
        return codec.mapper().writeValueAsString(value);
    }
}

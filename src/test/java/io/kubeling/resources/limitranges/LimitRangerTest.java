package io.kubeling.resources.limitranges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.Admission;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.StatusException;
import io.fabric8.kubernetes.api.model.LimitRange;

/** The LimitRanger admission on the registry: defaults written into pods, bounds enforced. */
class LimitRangerTest {

    private static final String RANGE = """
            {"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"bounds"},
             "spec":{"limits":[{"type":"Container","max":{"cpu":"1"},"min":{"memory":"64Mi"},
               "defaultRequest":{"cpu":"100m","memory":"128Mi"},"default":{"memory":"256Mi"}}]}}""";

    private static Pod pod(StoppedCluster cluster, String resources) {
        return cluster.codec.decode(("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"lr"},
                 "spec":{"containers":[{"name":"web","image":"nginx","resources":%s}]}}""".formatted(resources))
                .getBytes(StandardCharsets.UTF_8), Pod.class);
    }

    @Test
    void defaultsAreSetAndNotedThenBoundsAreEnforced() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.create("lr", LimitRange.class, RANGE);
            LimitRanger ranger = new LimitRanger(() -> cluster.registry);
            var def = cluster.store(Pod.class).definition();

            Pod bare = pod(cluster, "{}");
            ranger.admit(Admission.Operation.CREATE, def, "lr", bare);
            var r = bare.getSpec().getContainers().get(0).getResources();
            assertThat(r.getRequests()).isEqualTo(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")));
            assertThat(r.getLimits()).isEqualTo(Map.of("cpu", new Quantity("1"), "memory", new Quantity("256Mi")));
            assertThat(bare.getMetadata().getAnnotations()).containsEntry("kubernetes.io/limit-ranger",
                    "LimitRanger plugin set: cpu, memory request for container web; cpu, memory limit for container web");
            ranger.validate(new AdmissionRequest<>(Admission.Operation.CREATE, def, null, "lr", "p", bare, null, false, "t"));

            Pod big = pod(cluster, "{\"requests\":{\"cpu\":\"2\",\"memory\":\"32Mi\"},\"limits\":{\"cpu\":\"2\"}}");
            ranger.admit(Admission.Operation.CREATE, def, "lr", big);
            assertThatThrownBy(() -> ranger.validate(new AdmissionRequest<>(Admission.Operation.CREATE, def, null, "lr",
                    "p", big, null, false, "t"))).isInstanceOfSatisfying(StatusException.class, e -> {
                        assertThat(e.code()).isEqualTo(403);
                        assertThat(e.getMessage()).isEqualTo("pods \"p\" is forbidden: [minimum memory usage per "
                                + "Container is 64Mi, but request is 32Mi, maximum cpu usage per Container is 1, but "
                                + "limit is 2]");
                    });
        }
    }

    @Test
    void theLimitToRequestRatioIsEnforcedAndAPodCountsItsInitContainersAsKubeDoes() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.create("lr", LimitRange.class, """
                    {"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"ratio"},
                     "spec":{"limits":[{"type":"Container","maxLimitRequestRatio":{"cpu":"2"}},
                       {"type":"Pod","max":{"cpu":"1"}}]}}""");
            LimitRanger ranger = new LimitRanger(() -> cluster.registry);
            var def = cluster.store(Pod.class).definition();
            // the init container alone needs more than the app container: the pod's limit is its 1500m
            Pod pod = cluster.codec.decode("""
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"lr"},
                     "spec":{"initContainers":[{"name":"init","image":"busybox",
                         "resources":{"requests":{"cpu":"1"},"limits":{"cpu":"1500m"}}}],
                       "containers":[{"name":"web","image":"nginx",
                         "resources":{"requests":{"cpu":"100m"},"limits":{"cpu":"500m"}}}]}}"""
                    .getBytes(StandardCharsets.UTF_8), Pod.class);
            assertThatThrownBy(() -> ranger.validate(new AdmissionRequest<>(Admission.Operation.CREATE, def, null,
                    "lr", "p", pod, null, false, "t"))).isInstanceOfSatisfying(StatusException.class, e ->
                            assertThat(e.getMessage()).isEqualTo("pods \"p\" is forbidden: [cpu max limit to request "
                                    + "ratio per Container is 2, but provided ratio is 5.000000, maximum cpu usage per "
                                    + "Pod is 1, but limit is 1500m]"));

            Pod unlimited = pod(cluster, "{\"requests\":{\"cpu\":\"100m\"}}");
            assertThatThrownBy(() -> ranger.validate(new AdmissionRequest<>(Admission.Operation.CREATE, def, null,
                    "lr", "p", unlimited, null, false, "t"))).isInstanceOfSatisfying(StatusException.class, e ->
                            assertThat(e.getMessage()).isEqualTo("pods \"p\" is forbidden: [cpu max limit to request "
                                    + "ratio per Container is 2, but no limit is specified or limit is 0, maximum cpu "
                                    + "usage per Pod is 1.  No limit is specified]"));
        }
    }
}

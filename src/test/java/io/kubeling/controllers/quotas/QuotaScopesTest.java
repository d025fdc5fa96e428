package io.kubeling.controllers.quotas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.StatusException;

/** Scoped quotas count, and admit, only the pods their scopes and scope selector match. */
class QuotaScopesTest {

    private static Pod pod(String spec) {
        return new io.kubeling.registry.ObjectCodec().decode(("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":%s}""".formatted(spec))
                .getBytes(StandardCharsets.UTF_8), Pod.class);
    }

    private static boolean matches(Pod pod, String scope, String operator, String... values) {
        return QuotaScopes.matches(pod, List.of(new ScopedResourceSelectorRequirement(operator, scope,
                values.length == 0 ? null : List.of(values))));
    }

    private static final String BEST_EFFORT = """
            {"containers":[{"name":"c","image":"nginx","resources":{"limits":{"ephemeral-storage":"1Gi"}}}]}""";
    private static final String HIGH = """
            {"priorityClassName":"high","activeDeadlineSeconds":30,
             "containers":[{"name":"c","image":"nginx","resources":{"requests":{"cpu":"100m"}}}]}""";
    private static final String AFFINE = """
            {"affinity":{"podAntiAffinity":{"preferredDuringSchedulingIgnoredDuringExecution":[{"weight":1,
              "podAffinityTerm":{"topologyKey":"zone","namespaceSelector":{}}}]}},
             "containers":[{"name":"c","image":"nginx"}]}""";

    @Test
    void podsMatchScopesAsKubeDecidesThem() {
        Pod bestEffort = pod(BEST_EFFORT);
        Pod high = pod(HIGH);
        Pod affine = pod(AFFINE);
        assertThat(matches(bestEffort, "BestEffort", "Exists")).isTrue();
        assertThat(matches(high, "BestEffort", "Exists")).isFalse();
        assertThat(matches(high, "NotBestEffort", "Exists")).isTrue();
        assertThat(matches(high, "Terminating", "Exists")).isTrue();
        assertThat(matches(bestEffort, "NotTerminating", "Exists")).isTrue();
        assertThat(matches(high, "PriorityClass", "In", "high", "mid")).isTrue();
        assertThat(matches(high, "PriorityClass", "NotIn", "high")).isFalse();
        assertThat(matches(bestEffort, "PriorityClass", "NotIn", "high")).isTrue();
        assertThat(matches(high, "PriorityClass", "Exists")).isTrue();
        assertThat(matches(bestEffort, "PriorityClass", "Exists")).isFalse();
        assertThat(matches(bestEffort, "PriorityClass", "DoesNotExist")).isTrue();
        assertThat(matches(high, "PriorityClass", "DoesNotExist")).isFalse();
        assertThat(matches(bestEffort, "PriorityClass", "In", "")).isFalse();
        assertThat(matches(affine, "CrossNamespacePodAffinity", "Exists")).isTrue();
        assertThat(matches(high, "CrossNamespacePodAffinity", "Exists")).isFalse();
        assertThat(QuotaScopes.matches(new Service(), List.of(new ScopedResourceSelectorRequirement("Exists",
                "BestEffort", null)))).isFalse();
    }

    @Test
    void aScopedQuotaCountsAndLimitsOnlyTheMatchingPods() {
        StoppedCluster[] holder = new StoppedCluster[1];
        try (StoppedCluster cluster = holder[0] = new StoppedCluster(List.of(),
                List.of(new QuotaAdmission(() -> holder[0].registry)))) {
            cluster.start(new ResourceQuotaController(cluster.kit()));
            cluster.create("q", ResourceQuota.class, """
                    {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"high"},
                     "spec":{"hard":{"pods":"1","requests.cpu":"1"},"scopeSelector":{"matchExpressions":[
                       {"scopeName":"PriorityClass","operator":"In","values":["high"]}]}}}""");
            cluster.create("q", ResourceQuota.class, """
                    {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"besteffort"},
                     "spec":{"hard":{"pods":"5"},"scopes":["BestEffort"]}}""");
            cluster.await(ResourceQuota.class, "q", "high", QuotaScopesTest::synced);
            cluster.await(ResourceQuota.class, "q", "besteffort", QuotaScopesTest::synced);

            cluster.create("q", Pod.class, named("a", HIGH));
            cluster.create("q", Pod.class, named("b", BEST_EFFORT));
            cluster.create("q", Pod.class, named("c", AFFINE));
            assertThatThrownBy(() -> cluster.create("q", Pod.class, named("d", HIGH)))
                    .isInstanceOfSatisfying(StatusException.class, e -> assertThat(e.getMessage()).isEqualTo(
                            "pods \"d\" is forbidden: exceeded quota: high, requested: pods=1, used: pods=1, "
                                    + "limited: pods=1"));

            cluster.await(ResourceQuota.class, "q", "besteffort", q -> "2".equals(used(q).get("pods")));
            cluster.advance(java.time.Duration.ofSeconds(20));
            cluster.await(ResourceQuota.class, "q", "high", q -> "1".equals(used(q).get("pods")));
            assertThat(used(cluster.get(ResourceQuota.class, "q", "high")))
                    .isEqualTo(Map.of("pods", "1", "requests.cpu", "100m"));
            assertThat(used(cluster.get(ResourceQuota.class, "q", "besteffort"))).isEqualTo(Map.of("pods", "2"));
        }
    }

    private static String named(String name, String spec) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},"spec":%s}""".formatted(name, spec);
    }

    /** The strategy gives a new quota an empty status; admission needs the controller's hard and used. */
    static boolean synced(ResourceQuota q) {
        return q.getStatus().getHard() != null && !q.getStatus().getHard().isEmpty() && q.getStatus().getUsed() != null;
    }

    private static Map<String, String> used(ResourceQuota q) {
        Map<String, String> used = new TreeMap<>();
        if (q.getStatus() != null && q.getStatus().getUsed() != null) {
            q.getStatus().getUsed().forEach((k, v) -> used.put(k, v.toString()));
        }
        return used;
    }
}

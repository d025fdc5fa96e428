package io.kubeling.controllers.quotas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.Admission;
import io.kubeling.registry.AdmissionRequest;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.StatusException;

/** The quota controller's counting and the quota admission's refusals, on the registry. */
class ResourceQuotaTest {

    private static final String QUOTA = """
            {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"compute"},
             "spec":{"hard":{"pods":"2","requests.cpu":"1","limits.memory":"1Gi"}}}""";

    private static String pod(String name, String cpu, String memory) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{"containers":[{"name":"c","image":"nginx",
                   "resources":{"requests":{"cpu":"%s"},"limits":{"memory":"%s"}}}]}}""".formatted(name, cpu, memory);
    }

    private static Map<String, String> used(ResourceQuota q) {
        Map<String, String> used = new java.util.TreeMap<>();
        q.getStatus().getUsed().forEach((k, v) -> used.put(k, v.toString()));
        return used;
    }

    @SuppressWarnings("unchecked")
    private static void admit(StoppedCluster cluster, String json) {
        Pod pod = cluster.codec.decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Pod.class);
        ResourceDefinition<Pod> def = cluster.store(Pod.class).definition();
        new QuotaAdmission(() -> cluster.registry).validate(new AdmissionRequest<>(Admission.Operation.CREATE, def, null,
                "q", pod.getMetadata().getName(), pod, null, false, "test"));
    }

    @Test
    void usageIsCountedAndCreatesPastTheHardLimitsAreRefused() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.start(new ResourceQuotaController(cluster.kit()));
            cluster.create("q", ResourceQuota.class, QUOTA);
            ResourceQuota counted = cluster.await(ResourceQuota.class, "q", "compute",
                    q -> q.getStatus() != null && !q.getStatus().getUsed().isEmpty());
            assertThat(used(counted)).isEqualTo(Map.of("limits.memory", "0", "pods", "0", "requests.cpu", "0"));
            assertThat(counted.getStatus().getHard()).containsEntry("pods", new Quantity("2"));

            // stored without admission: counted, as kube's controller counts creates, at the next full resync
            cluster.create("q", Pod.class, pod("a", "500m", "512Mi"));
            cluster.advance(java.time.Duration.ofSeconds(16));
            cluster.await(ResourceQuota.class, "q", "compute", q -> "1".equals(used(q).get("pods")));
            assertThat(used(cluster.get(ResourceQuota.class, "q", "compute")))
                    .isEqualTo(Map.of("limits.memory", "512Mi", "pods", "1", "requests.cpu", "500m"));

            assertThatThrownBy(() -> admit(cluster, pod("b", "600m", "256Mi")))
                    .isInstanceOfSatisfying(StatusException.class, e -> {
                        assertThat(e.code()).isEqualTo(403);
                        assertThat(e.getMessage()).isEqualTo("pods \"b\" is forbidden: exceeded quota: compute, "
                                + "requested: requests.cpu=600m, used: requests.cpu=500m, limited: requests.cpu=1");
                    });
            // stored without admission, so that the controller's count is the only one
            cluster.create("q", Pod.class, pod("c", "200m", "256Mi"));
            cluster.advance(java.time.Duration.ofSeconds(16));
            cluster.await(ResourceQuota.class, "q", "compute", q -> "2".equals(used(q).get("pods"))
                    && "700m".equals(used(q).get("requests.cpu")));
            assertThatThrownBy(() -> admit(cluster, pod("d", "100m", "128Mi")))
                    .hasMessage("pods \"d\" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, "
                            + "limited: pods=2");
        }
    }

    @Test
    void aQuotaOnComputeRequiresEveryContainerToStateIt() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.start(new ResourceQuotaController(cluster.kit()));
            cluster.create("q", ResourceQuota.class, QUOTA);
            cluster.await(ResourceQuota.class, "q", "compute", QuotaScopesTest::synced);
            assertThatThrownBy(() -> admit(cluster, """
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"bare"},
                     "spec":{"initContainers":[{"name":"init","image":"busybox",
                       "resources":{"requests":{"cpu":"100m"},"limits":{"memory":"64Mi"}}}],
                      "containers":[{"name":"web","image":"nginx"},
                       {"name":"side","image":"nginx","resources":{"requests":{"cpu":"100m"}}}]}}"""))
                    .isInstanceOfSatisfying(StatusException.class, e -> {
                        assertThat(e.code()).isEqualTo(403);
                        assertThat(e.getMessage()).isEqualTo("pods \"bare\" is forbidden: failed quota: compute: "
                                + "must specify limits.memory for: side,web; requests.cpu for: web");
                    });
        }
    }
}

package io.kubeling.controllers.quotas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Service;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.StatusException;

/** Quota admission charges updates that take more of a quota, as kube's service and claim evaluators do. */
class QuotaUpdateTest {

    private static StoppedCluster withQuotaAdmission() {
        StoppedCluster[] cluster = new StoppedCluster[1];
        cluster[0] = new StoppedCluster(List.of(), List.of(new QuotaAdmission(() -> cluster[0].registry)));
        cluster[0].start(new ResourceQuotaController(cluster[0].kit()));
        return cluster[0];
    }

    private static ResourceQuota quota(StoppedCluster cluster, String json) {
        ResourceQuota created = cluster.create("q", ResourceQuota.class, json);
        return cluster.await(ResourceQuota.class, "q", created.getMetadata().getName(),
                q -> q.getStatus() != null && q.getStatus().getUsed() != null && !q.getStatus().getUsed().isEmpty());
    }

    /** The quota's usage once it is {@code expected}: the controller may still be recounting a moment. */
    private static Map<String, String> used(StoppedCluster cluster, String name, Map<String, String> expected) {
        return used(cluster.await(ResourceQuota.class, "q", name, q -> used(q).equals(expected)));
    }

    private static Map<String, String> used(ResourceQuota quota) {
        Map<String, String> used = new TreeMap<>();
        quota.getStatus().getUsed().forEach((k, v) -> used.put(k, v.toString()));
        return used;
    }

    private static <T extends HasMetadata> void update(StoppedCluster cluster, Class<T> type, String name,
            String subresource, UnaryOperator<T> change) {
        cluster.store(type).update("q", name, subresource, change, Managers.KUBE_APISERVER);
    }

    private static String service(String name, int ports) {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < ports; i++) {
            list.append(i == 0 ? "" : ",").append("{\"name\":\"p%d\",\"port\":%d}".formatted(i, 80 + i));
        }
        return """
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s"},
                 "spec":{"selector":{"app":"web"},"ports":[%s]}}""".formatted(name, list);
    }

    private static UnaryOperator<Service> type(String type) {
        return s -> {
            s.getSpec().setType(type);
            return s;
        };
    }

    @Test
    void aServiceTurnedNodePortOrLoadBalancerIsChargedItsPortsAndBalancer() {
        try (StoppedCluster cluster = withQuotaAdmission()) {
            quota(cluster, """
                    {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"lb"},
                     "spec":{"hard":{"services.loadbalancers":"1","services.nodeports":"2"}}}""");
            cluster.create("q", Service.class, service("a", 1));
            cluster.create("q", Service.class, service("b", 2));

            update(cluster, Service.class, "a", null, type("LoadBalancer"));
            Map<String, String> full = Map.of("services.loadbalancers", "1", "services.nodeports", "1");
            assertThat(used(cluster, "lb", full)).isEqualTo(full);

            assertThatThrownBy(() -> update(cluster, Service.class, "b", null, type("NodePort")))
                    .isInstanceOfSatisfying(StatusException.class, e -> {
                        assertThat(e.code()).isEqualTo(403);
                        assertThat(e.getMessage()).isEqualTo("services \"b\" is forbidden: exceeded quota: lb, "
                                + "requested: services.nodeports=2, used: services.nodeports=1, "
                                + "limited: services.nodeports=2");
                    });
            assertThatThrownBy(() -> update(cluster, Service.class, "b", null, type("LoadBalancer")))
                    .hasMessage("services \"b\" is forbidden: exceeded quota: lb, requested: "
                            + "services.loadbalancers=1,services.nodeports=2, used: services.loadbalancers=1,"
                            + "services.nodeports=1, limited: services.loadbalancers=1,services.nodeports=2");
            assertThat(cluster.get(Service.class, "q", "b").getSpec().getType()).isEqualTo("ClusterIP");

            // an update that adds nothing is not charged, though the quota is full
            update(cluster, Service.class, "a", null, s -> {
                s.getMetadata().setLabels(Map.of("tier", "front"));
                return s;
            });
            assertThat(cluster.get(Service.class, "q", "a").getMetadata().getLabels()).containsEntry("tier", "front");
        }
    }

    @Test
    void aClaimGrowingIsChargedTheStorageItAdds() {
        try (StoppedCluster cluster = withQuotaAdmission()) {
            quota(cluster, """
                    {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"storage"},
                     "spec":{"hard":{"requests.storage":"10Gi"}}}""");
            cluster.create("q", PersistentVolumeClaim.class, """
                    {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data"},
                     "spec":{"accessModes":["ReadWriteOnce"],"storageClassName":"",
                       "resources":{"requests":{"storage":"4Gi"}}}}""");
            cluster.await(ResourceQuota.class, "q", "storage", q -> "4Gi".equals(q.getStatus().getUsed()
                    .get("requests.storage").toString()));
            update(cluster, PersistentVolumeClaim.class, "data", "status", c -> {
                c.getStatus().setPhase("Bound");
                return c;
            });
            UnaryOperator<PersistentVolumeClaim> grow = c -> {
                c.getSpec().getResources().getRequests().put("storage", new Quantity("12Gi"));
                return c;
            };
            assertThatThrownBy(() -> update(cluster, PersistentVolumeClaim.class, "data", null, grow))
                    .isInstanceOfSatisfying(StatusException.class, e -> {
                        assertThat(e.code()).isEqualTo(403);
                        assertThat(e.getMessage()).isEqualTo("persistentvolumeclaims \"data\" is forbidden: exceeded "
                                + "quota: storage, requested: requests.storage=8Gi, used: requests.storage=4Gi, "
                                + "limited: requests.storage=10Gi");
                    });
            update(cluster, PersistentVolumeClaim.class, "data", null, c -> {
                c.getSpec().getResources().getRequests().put("storage", new Quantity("9Gi"));
                return c;
            });
            assertThat(cluster.get(PersistentVolumeClaim.class, "q", "data").getSpec().getResources().getRequests()
                    .get("storage")).hasToString("9Gi");
            assertThat(used(cluster, "storage", Map.of("requests.storage", "9Gi"))).containsOnlyKeys("requests.storage");
        }
    }

    @Test
    void podUpdatesAreNotCharged() {
        try (StoppedCluster cluster = withQuotaAdmission()) {
            quota(cluster, """
                    {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"pods"},
                     "spec":{"hard":{"pods":"1"}}}""");
            cluster.create("q", Pod.class, """
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"a"},
                     "spec":{"containers":[{"name":"c","image":"nginx"}]}}""");
            used(cluster, "pods", Map.of("pods", "1"));
            update(cluster, Pod.class, "a", null, p -> {
                p.getMetadata().setLabels(Map.of("app", "web"));
                return p;
            });
            assertThat(cluster.get(Pod.class, "q", "a").getMetadata().getLabels()).containsEntry("app", "web");
        }
    }
}

package io.kubeling.controllers.quotas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.StatusException;

/**
 * Requests admitted side by side each charge the quota: a charge that finds the quota changed since it was read
 * reads it again and checks the request again, so no more pods are admitted than the quota allows.
 */
class QuotaChargeConflictTest {

    private static final int ALLOWED = 5;
    private static final int WRITERS = 8;
    private static final int EACH = 5;

    @Test
    void podsCreatedSideBySideAreAdmittedOnlyUpToTheQuota() throws Exception {
        StoppedCluster[] holder = new StoppedCluster[1];
        try (StoppedCluster cluster = holder[0] = new StoppedCluster(List.of(),
                List.of(new QuotaAdmission(() -> holder[0].registry)))) {
            cluster.create("q", ResourceQuota.class, """
                    {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"pods"},
                     "spec":{"hard":{"pods":"%d"}}}""".formatted(ALLOWED));
            // the status the quota controller would give it; the controller itself does not run, so that only the
            // admitted requests' charges change the quota
            cluster.registry.store(ResourceQuota.class).update("q", "pods", "status", q -> {
                q.getStatus().setHard(Map.of("pods", new Quantity(Integer.toString(ALLOWED))));
                q.getStatus().setUsed(Map.of("pods", new Quantity("0")));
                return q;
            }, io.kubeling.controllers.Managers.KUBE_APISERVER);

            assertThat(createSideBySide(cluster)).isEqualTo(ALLOWED);
        }
    }

    @Test
    void theQuotaControllersRecountsDoNotTakeBackACharge() throws Exception {
        StoppedCluster[] holder = new StoppedCluster[1];
        try (StoppedCluster cluster = holder[0] = new StoppedCluster(List.of(),
                List.of(new QuotaAdmission(() -> holder[0].registry)))) {
            cluster.start(new ResourceQuotaController(cluster.kit()));
            cluster.create("q", ResourceQuota.class, """
                    {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"pods"},
                     "spec":{"hard":{"pods":"%d"}}}""".formatted(ALLOWED));
            cluster.await(ResourceQuota.class, "q", "pods", QuotaScopesTest::synced);

            assertThat(createSideBySide(cluster)).isEqualTo(ALLOWED);
        }
    }

    /** Pods created by several writers at once, each refused or admitted; how many were admitted. */
    private static int createSideBySide(StoppedCluster cluster) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<Integer>> admitted = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                admitted.add(writers.submit(() -> {
                    int created = 0;
                    for (int i = 0; i < EACH; i++) {
                        try {
                            cluster.create("q", Pod.class, """
                                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p%d-%d"},
                                     "spec":{"containers":[{"name":"c","image":"nginx"}]}}""".formatted(writer, i));
                            created++;
                        } catch (StatusException refused) {
                            assertThat(refused.code()).isIn(403, 409);
                        }
                    }
                    return created;
                }));
            }
            int total = 0;
            for (Future<Integer> f : admitted) {
                total += f.get(60, TimeUnit.SECONDS);
            }
            return total;
        } finally {
            writers.shutdownNow();
        }
    }
}

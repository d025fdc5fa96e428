package io.kubeling.controllers.statefulsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimList;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.ResourceDefinition;
import io.kubeling.registry.Strategy;
import io.kubeling.registry.WriteOptions;

/**
 * The StatefulSet controller on the registry and a stopped clock, with no kubelet: tests make pods Running and
 * Ready by writing their status, as a kubelet would. Pods stay unscheduled, so a deletion removes them at once.
 */
@Execution(ExecutionMode.CONCURRENT)
class StatefulSetControllerOnRegistryTest {

    private static StoppedCluster cluster;
    private static int namespaces;
    private String ns;

    @BeforeAll
    static void build() {
        cluster = new StoppedCluster();
        cluster.start(new StatefulSetController(cluster.kit()));
    }

    @AfterAll
    static void close() {
        cluster.close();
    }

    @BeforeEach
    void namespace() {
        synchronized (StatefulSetControllerOnRegistryTest.class) {
            ns = "sts-" + ++namespaces;
        }
    }

    private StatefulSet create(String name, int replicas, String specExtra) {
        return cluster.create(ns, StatefulSet.class, """
                {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"%s"},
                 "spec":{"replicas":%d,"serviceName":"%s",%s"selector":{"matchLabels":{"app":"%s"}},
                   "template":{"metadata":{"labels":{"app":"%s"}},
                     "spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}
                """.formatted(name, replicas, name, specExtra, name, name));
    }

    private StatefulSet set(String name) {
        return cluster.get(StatefulSet.class, ns, name);
    }

    private boolean exists(String pod) {
        return cluster.exists(Pod.class, ns, pod);
    }

    private Pod pod(String name) {
        return cluster.get(Pod.class, ns, name);
    }

    /** Writes the pod Running and Ready, as its kubelet would. */
    private void ready(String name) {
        String now = cluster.now().toString();
        cluster.store(Pod.class).update(ns, name, "status", p -> {
            p.getStatus().setPhase("Running");
            p.getStatus().setConditions(List.of(new io.fabric8.kubernetes.api.model.PodConditionBuilder().withType("Ready").withStatus("True").withLastTransitionTime(now).build()));
            return p;
        }, WriteOptions.DEFAULT);
    }

    private void awaitReady(String name) {
        cluster.awaitUntil(() -> exists(name));
        ready(name);
    }

    private void setImage(String name, String image) {
        cluster.store(StatefulSet.class).update(ns, name, null, s -> {
            s.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
            return s;
        }, WriteOptions.DEFAULT);
    }

    /** The pod's image, or null when it is gone. */
    private String image(String pod) {
        try {
            return pod(pod).getSpec().getContainers().get(0).getImage();
        } catch (io.kubeling.registry.StatusException e) {
            return null;
        }
    }

    private List<String> events(String reason) {
        return cluster.events(ns, null).stream().filter(e -> e.startsWith(reason + ": "))
                .map(e -> e.substring(reason.length() + 2)).toList();
    }

    @Test
    void createsPodsInOrderEachReadyBeforeTheNextAndScalesDownFromTheHighestOrdinal() {
        create("web", 3, "");
        cluster.await(StatefulSet.class, ns, "web", s -> s.getStatus().getReplicas() == 1);
        assertThat(exists("web-0")).isTrue();
        assertThat(exists("web-1")).isFalse();

        Pod first = pod("web-0");
        assertThat(first.getSpec().getHostname()).isEqualTo("web-0");
        assertThat(first.getSpec().getSubdomain()).isEqualTo("web");
        assertThat(first.getMetadata().getLabels()).containsEntry("statefulset.kubernetes.io/pod-name", "web-0")
                .containsEntry("apps.kubernetes.io/pod-index", "0").containsEntry("app", "web")
                .containsKey("controller-revision-hash");
        assertThat(first.getMetadata().getOwnerReferences().get(0).getKind()).isEqualTo("StatefulSet");

        ready("web-0");
        awaitReady("web-1");
        cluster.await(StatefulSet.class, ns, "web", s -> s.getStatus().getReplicas() == 3);
        assertThat(pod("web-0").getMetadata().getCreationTimestamp()).isNotNull();
        ready("web-2");
        StatefulSet done = cluster.await(StatefulSet.class, ns, "web",
                s -> Integer.valueOf(3).equals(s.getStatus().getReadyReplicas()));
        String revision = first.getMetadata().getLabels().get("controller-revision-hash");
        assertThat(done.getStatus().getCurrentRevision()).isEqualTo(revision);
        assertThat(done.getStatus().getUpdateRevision()).isEqualTo(revision);
        assertThat(done.getStatus().getCurrentReplicas()).isEqualTo(3);
        assertThat(done.getStatus().getUpdatedReplicas()).isEqualTo(3);
        assertThat(done.getStatus().getAvailableReplicas()).isEqualTo(3);
        assertThat(done.getStatus().getObservedGeneration()).isEqualTo(1L);
        assertThat(done.getStatus().getCollisionCount()).isZero();
        ControllerRevision history = cluster.get(ControllerRevision.class, ns, revision);
        assertThat(history.getRevision()).isEqualTo(1L);
        assertThat(history.getMetadata().getLabels()).containsEntry("app", "web")
                .containsEntry("controller.kubernetes.io/hash", revision.substring("web-".length()));
        assertThat(history.getMetadata().getOwnerReferences().get(0).getUid())
                .isEqualTo(done.getMetadata().getUid());

        cluster.store(StatefulSet.class).update(ns, "web", null, s -> {
            s.getSpec().setReplicas(1);
            return s;
        }, WriteOptions.DEFAULT);
        cluster.awaitUntil(() -> !exists("web-1") && events("SuccessfulDelete").size() == 2);
        assertThat(exists("web-0")).isTrue();
        assertThat(events("SuccessfulDelete")).containsExactly("delete Pod web-2 in StatefulSet web successful",
                "delete Pod web-1 in StatefulSet web successful");
        assertThat(events("SuccessfulCreate")).containsExactly("create Pod web-0 in StatefulSet web successful",
                "create Pod web-1 in StatefulSet web successful", "create Pod web-2 in StatefulSet web successful");
        cluster.await(StatefulSet.class, ns, "web", s -> s.getStatus().getReplicas() == 1
                && s.getStatus().getObservedGeneration() == 2);
    }

    @Test
    void parallelCreatesEveryPodAtOnceFromTheStartOrdinal() {
        create("par", 3, "\"podManagementPolicy\":\"Parallel\",\"ordinals\":{\"start\":5},");
        cluster.awaitUntil(() -> exists("par-5") && exists("par-6") && exists("par-7"));
        assertThat(exists("par-0")).isFalse();
        assertThat(pod("par-7").getMetadata().getLabels()).containsEntry("apps.kubernetes.io/pod-index", "7");
        assertThat(set("par").getStatus().getReadyReplicas()).isNull();
    }

    @Test
    void aRollingUpdateReplacesPodsFromTheHighestOrdinalOneReadyAtATime() {
        create("roll", 3, "\"podManagementPolicy\":\"Parallel\",");
        for (int i = 0; i < 3; i++) {
            awaitReady("roll-" + i);
        }
        StatefulSet before = cluster.await(StatefulSet.class, ns, "roll",
                s -> Integer.valueOf(3).equals(s.getStatus().getReadyReplicas()));
        String oldRevision = before.getStatus().getCurrentRevision();

        setImage("roll", "nginx:1.28");
        cluster.awaitUntil(() -> "nginx:1.28".equals(image("roll-2")));
        StatefulSet rolling = set("roll");
        assertThat(rolling.getStatus().getUpdateRevision()).isNotEqualTo(oldRevision);
        assertThat(rolling.getStatus().getCurrentRevision()).isEqualTo(oldRevision);
        assertThat(image("roll-1")).isEqualTo("nginx:1.27");
        assertThat(pod("roll-2").getMetadata().getLabels().get("controller-revision-hash"))
                .isEqualTo(rolling.getStatus().getUpdateRevision());

        ready("roll-2");
        cluster.awaitUntil(() -> "nginx:1.28".equals(image("roll-1")));
        assertThat(image("roll-0")).isEqualTo("nginx:1.27");
        ready("roll-1");
        cluster.awaitUntil(() -> "nginx:1.28".equals(image("roll-0")));
        ready("roll-0");
        StatefulSet after = cluster.await(StatefulSet.class, ns, "roll",
                s -> s.getStatus().getCurrentRevision().equals(s.getStatus().getUpdateRevision())
                        && Integer.valueOf(3).equals(s.getStatus().getReadyReplicas()));
        assertThat(after.getStatus().getCurrentReplicas()).isEqualTo(3);
        assertThat(cluster.list(ControllerRevision.class, ns)).extracting(ControllerRevision::getRevision)
                .containsExactlyInAnyOrder(1L, 2L);

        // Back to the first template: its revision is reused, numbered as the latest.
        setImage("roll", "nginx:1.27");
        cluster.awaitUntil(() -> cluster.get(ControllerRevision.class, ns, oldRevision).getRevision() == 3L);
        assertThat(cluster.list(ControllerRevision.class, ns)).hasSize(2);
    }

    @Test
    void aPartitionKeepsLowerOrdinalsAtTheCurrentRevision() {
        create("part", 3, "\"podManagementPolicy\":\"Parallel\","
                + "\"updateStrategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"partition\":2}},");
        for (int i = 0; i < 3; i++) {
            awaitReady("part-" + i);
        }
        cluster.await(StatefulSet.class, ns, "part", s -> Integer.valueOf(3).equals(s.getStatus().getReadyReplicas()));
        setImage("part", "nginx:1.28");
        cluster.awaitUntil(() -> "nginx:1.28".equals(image("part-2")));
        ready("part-2");
        StatefulSet s = cluster.await(StatefulSet.class, ns, "part",
                x -> Integer.valueOf(1).equals(x.getStatus().getUpdatedReplicas())
                        && Integer.valueOf(3).equals(x.getStatus().getReadyReplicas()));
        assertThat(s.getStatus().getCurrentReplicas()).isEqualTo(2);
        assertThat(image("part-0")).isEqualTo("nginx:1.27");
        assertThat(image("part-1")).isEqualTo("nginx:1.27");
        assertThat(s.getStatus().getCurrentRevision()).isNotEqualTo(s.getStatus().getUpdateRevision());
    }

    @Test
    void maxUnavailableReplacesThatManyPodsAtOnce() {
        create("burst", 4, "\"podManagementPolicy\":\"Parallel\","
                + "\"updateStrategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxUnavailable\":2}},");
        for (int i = 0; i < 4; i++) {
            awaitReady("burst-" + i);
        }
        cluster.await(StatefulSet.class, ns, "burst", s -> Integer.valueOf(4).equals(s.getStatus().getReadyReplicas()));
        setImage("burst", "nginx:1.28");
        cluster.awaitUntil(() -> "nginx:1.28".equals(image("burst-3"))
                && "nginx:1.28".equals(image("burst-2")));
        assertThat(image("burst-1")).isEqualTo("nginx:1.27");
        assertThat(image("burst-0")).isEqualTo("nginx:1.27");
    }

    @Test
    void onDeleteReplacesOnlyThePodsDeleted() {
        create("od", 2, "\"podManagementPolicy\":\"Parallel\",\"updateStrategy\":{\"type\":\"OnDelete\"},");
        awaitReady("od-0");
        awaitReady("od-1");
        cluster.await(StatefulSet.class, ns, "od", s -> Integer.valueOf(2).equals(s.getStatus().getReadyReplicas()));
        setImage("od", "nginx:1.28");
        cluster.await(StatefulSet.class, ns, "od", s -> s.getStatus().getObservedGeneration() == 2
                && !s.getStatus().getUpdateRevision().equals(s.getStatus().getCurrentRevision()));
        assertThat(image("od-0")).isEqualTo("nginx:1.27");
        assertThat(image("od-1")).isEqualTo("nginx:1.27");
        String uid = pod("od-1").getMetadata().getUid();
        cluster.store(Pod.class).delete(ns, "od-1", io.kubeling.registry.DeleteOptions.DEFAULT);
        cluster.awaitUntil(() -> exists("od-1") && !pod("od-1").getMetadata().getUid().equals(uid));
        assertThat(image("od-1")).isEqualTo("nginx:1.28");
        assertThat(image("od-0")).isEqualTo("nginx:1.27");
    }

    @Test
    void claimTemplatesBecomeVolumesAndClaimsOnlyWhenClaimsAreServed() {
        String templates = "\"podManagementPolicy\":\"Parallel\",\"volumeClaimTemplates\":[{\"metadata\":{\"name\":\"www\"},"
                + "\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],\"resources\":{\"requests\":{\"storage\":\"1Gi\"}}}}],";
        create("plain", 1, templates);
        cluster.awaitUntil(() -> exists("plain-0"));
        assertThat(pod("plain-0").getSpec().getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("www");
            assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("www-plain-0");
        });

        try (StoppedCluster withClaims = new StoppedCluster()) {
            withClaims.registry.serve(new ResourceDefinition<>("", "v1", "persistentvolumeclaims",
                    "persistentvolumeclaim", "PersistentVolumeClaim", true, List.of("pvc"), List.of(),
                    PersistentVolumeClaim.class, PersistentVolumeClaimList.class, new Strategy<>() {
                    }, Map.of(), null));
            withClaims.start(new StatefulSetController(withClaims.kit()));
            withClaims.create("db", StatefulSet.class, """
                    {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"pg"},
                     "spec":{"replicas":2,"serviceName":"pg","podManagementPolicy":"Parallel",
                       "persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Delete","whenScaled":"Delete"},
                       "selector":{"matchLabels":{"app":"pg"}},
                       "template":{"metadata":{"labels":{"app":"pg"}},"spec":{"containers":[{"name":"pg","image":"postgres"}]}},
                       "volumeClaimTemplates":[{"metadata":{"name":"data"},
                         "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}]}}""");
            withClaims.awaitUntil(() -> withClaims.exists(Pod.class, "db", "pg-1"));
            var claims = withClaims.registry.find("", "v1", "persistentvolumeclaims").orElseThrow();
            PersistentVolumeClaim claim = (PersistentVolumeClaim) claims.get("db", "data-pg-0");
            assertThat(claim.getMetadata().getLabels()).containsEntry("app", "pg");
            assertThat(claim.getMetadata().getOwnerReferences()).extracting(r -> r.getKind())
                    .containsExactly("StatefulSet");
            assertThat(claims.get("db", "data-pg-1")).isNotNull();
            // the recorder writes events after the writes they tell of
            withClaims.awaitUntil(() -> withClaims.events("db", "pg").contains(
                    "SuccessfulCreate: create Claim data-pg-0 Pod pg-0 in StatefulSet pg success"));

            withClaims.store(StatefulSet.class).update("db", "pg", null, s -> {
                s.getSpec().setReplicas(1);
                return s;
            }, WriteOptions.DEFAULT);
            withClaims.awaitUntil(() -> !withClaims.exists(Pod.class, "db", "pg-1"));
            assertThat(((PersistentVolumeClaim) claims.get("db", "data-pg-1")).getMetadata()
                    .getOwnerReferences()).extracting(r -> r.getKind()).contains("Pod");
        }
    }

    @Test
    void minReadySecondsHoldsTheNextPodUntilTheFirstIsAvailable() {
        create("slow", 2, "\"minReadySeconds\":10,");
        awaitReady("slow-0");
        cluster.await(StatefulSet.class, ns, "slow", s -> Integer.valueOf(1).equals(s.getStatus().getReadyReplicas()));
        assertThat(set("slow").getStatus().getAvailableReplicas()).isZero();
        assertThat(exists("slow-1")).isFalse();
        cluster.advanceUntil(Duration.ofSeconds(1), Duration.ofSeconds(15), () -> exists("slow-1"));
        assertThat(cluster.now()).isAfterOrEqualTo(StoppedCluster.START.plusSeconds(10));
        cluster.await(StatefulSet.class, ns, "slow", s -> s.getStatus().getAvailableReplicas() == 1);
    }
}

package io.kubeling.controllers.replicasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.WriteOptions;

/** ReplicationControllers run by the ReplicaSet controller's code on the registry, as kube's ReplicationManager. */
class ReplicationManagerTest {

    private static final String RC = """
            {"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"web"},
             "spec":{"replicas":3,"template":{"metadata":{"labels":{"app":"web"}},
               "spec":{"containers":[{"name":"web","image":"nginx"}]}}}}""";

    @Test
    void keepsTheReplicasItAsksForAndCountsThem() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.start(new ReplicationManager(cluster.kit()));
            ReplicationController rc = cluster.create("rc", ReplicationController.class, RC);
            assertThat(rc.getSpec().getSelector()).isEqualTo(Map.of("app", "web"));
            cluster.awaitUntil(() -> cluster.list(Pod.class, "rc").size() == 3);
            for (Pod pod : cluster.list(Pod.class, "rc")) {
                OwnerReference owner = pod.getMetadata().getOwnerReferences().get(0);
                assertThat(owner.getKind()).isEqualTo("ReplicationController");
                assertThat(owner.getApiVersion()).isEqualTo("v1");
                assertThat(owner.getUid()).isEqualTo(rc.getMetadata().getUid());
                assertThat(owner.getController()).isTrue();
                assertThat(pod.getMetadata().getName()).startsWith("web-");
            }
            ReplicationController counted = cluster.await(ReplicationController.class, "rc", "web",
                    r -> r.getStatus().getReplicas() == 3 && Integer.valueOf(3).equals(r.getStatus().getFullyLabeledReplicas()));
            assertThat(counted.getStatus().getObservedGeneration()).isEqualTo(1L);
            assertThat(cluster.awaitEvent("rc", "web", "SuccessfulCreate")).startsWith("Created pod: web-");

            cluster.store(ReplicationController.class).update("rc", "web", null, r -> {
                r.getSpec().setReplicas(1);
                return r;
            }, WriteOptions.DEFAULT);
            cluster.awaitUntil(() -> cluster.list(Pod.class, "rc").size() == 1);
            cluster.await(ReplicationController.class, "rc", "web", r -> r.getStatus().getReplicas() == 1
                    && r.getStatus().getObservedGeneration() == 2L);
            assertThat(cluster.awaitEvent("rc", "web", "SuccessfulDelete")).startsWith("Deleted pod: web-");
        }
    }

    private static final String STRAY = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"stray","labels":{"app":"web"}},
             "spec":{"containers":[{"name":"web","image":"nginx"}]}}""";

    @Test
    void adoptsAnOrphanItsSelectorMatches() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.create("rc", Pod.class, STRAY);
            cluster.start(new ReplicationManager(cluster.kit()));
            assertAdoptedByANewController(cluster);
        }
    }

    @Test
    void adoptsAnOrphanMadeWhileItsNamespaceHadNoOwnerToLookForIt() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.start(new ReplicationManager(cluster.kit()));
            cluster.create("rc", Pod.class, STRAY);
            assertAdoptedByANewController(cluster);
        }
    }

    /** A controller of one replica created now takes the stray pod as its own and makes no other. */
    private static void assertAdoptedByANewController(StoppedCluster cluster) {
        cluster.create("rc", ReplicationController.class, RC.replace("\"replicas\":3", "\"replicas\":1"));
        Pod adopted = cluster.await(Pod.class, "rc", "stray", p -> !p.getMetadata().getOwnerReferences().isEmpty());
        assertThat(adopted.getMetadata().getOwnerReferences()).extracting(OwnerReference::getKind)
                .isEqualTo(List.of("ReplicationController"));
        cluster.await(ReplicationController.class, "rc", "web", r -> r.getStatus().getReplicas() == 1);
        assertThat(cluster.list(Pod.class, "rc")).hasSize(1);
    }
}

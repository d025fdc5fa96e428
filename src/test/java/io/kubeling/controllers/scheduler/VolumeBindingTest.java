package io.kubeling.controllers.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.controllers.volumes.Claims;
import io.kubeling.registry.WriteOptions;

class VolumeBindingTest {

    private static final String POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
             "spec":{"containers":[{"name":"c","image":"nginx"}],
               "volumes":[{"name":"v","persistentVolumeClaim":{"claimName":"data"}}]}}""";

    private static String claim(String className) {
        return """
                {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data"},
                 "spec":{"accessModes":["ReadWriteOnce"],"storageClassName":"%s",
                   "resources":{"requests":{"storage":"1Gi"}}}}""".formatted(className);
    }

    @Test
    void missingAndUnboundImmediateClaimsKeepThePodFromEveryNode() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            Pod pod = cluster.create("app", Pod.class, POD);
            String missing = VolumeBinding.preFilter(cluster.registry, pod);
            assertThat(missing).isEqualTo("persistentvolumeclaim \"data\" not found");
            assertThat(FailureMessage.preFilter(3, missing, false)).isEqualTo("0/3 nodes are available: "
                    + "persistentvolumeclaim \"data\" not found. preemption: 0/3 nodes are available: "
                    + "3 Preemption is not helpful for scheduling.");

            cluster.create("app", PersistentVolumeClaim.class, claim("standard"));
            assertThat(VolumeBinding.preFilter(cluster.registry, pod))
                    .isEqualTo("pod has unbound immediate PersistentVolumeClaims");

            cluster.store(PersistentVolumeClaim.class).update("app", "data", null, c -> {
                c.getSpec().setVolumeName("pv-1");
                return c;
            }, WriteOptions.DEFAULT);
            assertThat(VolumeBinding.preFilter(cluster.registry, pod)).isNull();
        }
    }

    @Test
    void aClaimWaitingForItsFirstConsumerLetsThePodBeScheduledAndLearnsTheNode() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.create(null, io.fabric8.kubernetes.api.model.storage.StorageClass.class, """
                    {"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"local"},
                     "provisioner":"kubeling.io/hostpath","volumeBindingMode":"WaitForFirstConsumer"}""");
            cluster.create("app", PersistentVolumeClaim.class, claim("local"));
            Pod pod = cluster.create("app", Pod.class, POD);
            assertThat(VolumeBinding.preFilter(cluster.registry, pod)).isNull();
            VolumeBinding.preBind(cluster.registry, pod, "node-1");
            assertThat(cluster.get(PersistentVolumeClaim.class, "app", "data").getMetadata().getAnnotations())
                    .containsEntry(Claims.SELECTED_NODE, "node-1");
        }
    }
}

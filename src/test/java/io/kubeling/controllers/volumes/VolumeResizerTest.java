package io.kubeling.controllers.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirements;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.WriteOptions;

/** Expansion of the simulated provisioner's volumes: the external-resizer's half, then the kubelet's. */
class VolumeResizerTest {

    private static final String CLASS = """
            {"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"grow"},
             "provisioner":"kubeling.io/hostpath","allowVolumeExpansion":true}""";

    private static String claim(String name, String mode) {
        return """
                {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"%s"},
                 "spec":{"accessModes":["ReadWriteOnce"],"storageClassName":"grow","volumeMode":"%s",
                   "resources":{"requests":{"storage":"1Gi"}}}}""".formatted(name, mode);
    }

    private static boolean bound(PersistentVolumeClaim c) {
        return c.getStatus() != null && "Bound".equals(c.getStatus().getPhase());
    }

    private static String capacity(PersistentVolumeClaim c) {
        return c.getStatus().getCapacity().get("storage").toString();
    }

    private static void request(StoppedCluster cluster, String name, String size) {
        cluster.store(PersistentVolumeClaim.class).update("app", name, null, c -> {
            VolumeResourceRequirements r = new VolumeResourceRequirements();
            r.setRequests(Map.of("storage", new Quantity(size)));
            c.getSpec().setResources(r);
            return c;
        }, WriteOptions.DEFAULT);
    }

    @Test
    void aFileSystemGrowsOnTheVolumeThenOnTheNodeOfARunningPod() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.create(null, io.fabric8.kubernetes.api.model.storage.StorageClass.class, CLASS);
            cluster.start(new PersistentVolumeBinder(cluster.kit()));
            cluster.start(new VolumeResizer(cluster.kit()));
            cluster.create("app", PersistentVolumeClaim.class, claim("data", "Filesystem"));
            String pvName = cluster.await(PersistentVolumeClaim.class, "app", "data", VolumeResizerTest::bound)
                    .getSpec().getVolumeName();

            request(cluster, "data", "3Gi");
            PersistentVolumeClaim pending = cluster.await(PersistentVolumeClaim.class, "app", "data",
                    c -> c.getStatus().getConditions() != null && c.getStatus().getConditions().stream()
                            .anyMatch(x -> x.getType().equals("FileSystemResizePending")));
            PersistentVolumeClaimCondition condition = pending.getStatus().getConditions().get(0);
            assertThat(condition.getStatus()).isEqualTo("True");
            assertThat(condition.getMessage()).isEqualTo(
                    "Waiting for user to (re-)start a pod to finish file system resize of volume on node.");
            assertThat(condition.getLastTransitionTime()).isEqualTo("2026-01-01T00:00:00Z");
            assertThat(capacity(pending)).isEqualTo("1Gi");
            assertThat(pending.getStatus().getAllocatedResources()).isEqualTo(Map.of("storage", new Quantity("3Gi")));
            assertThat(pending.getStatus().getAllocatedResourceStatuses())
                    .isEqualTo(Map.of("storage", "NodeResizePending"));
            assertThat(cluster.get(PersistentVolume.class, null, pvName).getSpec().getCapacity())
                    .isEqualTo(Map.of("storage", new Quantity("3Gi")));
            assertThat(cluster.awaitEvent("app", "data", "ExternalExpanding"))
                    .isEqualTo("waiting for an external controller to expand this PVC");
            assertThat(cluster.awaitEvent("app", "data", "Resizing"))
                    .isEqualTo("External resizer is resizing volume " + pvName);
            assertThat(cluster.awaitEvent("app", "data", "FileSystemResizeRequired"))
                    .isEqualTo("Require file system resize of volume on node");

            // a pod running on a node with the claim mounted lets its kubelet finish the resize
            cluster.create("app", Pod.class, """
                    {"apiVersion":"v1","kind":"Pod","metadata":{"name":"db"},
                     "spec":{"nodeName":"node-1","containers":[{"name":"db","image":"postgres:16"}],
                       "volumes":[{"name":"data","persistentVolumeClaim":{"claimName":"data"}}]}}""");
            cluster.store(Pod.class).update("app", "db", "status", p -> {
                PodStatus s = p.getStatus() == null ? new PodStatus() : p.getStatus();
                s.setPhase("Running");
                p.setStatus(s);
                return p;
            }, WriteOptions.DEFAULT);
            PersistentVolumeClaim done = cluster.await(PersistentVolumeClaim.class, "app", "data",
                    c -> capacity(c).equals("3Gi"));
            assertThat(done.getStatus().getConditions()).isEmpty();
            assertThat(done.getStatus().getAllocatedResourceStatuses()).isNullOrEmpty();
            String message = "MountVolume.NodeExpandVolume succeeded for volume \"" + pvName + "\" node-1";
            assertThat(cluster.awaitEvent("app", "data", "FileSystemResizeSuccessful")).isEqualTo(message);
            assertThat(cluster.awaitEvent("app", "db", "FileSystemResizeSuccessful")).isEqualTo(message);
        }
    }

    @Test
    void aBlockVolumeIsDoneOnceTheVolumeGrew() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.create(null, io.fabric8.kubernetes.api.model.storage.StorageClass.class, CLASS);
            cluster.start(new PersistentVolumeBinder(cluster.kit()));
            cluster.start(new VolumeResizer(cluster.kit()));
            cluster.create("app", PersistentVolumeClaim.class, claim("raw", "Block"));
            cluster.await(PersistentVolumeClaim.class, "app", "raw", VolumeResizerTest::bound);

            request(cluster, "raw", "2Gi");
            PersistentVolumeClaim done = cluster.await(PersistentVolumeClaim.class, "app", "raw",
                    c -> capacity(c).equals("2Gi"));
            assertThat(done.getStatus().getConditions()).isEmpty();
            assertThat(done.getStatus().getAllocatedResources()).isEqualTo(Map.of("storage", new Quantity("2Gi")));
            assertThat(cluster.awaitEvent("app", "raw", "VolumeResizeSuccessful")).isEqualTo("Resize volume succeeded");
        }
    }
}

package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.AttachedVolume;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.kubeling.config.KubeletProperties;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.controllers.volumes.AttachDetachController;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.resources.csidrivers.CSIDriverResource;
import io.kubeling.resources.volumeattachments.VolumeAttachmentResource;

/**
 * The kubelet and the attach/detach controller on the registry, on a stopped clock: a pod whose claim is bound to a
 * CSI volume waits in ContainerCreating until its Node lists the volume attached, the kubelet reports the volume in
 * use on its Node meanwhile, and the volume is detached once the pod has ended.
 */
class KubeletVolumeAttachmentTest {

    private static final String DISK = "kubernetes.io/csi/ebs.csi.aws.com^vol-disk";

    private final StoppedCluster cluster = new StoppedCluster(List.of(
            new VolumeAttachmentResource().volumeAttachments(), new CSIDriverResource().csiDrivers()), List.of());

    @AfterEach
    void close() {
        cluster.close();
    }

    private void nodeWithDisk() {
        cluster.start(new KubeletController(cluster.feed, cluster.registry, cluster.events, cluster.time,
                StoppedCluster.simulation(), new KubeletProperties(List.of(), null, Duration.ofSeconds(1), 1 << 20, 1),
                new ContainerLogs(1 << 20), cluster.codec));
        cluster.create(null, Node.class, """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1"},
                 "spec":{"podCIDR":"10.244.41.0/24","podCIDRs":["10.244.41.0/24"]},
                 "status":{"addresses":[{"type":"InternalIP","address":"172.18.0.41"}],
                  "conditions":[{"type":"Ready","status":"True"}]}}""");
        cluster.create(null, PersistentVolume.class, """
                {"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"disk"},
                 "spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"storageClassName":"csi",
                   "claimRef":{"namespace":"app","name":"data"},
                   "csi":{"driver":"ebs.csi.aws.com","volumeHandle":"vol-disk"}}}""");
        cluster.create("app", PersistentVolumeClaim.class, """
                {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data"},
                 "spec":{"accessModes":["ReadWriteOnce"],"storageClassName":"csi","volumeName":"disk",
                   "resources":{"requests":{"storage":"1Gi"}}}}""");
        cluster.create("app", Pod.class, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"db"},
                 "spec":{"nodeName":"node-1","terminationGracePeriodSeconds":5,
                   "containers":[{"name":"db","image":"nginx:1.27"}],
                   "volumes":[{"name":"www","persistentVolumeClaim":{"claimName":"data"}}]}}""");
    }

    private String row() {
        Pod pod = cluster.get(Pod.class, "app", "db");
        List<Object> cells = cluster.store(Pod.class).definition().table().cells(pod, cluster.now());
        return cells.get(1) + " " + cells.get(2);
    }

    private Node node() {
        return cluster.get(Node.class, null, "node-1");
    }

    private static List<String> attached(Node node) {
        return node.getStatus().getVolumesAttached().stream().map(AttachedVolume::getName).toList();
    }

    @Test
    void aPodWaitsForItsCsiVolumeToBeAttachedAndSaysSoWhenTheWaitTimesOut() {
        nodeWithDisk();
        cluster.await(Node.class, null, "node-1", n -> n.getStatus().getVolumesInUse().equals(List.of(DISK)));
        // the pod's first status is written once its worker has started, and with it the wait's deadline
        cluster.awaitUntil(() -> row().equals("0/1 ContainerCreating"));
        cluster.advance(PodWorker.ATTACH_AND_MOUNT_TIMEOUT.minusSeconds(1));
        assertThat(row()).isEqualTo("0/1 ContainerCreating");
        assertThat(cluster.get(Pod.class, "app", "db").getStatus().getPodIP()).isNull();
        cluster.advance(Duration.ofSeconds(1));
        assertThat(cluster.awaitEvent("app", "db", "FailedMount")).isEqualTo("Unable to attach or mount volumes: "
                + "unmounted volumes=[www], unattached volumes=[www], failed to process volumes=[]: timed out "
                + "waiting for the condition");
        assertThat(row()).isEqualTo("0/1 ContainerCreating");

        cluster.start(new AttachDetachController(cluster.kit()));
        cluster.await(Node.class, null, "node-1", n -> attached(n).equals(List.of(DISK)));
        cluster.advanceUntil(Duration.ofMillis(100), Duration.ofSeconds(30), () -> row().equals("1/1 Running"));
    }

    @Test
    void aPodsVolumeIsReportedInUseUntilThePodHasEndedAndThenDetached() {
        cluster.start(new AttachDetachController(cluster.kit()));
        nodeWithDisk();
        cluster.advanceUntil(Duration.ofMillis(100), Duration.ofSeconds(30), () -> row().equals("1/1 Running"));
        assertThat(node().getStatus().getVolumesInUse()).containsExactly(DISK);
        assertThat(attached(node())).containsExactly(DISK);
        List<VolumeAttachment> attachments = cluster.list(VolumeAttachment.class, null);
        assertThat(attachments).singleElement().satisfies(va -> {
            assertThat(va.getSpec().getNodeName()).isEqualTo("node-1");
            assertThat(va.getStatus().getAttached()).isTrue();
        });
        String attachment = attachments.get(0).getMetadata().getName();

        cluster.store(Pod.class).delete("app", "db", DeleteOptions.DEFAULT);
        cluster.advanceUntil(Duration.ofMillis(100), Duration.ofSeconds(30),
                () -> !cluster.exists(Pod.class, "app", "db"));
        cluster.awaitGone(VolumeAttachment.class, null, attachment);
        assertThat(node().getStatus().getVolumesInUse()).isEmpty();
        assertThat(attached(node())).isEmpty();
    }
}

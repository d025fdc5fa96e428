package io.kubeling.controllers.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.AttachedVolume;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.kubeling.controllers.Managers;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.resources.csidrivers.CSIDriverResource;
import io.kubeling.resources.volumeattachments.VolumeAttachmentResource;

/** The attach/detach controller and a simulated external-attacher for CSI volumes. */
class AttachDetachControllerTest {

    private static final String DISK = "kubernetes.io/csi/ebs.csi.aws.com^vol-disk";

    private static StoppedCluster cluster() {
        return new StoppedCluster(List.of(new VolumeAttachmentResource().volumeAttachments(),
                new CSIDriverResource().csiDrivers()), List.of());
    }

    private static void node(StoppedCluster cluster) {
        cluster.create(null, Node.class, """
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"node-1"},
                 "status":{"conditions":[{"type":"Ready","status":"True"}]}}""");
    }

    /** A pod on node-1 using the claim "disk", once its CSI volume is attached and the Node lists it. */
    private static String attachedDisk(StoppedCluster cluster) {
        cluster.start(new PersistentVolumeBinder(cluster.kit()));
        cluster.start(new AttachDetachController(cluster.kit()));
        node(cluster);
        cluster.create(null, io.fabric8.kubernetes.api.model.PersistentVolume.class, volume("disk", "ebs.csi.aws.com"));
        cluster.create("app", PersistentVolumeClaim.class, claim("disk"));
        cluster.await(PersistentVolumeClaim.class, "app", "disk", AttachDetachControllerTest::bound);
        cluster.create("app", Pod.class, pod("db", "disk"));
        cluster.await(Node.class, null, "node-1", n -> attached(n).equals(List.of(DISK)));
        return AttachDetachController.attachmentName("vol-disk", "ebs.csi.aws.com", "node-1");
    }

    private static List<String> attached(Node node) {
        return node.getStatus().getVolumesAttached().stream().map(AttachedVolume::getName).toList();
    }

    /** The kubelet of node-1 reports the volumes its pods use. */
    private static void inUse(StoppedCluster cluster, List<String> volumes) {
        cluster.store(Node.class).update(null, "node-1", "status", n -> {
            n.getStatus().setVolumesInUse(volumes);
            return n;
        }, Managers.kubelet("node-1"));
    }

    private static String volume(String name, String driver) {
        return """
                {"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"%s"},
                 "spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOnce"],"storageClassName":"csi",
                   "persistentVolumeReclaimPolicy":"Retain","claimRef":{"namespace":"app","name":"%s"},
                   "csi":{"driver":"%s","volumeHandle":"vol-%s"}}}""".formatted(name, name, driver, name);
    }

    private static String claim(String name) {
        return """
                {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"%s"},
                 "spec":{"accessModes":["ReadWriteOnce"],"storageClassName":"csi",
                   "resources":{"requests":{"storage":"1Gi"}}}}""".formatted(name);
    }

    private static String pod(String name, String claim) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{"nodeName":"node-1","containers":[{"name":"c","image":"nginx"}],
                   "volumes":[{"name":"v","persistentVolumeClaim":{"claimName":"%s"}}]}}""".formatted(name, claim);
    }

    private static boolean bound(PersistentVolumeClaim c) {
        return c.getStatus() != null && "Bound".equals(c.getStatus().getPhase());
    }

    @Test
    void aScheduledPodsCsiVolumeIsAttachedToItsNodeAndDetachedWhenItGoes() {
        try (StoppedCluster cluster = new StoppedCluster(List.of(new VolumeAttachmentResource().volumeAttachments(),
                new CSIDriverResource().csiDrivers()), List.of())) {
            cluster.start(new PersistentVolumeBinder(cluster.kit()));
            cluster.start(new AttachDetachController(cluster.kit()));
            cluster.create(null, io.fabric8.kubernetes.api.model.PersistentVolume.class, volume("disk", "ebs.csi.aws.com"));
            cluster.create(null, io.fabric8.kubernetes.api.model.PersistentVolume.class, volume("share", "nfs.csi.k8s.io"));
            cluster.create(null, CSIDriver.class, """
                    {"apiVersion":"storage.k8s.io/v1","kind":"CSIDriver","metadata":{"name":"nfs.csi.k8s.io"},
                     "spec":{"attachRequired":false}}""");
            cluster.create("app", PersistentVolumeClaim.class, claim("disk"));
            cluster.create("app", PersistentVolumeClaim.class, claim("share"));
            cluster.await(PersistentVolumeClaim.class, "app", "disk", AttachDetachControllerTest::bound);
            cluster.await(PersistentVolumeClaim.class, "app", "share", AttachDetachControllerTest::bound);

            cluster.create("app", Pod.class, pod("db", "disk"));
            cluster.create("app", Pod.class, pod("web", "share"));
            String name = AttachDetachController.attachmentName("vol-disk", "ebs.csi.aws.com", "node-1");
            assertThat(name).matches("csi-[0-9a-f]{64}");
            VolumeAttachment va = cluster.await(VolumeAttachment.class, null, name,
                    v -> v.getStatus() != null && Boolean.TRUE.equals(v.getStatus().getAttached()));
            assertThat(va.getSpec().getAttacher()).isEqualTo("ebs.csi.aws.com");
            assertThat(va.getSpec().getNodeName()).isEqualTo("node-1");
            assertThat(va.getSpec().getSource().getPersistentVolumeName()).isEqualTo("disk");
            assertThat(cluster.awaitEvent("app", "db", "SuccessfulAttachVolume"))
                    .isEqualTo("AttachVolume.Attach succeeded for volume \"disk\" ");
            // a driver whose CSIDriver needs no attaching gets none
            assertThat(cluster.list(VolumeAttachment.class, null)).extracting(v -> v.getSpec().getSource()
                    .getPersistentVolumeName()).containsExactly("disk");

            cluster.store(Pod.class).delete("app", "db", new DeleteOptions(false, 0L, null, null, null));
            cluster.awaitGone(VolumeAttachment.class, null, name);
        }
    }

    @Test
    void theNodeListsTheAttachedVolumeByItsUniqueNameUntilItIsDetached() {
        try (StoppedCluster cluster = cluster()) {
            String name = attachedDisk(cluster);
            Node node = cluster.get(Node.class, null, "node-1");
            assertThat(node.getStatus().getVolumesAttached()).singleElement().satisfies(v -> {
                assertThat(v.getName()).isEqualTo(DISK);
                assertThat(v.getDevicePath()).isEmpty();
            });
            assertThat(cluster.get(VolumeAttachment.class, null, name).getStatus().getAttached()).isTrue();

            cluster.store(Pod.class).delete("app", "db", new DeleteOptions(false, 0L, null, null, null));
            cluster.awaitGone(VolumeAttachment.class, null, name);
            assertThat(attached(cluster.get(Node.class, null, "node-1"))).isEmpty();
        }
    }

    @Test
    void aVolumeTheKubeletStillReportsInUseIsDetachedOnceItNoLongerDoes() {
        try (StoppedCluster cluster = cluster()) {
            String name = attachedDisk(cluster);
            inUse(cluster, List.of(DISK));
            int deadlines = cluster.pendingDeadlines();
            cluster.store(Pod.class).delete("app", "db", new DeleteOptions(false, 0L, null, null, null));
            // the controller waits for the kubelet to unmount it, and comes back after kube's six minutes
            cluster.awaitUntil(() -> cluster.pendingDeadlines() > deadlines);
            assertThat(cluster.exists(VolumeAttachment.class, null, name)).isTrue();
            assertThat(attached(cluster.get(Node.class, null, "node-1"))).containsExactly(DISK);

            inUse(cluster, List.of());
            cluster.awaitGone(VolumeAttachment.class, null, name);
            assertThat(attached(cluster.get(Node.class, null, "node-1"))).isEmpty();
        }
    }

    @Test
    void aVolumeStillInUseIsDetachedAfterSixMinutes() {
        try (StoppedCluster cluster = cluster()) {
            String name = attachedDisk(cluster);
            inUse(cluster, List.of(DISK));
            int deadlines = cluster.pendingDeadlines();
            cluster.store(Pod.class).delete("app", "db", new DeleteOptions(false, 0L, null, null, null));
            cluster.awaitUntil(() -> cluster.pendingDeadlines() > deadlines);
            cluster.advance(AttachDetachController.MAX_WAIT_FOR_UNMOUNT.minusSeconds(1));
            assertThat(cluster.exists(VolumeAttachment.class, null, name)).isTrue();
            cluster.advance(Duration.ofSeconds(1));
            cluster.awaitGone(VolumeAttachment.class, null, name);
            assertThat(attached(cluster.get(Node.class, null, "node-1"))).isEmpty();
        }
    }
}

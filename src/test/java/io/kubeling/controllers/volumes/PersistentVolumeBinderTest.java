package io.kubeling.controllers.volumes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.DeleteOptions;
import io.kubeling.registry.WriteOptions;

/** The PersistentVolume controller and its simulated provisioner on the registry. */
class PersistentVolumeBinderTest {

    private static String claim(String name, String className, String size, String extra) {
        return """
                {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"%s"},
                 "spec":{"accessModes":["ReadWriteOnce"],%s"resources":{"requests":{"storage":"%s"}}%s}}"""
                .formatted(name, className == null ? "" : "\"storageClassName\":\"" + className + "\",", size, extra);
    }

    private static String volume(String name, String className, String size, String policy, String labels) {
        return """
                {"apiVersion":"v1","kind":"PersistentVolume","metadata":{"name":"%s","labels":%s},
                 "spec":{"capacity":{"storage":"%s"},"accessModes":["ReadWriteOnce","ReadOnlyMany"],
                   "storageClassName":"%s","persistentVolumeReclaimPolicy":"%s","hostPath":{"path":"/data/%s"}}}"""
                .formatted(name, labels, size, className, policy, name);
    }

    private static boolean bound(PersistentVolumeClaim c) {
        return c.getStatus() != null && "Bound".equals(c.getStatus().getPhase());
    }

    private static String phase(PersistentVolume v) {
        return v.getStatus() == null ? null : v.getStatus().getPhase();
    }

    @Test
    void theDefaultClassProvisionsAVolumeAtOnceAndBindsBothWays() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            DefaultStorageClass.ensure(cluster.registry);
            StorageClass standard = cluster.get(StorageClass.class, null, "standard");
            assertThat(standard.getMetadata().getAnnotations()).containsEntry(Claims.DEFAULT_CLASS, "true");
            assertThat(standard.getProvisioner()).isEqualTo(DefaultStorageClass.PROVISIONER);
            cluster.start(new PersistentVolumeBinder(cluster.kit()));

            PersistentVolumeClaim pvc = cluster.create("app", PersistentVolumeClaim.class, claim("data", "standard", "2Gi", ""));
            PersistentVolumeClaim done = cluster.await(PersistentVolumeClaim.class, "app", "data",
                    PersistentVolumeBinderTest::bound);
            String pvName = "pvc-" + pvc.getMetadata().getUid();
            assertThat(done.getSpec().getVolumeName()).isEqualTo(pvName);
            assertThat(done.getStatus().getCapacity()).isEqualTo(Map.of("storage", new Quantity("2Gi")));
            assertThat(done.getStatus().getAccessModes()).containsExactly("ReadWriteOnce");
            assertThat(done.getMetadata().getAnnotations()).containsEntry("pv.kubernetes.io/bind-completed", "yes")
                    .containsEntry("pv.kubernetes.io/bound-by-controller", "yes")
                    .containsEntry("volume.kubernetes.io/storage-provisioner", "kubeling.io/hostpath");

            PersistentVolume pv = cluster.await(PersistentVolume.class, null, pvName, v -> "Bound".equals(phase(v)));
            assertThat(pv.getSpec().getClaimRef().getUid()).isEqualTo(pvc.getMetadata().getUid());
            assertThat(pv.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Delete");
            assertThat(pv.getSpec().getStorageClassName()).isEqualTo("standard");
            assertThat(pv.getMetadata().getAnnotations()).containsEntry("pv.kubernetes.io/provisioned-by",
                    "kubeling.io/hostpath");
            assertThat(cluster.awaitEvent("app", "data", "ProvisioningSucceeded"))
                    .isEqualTo("Successfully provisioned volume " + pvName);

            // the claim goes, and the volume with it, as its Delete policy says
            cluster.store(PersistentVolumeClaim.class).delete("app", "data", DeleteOptions.DEFAULT);
            cluster.awaitGone(PersistentVolume.class, null, pvName);
        }
    }

    @Test
    void staticVolumesBindByClassSizeModesAndSelectorSmallestFirst() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.start(new PersistentVolumeBinder(cluster.kit()));
            cluster.create(null, PersistentVolume.class, volume("small", "manual", "1Gi", "Retain", "{}"));
            cluster.create(null, PersistentVolume.class, volume("medium", "manual", "5Gi", "Retain", "{}"));
            cluster.create(null, PersistentVolume.class, volume("large", "manual", "10Gi", "Retain", "{}"));
            cluster.create(null, PersistentVolume.class, volume("fast", "manual", "20Gi", "Retain", "{\"tier\":\"fast\"}"));
            cluster.create(null, PersistentVolume.class, volume("other", "slow", "5Gi", "Retain", "{}"));
            for (String name : List.of("small", "medium", "large", "fast", "other")) {
                cluster.await(PersistentVolume.class, null, name, v -> "Available".equals(phase(v)));
            }

            cluster.create("app", PersistentVolumeClaim.class, claim("three", "manual", "3Gi", ""));
            assertThat(cluster.await(PersistentVolumeClaim.class, "app", "three", PersistentVolumeBinderTest::bound)
                    .getSpec().getVolumeName()).isEqualTo("medium");
            cluster.create("app", PersistentVolumeClaim.class, claim("picky", "manual", "1Gi",
                    ",\"selector\":{\"matchLabels\":{\"tier\":\"fast\"}}"));
            PersistentVolumeClaim picky = cluster.await(PersistentVolumeClaim.class, "app", "picky",
                    PersistentVolumeBinderTest::bound);
            assertThat(picky.getSpec().getVolumeName()).isEqualTo("fast");
            assertThat(picky.getStatus().getCapacity()).isEqualTo(Map.of("storage", new Quantity("20Gi")));
            assertThat(picky.getStatus().getAccessModes()).containsExactly("ReadWriteOnce", "ReadOnlyMany");

            cluster.create("app", PersistentVolumeClaim.class, claim("huge", "manual", "50Gi", ""));
            assertThat(cluster.awaitEvent("app", "huge", "ProvisioningFailed"))
                    .isEqualTo("storageclass.storage.k8s.io \"manual\" not found");
            cluster.create("app", PersistentVolumeClaim.class, claim("classless", "", "1Gi", ""));
            assertThat(cluster.awaitEvent("app", "classless", "FailedBinding"))
                    .isEqualTo("no persistent volumes available for this claim and no storage class is set");
            assertThat(cluster.get(PersistentVolumeClaim.class, "app", "huge").getStatus().getPhase()).isEqualTo("Pending");

            // Retain keeps a released volume, with its claimRef, out of reach of new claims
            cluster.store(PersistentVolumeClaim.class).delete("app", "three", DeleteOptions.DEFAULT);
            cluster.await(PersistentVolume.class, null, "medium", v -> "Released".equals(phase(v)));
            assertThat(cluster.get(PersistentVolume.class, null, "medium").getSpec().getClaimRef().getName())
                    .isEqualTo("three");
        }
    }

    @Test
    void waitForFirstConsumerProvisionsOnTheSelectedNode() {
        try (StoppedCluster cluster = new StoppedCluster()) {
            cluster.create(null, StorageClass.class, """
                    {"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"local"},
                     "provisioner":"kubeling.io/hostpath","volumeBindingMode":"WaitForFirstConsumer"}""");
            cluster.start(new PersistentVolumeBinder(cluster.kit()));
            cluster.create("app", PersistentVolumeClaim.class, claim("late", "local", "1Gi", ""));
            assertThat(cluster.awaitEvent("app", "late", "WaitForFirstConsumer"))
                    .isEqualTo("waiting for first consumer to be created before binding");
            assertThat(cluster.list(PersistentVolume.class, null)).isEmpty();

            cluster.store(PersistentVolumeClaim.class).update("app", "late", null, c -> {
                c.getMetadata().setAnnotations(Map.of(Claims.SELECTED_NODE, "node-2"));
                return c;
            }, WriteOptions.DEFAULT);
            PersistentVolumeClaim bound = cluster.await(PersistentVolumeClaim.class, "app", "late",
                    PersistentVolumeBinderTest::bound);
            PersistentVolume pv = cluster.get(PersistentVolume.class, null, bound.getSpec().getVolumeName());
            assertThat(pv.getSpec().getNodeAffinity().getRequired().getNodeSelectorTerms().get(0).getMatchExpressions()
                    .get(0).getValues()).containsExactly("node-2");
        }
    }
}

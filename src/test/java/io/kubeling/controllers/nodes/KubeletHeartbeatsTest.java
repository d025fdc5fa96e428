package io.kubeling.controllers.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.kubeling.config.ControlPlaneProperties;
import io.kubeling.config.KubelingProperties;
import io.kubeling.config.SimulationProperties;
import io.kubeling.controllers.StoppedCluster;
import io.kubeling.registry.ListOptions;
import io.kubeling.resources.csinodes.CSINodeResource;

class KubeletHeartbeatsTest {

    private static final int NODES = 40;

    private static SimulationProperties nodes(int count) {
        return new SimulationProperties(true, 0, new SimulationProperties.Nodes(count, "node", null, "4", "16Gi", 110,
                "10.244.0.0/16", "172.18.0.0/16", null, null, null), StoppedCluster.simulation().heartbeat());
    }

    private static KubeletHeartbeats heartbeats(StoppedCluster cluster, int count) {
        for (String name : List.of("default", KubeletHeartbeats.LEASE_NAMESPACE)) {
            Namespace namespace = new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
            cluster.create(namespace);
        }
        KubelingProperties kubeling = new KubelingProperties(Path.of("data"), "127.0.0.1", 8080, false, null, null,
                null, null, "v1.32.4", null, null, null);
        return new KubeletHeartbeats(cluster.registry, cluster.feed, cluster.events, cluster.time, nodes(count),
                kubeling, new ControlPlaneProperties(false));
    }

    /** A cluster that serves CSINodes, which each kubelet makes for its node. */
    private static StoppedCluster cluster() {
        return new StoppedCluster(List.of(new CSINodeResource().csiNodes()), List.of());
    }

    private static Map<String, Instant> renewals(StoppedCluster cluster) {
        Map<String, Instant> renewed = new TreeMap<>();
        for (Lease lease : cluster.store(Lease.class).list(KubeletHeartbeats.LEASE_NAMESPACE, ListOptions.ALL)
                .items()) {
            renewed.put(lease.getMetadata().getName(), lease.getSpec().getRenewTime().toInstant());
        }
        return renewed;
    }

    @Test
    void eachKubeletRenewsItsLeaseEveryTenSecondsAtItsOwnPointOfTheInterval() {
        try (StoppedCluster cluster = cluster()) {
            cluster.start(heartbeats(cluster, NODES));
            await().atMost(Duration.ofSeconds(20)).until(() -> renewals(cluster).size() == NODES);
            Instant start = cluster.now();
            for (int second = 0; second < 10; second++) {
                cluster.advance(Duration.ofSeconds(1));
            }
            Map<String, Instant> first = renewals(cluster);
            assertThat(first).hasSize(NODES).allSatisfy((node, at) -> assertThat(at).isAfter(start)
                    .isBeforeOrEqualTo(start.plusSeconds(10)));
            // spread over the interval rather than all at one instant
            assertThat(first.values().stream().distinct().count()).isEqualTo(10);
            for (int second = 0; second < 10; second++) {
                cluster.advance(Duration.ofSeconds(1));
            }
            Map<String, Instant> second = renewals(cluster);
            assertThat(second).allSatisfy((node, at) -> assertThat(at).isEqualTo(first.get(node).plusSeconds(10)));
        }
    }

    @Test
    void anUnchangedNodeStatusIsPostedOnlyEveryFiveMinutes() {
        try (StoppedCluster cluster = cluster()) {
            cluster.start(heartbeats(cluster, 1));
            await().atMost(Duration.ofSeconds(20)).until(() -> renewals(cluster).size() == 1);
            Map<String, String> before = versions(cluster);
            Map<String, Instant> renewed = renewals(cluster);
            cluster.advance(Duration.ofMinutes(4));
            assertThat(versions(cluster)).isEqualTo(before);
            assertThat(renewals(cluster).get("node-1")).isEqualTo(renewed.get("node-1").plus(Duration.ofMinutes(4)));
            cluster.advance(Duration.ofMinutes(1).plusSeconds(10));
            assertThat(versions(cluster)).allSatisfy((node, version) -> assertThat(version).isNotEqualTo(
                    before.get(node)));
        }
    }

    @Test
    void eachKubeletMakesTheCsiNodeOfItsNodeOwnedByIt() {
        try (StoppedCluster cluster = cluster()) {
            cluster.start(heartbeats(cluster, 2));
            await().atMost(Duration.ofSeconds(20)).until(() -> cluster.list(CSINode.class, null).size() == 2);
            Node node = cluster.get(Node.class, null, "node-1");
            CSINode csiNode = cluster.get(CSINode.class, null, "node-1");
            assertThat(csiNode.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getKind()).isEqualTo("Node");
                assertThat(owner.getUid()).isEqualTo(node.getMetadata().getUid());
            });
            assertThat(csiNode.getMetadata().getAnnotations()).containsEntry(
                    "storage.alpha.kubernetes.io/migrated-plugins", "kubernetes.io/aws-ebs,kubernetes.io/azure-disk,"
                            + "kubernetes.io/azure-file,kubernetes.io/cinder,kubernetes.io/gce-pd,"
                            + "kubernetes.io/portworx-volume,kubernetes.io/vsphere-volume");
            assertThat(csiNode.getSpec().getDrivers()).isEmpty();
            assertThat(csiNode.getMetadata().getManagedFields()).extracting(m -> m.getManager())
                    .containsExactly("kubelet");

            // a Node deleted is registered again by its kubelet, and its CSINode now belongs to the new one
            cluster.store(Node.class).delete(null, "node-1", io.kubeling.registry.DeleteOptions.DEFAULT);
            cluster.advanceUntil(Duration.ofSeconds(1), Duration.ofSeconds(30),
                    () -> cluster.exists(Node.class, null, "node-1"));
            String uid = cluster.get(Node.class, null, "node-1").getMetadata().getUid();
            assertThat(uid).isNotEqualTo(node.getMetadata().getUid());
            cluster.await(CSINode.class, null, "node-1",
                    c -> c.getMetadata().getOwnerReferences().get(0).getUid().equals(uid));
        }
    }

    private static Map<String, String> versions(StoppedCluster cluster) {
        Map<String, String> versions = new TreeMap<>();
        for (Node node : cluster.store(Node.class).list(null, ListOptions.ALL).items()) {
            versions.put(node.getMetadata().getName(), node.getMetadata().getResourceVersion());
        }
        return versions;
    }
}

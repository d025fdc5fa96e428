package io.kubeling.controllers.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

class NodeKubeletTest {

    private final SimulatedNode node = new SimulatedNode();

    private static Pod pod(String name, String... command) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .addNewContainer().withName("c").withImage("busybox").withCommand(command).endContainer().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
    }

    private static void markDeleted(Pod pod, SimulatedNode node, long grace) {
        pod.getMetadata().setDeletionTimestamp(node.clock.instant().plusSeconds(grace).toString());
        pod.getMetadata().setDeletionGracePeriodSeconds(grace);
    }

    @Test
    void aCutOffNodeWritesNothingAndSeesNoPodChanges() {
        Pod running = node.run(pod("running", "sleep", "3600"));
        node.advance(Duration.ofSeconds(5));
        assertThat(node.status(running).getPhase()).isEqualTo("Running");
        int written = node.statuses(running).size();
        int recorded = node.events(running).size();

        node.kubelet.disconnect();
        markDeleted(running, node, 30);
        node.kubelet.podChanged(running);
        Pod newcomer = node.run(pod("newcomer", "sleep", "3600"));
        Pod quitter = node.run(pod("quitter", "sleep", "2"));
        node.advance(Duration.ofMinutes(2));

        assertThat(node.statuses(running)).hasSize(written);
        assertThat(node.events(running)).hasSize(recorded);
        assertThat(node.statuses(newcomer)).isEmpty();
        assertThat(node.statuses(quitter)).isEmpty();
        assertThat(node.port.deleted).isEmpty();
        assertThat(node.kubelet.podCount()).isEqualTo(1);
    }

    @Test
    void backOnlineItCatchesUpWithThePodsAsTheyAreNow() {
        Pod stays = node.run(pod("stays", "sleep", "3600"));
        Pod leaves = node.run(pod("leaves", "sleep", "3600"));
        Pod gone = node.run(pod("gone", "sleep", "3600"));
        node.advance(Duration.ofSeconds(5));
        int stayed = node.statuses(stays).size();

        node.kubelet.disconnect();
        markDeleted(leaves, node, 10);
        Pod newcomer = pod("newcomer", "sleep", "3600");
        newcomer.getMetadata().setUid("newcomer-uid");
        newcomer.getMetadata().setNamespace("ns");
        newcomer.getSpec().setNodeName("node-a");
        node.advance(Duration.ofMinutes(1));
        node.kubelet.reconnect(List.of(stays, leaves, newcomer));
        node.timers.runDue();

        assertThat(node.statuses(stays)).hasSize(stayed + 1);
        assertThat(node.status(stays).getPhase()).isEqualTo("Running");
        assertThat(node.events(leaves)).contains("Normal Killing Stopping container c");
        assertThat(node.statuses(newcomer)).isNotEmpty();
        assertThat(node.statuses(gone)).hasSize(stayed);
        assertThat(node.kubelet.podCount()).isEqualTo(3);
        node.advance(Duration.ofSeconds(11));
        assertThat(node.port.deleted).containsExactly("leaves");
        assertThat(node.status(newcomer).getPhase()).isEqualTo("Running");
    }

    @Test
    void aDeletionLostWhileCutOffIsMadeAgainOnceBack() {
        Pod pod = node.run(pod("bye", "sleep", "3600"));
        node.advance(Duration.ofSeconds(5));
        node.delete(pod, 2);
        node.kubelet.disconnect();
        node.advance(Duration.ofSeconds(5));
        assertThat(node.port.deleted).isEmpty();

        node.kubelet.reconnect(List.of(pod));
        node.timers.runDue();

        assertThat(node.port.deleted).containsExactly("bye");
        assertThat(node.status(pod).getContainerStatuses().get(0).getState().getTerminated().getExitCode())
                .isEqualTo(137);
    }
}

package io.kubeling.controllers.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Node;
import io.kubeling.config.SimulationProperties;

class NodeTemplateTest {

    @Test
    void blueprintsFollowTheSettingsAndTheirOverrides() {
        SimulationProperties.Nodes settings = new SimulationProperties.Nodes(2, "worker", null, "4", "16Gi", 110,
                "10.244.0.0/16", "172.18.0.0/16", Map.of("tier", "web"), List.of("dedicated=web:NoSchedule"),
                Map.of("worker-2", new SimulationProperties.NodeOverride("8", "32Gi", 50, Map.of("gpu", "true"),
                        List.of())));
        List<NodeBlueprint> blueprints = NodeBlueprint.of(settings, false);
        assertThat(blueprints).extracting(NodeBlueprint::name).containsExactly("worker-1", "worker-2");
        assertThat(blueprints.get(0).taints()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("dedicated");
            assertThat(t.getValue()).isEqualTo("web");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        NodeBlueprint second = blueprints.get(1);
        assertThat(second.cpu()).isEqualTo("8");
        assertThat(second.pods()).isEqualTo(50);
        assertThat(second.labels()).containsEntry("tier", "web").containsEntry("gpu", "true");
        assertThat(second.taints()).isEmpty();

        Node node = NodeTemplate.build(second, "10.244.0.0/16", "172.18.0.0/16", "v1.32.4",
                Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(node.getSpec().getPodCIDR()).isEqualTo("10.244.1.0/24");
        assertThat(node.getStatus().getAddresses().get(0).getAddress()).isEqualTo("172.18.0.3");
        assertThat(node.getStatus().getCapacity().get("memory").toString()).isEqualTo("32Gi");
        assertThat(node.getStatus().getAllocatable().get("memory").toString()).isEqualTo("32668Mi");
        assertThat(node.getStatus().getAllocatable().get("pods").toString()).isEqualTo("50");
        assertThat(node.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", "worker-2")
                .containsEntry("gpu", "true");
    }
}
